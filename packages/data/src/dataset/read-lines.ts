import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Where streamed text comes from: a path, a file URL, or a readable stream (read once). */
export type TextSource = string | URL | Readable;

/**
 * @internal Opens a source for streaming. A path is opened first so a missing file fails here,
 * with its path, rather than as a stream error later; `owned` says whether to close it after.
 */
export async function openSource(source: TextSource): Promise<{ input: Readable; owned: boolean }> {
  if (typeof source === 'string' || source instanceof URL) {
    const handle = await open(source, 'r');
    return { input: handle.createReadStream(), owned: true };
  }
  return { input: source, owned: false };
}

/**
 * @internal The lines of a source, one at a time, with node:readline: LF and CRLF line ends, a
 * leading byte-order mark dropped. Only a window of the input is in memory at a time; leaving the
 * loop early closes the file.
 */
export async function* readLines(source: TextSource): AsyncGenerator<string> {
  const { input, owned } = await openSource(source);
  // crlfDelay: Infinity reads a CR LF pair as one line end even if split across chunks.
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  try {
    for await (const line of lines) {
      yield first && line.startsWith('\uFEFF') ? line.slice(1) : line;
      first = false;
    }
  } finally {
    lines.close();
    if (owned) input.destroy();
  }
}
