import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits in src/ (sources) and dist/ (the build), one level below the package root.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A path inside the installed `@recur/native` package (where the build puts the addon).
 *
 * @example
 * ```ts
 * import { packagePath } from '@recur/native';
 * console.log(packagePath('build', 'build.log'));
 * ```
 */
export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
