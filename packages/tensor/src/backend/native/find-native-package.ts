import { createRequire } from 'node:module';
import type * as NativePackage from '@recur/native';

/** `@recur/native`'s exports, as this package uses them. */
export type NativeModule = typeof NativePackage;

/** `@recur/native` when it is installed and matches this package, otherwise why not and the fix. */
export type NativePackageLookup =
  | { native: NativeModule; version: string; reason: null; fix: null }
  | { native: null; version: string | null; reason: string; fix: string };

type RequireFunction = (id: string) => unknown;

const requireHere = createRequire(import.meta.url);

function isMissing(error: unknown, id: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${id}'`)
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

// This file sits three folders below the package root, in src/ and in dist/ alike.
function ownVersion(): string {
  return (requireHere('../../../package.json') as { version: string }).version;
}

/**
 * Finds the optional `@recur/native` package (an optional peer dependency: a pure-TypeScript
 * install works without it). `require()` rather than `import()`, because the backend is chosen
 * synchronously at the first op; it loads the ES module synchronously (Node 20.19 and newer).
 * One version line for every recur package, so the two must have the same version.
 */
export function findNativePackage(
  load: RequireFunction = requireHere,
  own = ownVersion(),
): NativePackageLookup {
  let version: string;
  try {
    version = (load('@recur/native/package.json') as { version: string }).version;
  } catch (error) {
    if (isMissing(error, '@recur/native/package.json'))
      return {
        native: null,
        version: null,
        reason: '@recur/native is not installed',
        fix: 'npm install @recur/native (it builds the addon; needs cmake, a C++ compiler and OpenBLAS)',
      };
    return {
      native: null,
      version: null,
      reason: `@recur/native could not be read: ${firstLine(error)}`,
      fix: 'npm install @recur/native',
    };
  }
  if (version !== own)
    return {
      native: null,
      version,
      reason: `@recur/native ${version} is installed, but @recur/tensor ${own} needs the same version`,
      fix: `npm install @recur/native@${own}`,
    };
  try {
    return { native: load('@recur/native') as NativeModule, version, reason: null, fix: null };
  } catch (error) {
    return {
      native: null,
      version,
      reason: `@recur/native is installed but could not be loaded: ${firstLine(error)}`,
      fix: `npm install @recur/native@${own}`,
    };
  }
}
