import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bench workspace root. This file sits at src/references/ (vitest, from sources) or
 * dist/references/ (compiled): two levels below the root either way.
 */
export const BENCH_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the standalone runners (C++, Python) and their build outputs live. */
export const REFERENCES_ROOT = join(BENCH_ROOT, 'references');
