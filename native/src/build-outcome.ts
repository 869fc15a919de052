import { readFileSync } from 'node:fs';
import { packagePath } from './package-path.js';

/** What the last build of the addon (at install, `npx @recur/native build`, or in a clone) reported. */
export interface BuildOutcome {
  built: boolean;
  /** Why the addon was not built (`null` when it was). */
  reason: string | null;
  /** The one line the build printed. */
  line: string;
  /** ISO time the build finished. */
  finishedAt: string;
}

/**
 * The outcome `scripts/build-addon.mjs` recorded in `build/outcome.json`, or `null` when no build
 * has run here (or the record is unreadable). The loader repeats its reason when the addon is
 * missing, because npm hides what install scripts print.
 *
 * @example
 * ```ts
 * import { readBuildOutcome } from '@recur/native';
 * const outcome = readBuildOutcome();
 * console.log(outcome ? outcome.line : 'no build has run');
 * ```
 */
export function readBuildOutcome(): BuildOutcome | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(packagePath('build', 'outcome.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { built, reason, line, finishedAt } = value as Record<string, unknown>;
  if (typeof built !== 'boolean' || typeof line !== 'string' || typeof finishedAt !== 'string')
    return null;
  if (reason !== null && typeof reason !== 'string') return null;
  return { built, reason, line, finishedAt };
}
