import { ModelFileError } from './saving-errors.js';

// Keys that change what an object is when code later spreads or assigns it; no recur file needs
// them, so they are refused outright rather than carried along.
const reservedKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON from an untrusted file with its nesting bounded and reserved keys refused. The
 * depth is checked on the raw text first, in one pass with constant memory: `JSON.parse` itself
 * recurses, and a few million nested brackets would exhaust the stack or the heap (a 60 MB file of
 * 30,000,000 `[` aborted the process before this check).
 */
export function parseUntrustedJson(text: string, path: string, maxDepth: number): unknown {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // Skip a string: brackets inside it do not nest.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++)
        if (text.charCodeAt(i) === 0x5c) i++;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth)
        throw new ModelFileError(
          path,
          `expected JSON nested at most ${maxDepth} levels deep (maxDepth), found deeper nesting at character ${i}`,
        );
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  try {
    return JSON.parse(text, (key, value) => {
      if (reservedKeys.has(key))
        throw new ModelFileError(path, `expected no reserved key '${key}' in the file`);
      return value;
    });
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(path, `expected valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
