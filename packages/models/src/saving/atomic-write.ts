import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { type FileHandle, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ValueError } from '@recur/tensor';
import { isProcessAlive } from './process-alive.js';

/** What {@link writeFileAtomic} accepts: bytes, UTF-8 text, or chunks of bytes (sync or async). */
export type AtomicWriteData =
  | Uint8Array
  | string
  | Iterable<Uint8Array>
  | AsyncIterable<Uint8Array>;

// `.${base}.${pid}.${12 hex digits}.tmp`: the leading dot hides it, the pid tells
// removeStaleTempFiles whether its writer may still be running.
const tempFilePattern = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes a file so that readers (and a crash or power loss at any moment) see either the old
 * content or the new, never a mix or a partial file: the data goes to a temporary file in the
 * same directory, is flushed to disk, and is renamed over the target; the directory is then
 * flushed so the rename itself survives a power loss (best effort: not every platform allows it).
 * On any error the temporary file is removed and the error is rethrown; the target is untouched.
 *
 * Chunks are written as they come, so a large file never needs to exist as one buffer. A target
 * that is a symbolic link is replaced by a regular file (the link is not followed).
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from '@recur/models';
 * await writeFileAtomic('model.json', JSON.stringify({ layers: [] }));
 * await writeFileAtomic('weights.bin', [new Uint8Array([1, 2]), new Uint8Array([3])]);
 * ```
 */
export async function writeFileAtomic(path: string, data: AtomicWriteData): Promise<void> {
  const tempPath = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    // 'wx' fails rather than reuse a file of the same name, however unlikely.
    handle = await open(tempPath, 'wx');
    for await (const chunk of chunksOf(data)) await writeFully(handle, chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tempPath, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(tempPath).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Removes the temporary files that {@link writeFileAtomic} leaves in `directory` when its process
 * is killed mid-write. Only files named like its temporary files are considered, and only those
 * whose writing process no longer exists are removed (a write in progress, in this process or
 * another, is left alone). A missing directory has nothing to clean.
 *
 * @returns the paths removed.
 * @example
 * ```ts
 * import { removeStaleTempFiles } from '@recur/models';
 * const removed = await removeStaleTempFiles('checkpoints');
 * console.log(`removed ${removed.length} leftover temporary files`);
 * ```
 */
export async function removeStaleTempFiles(directory: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = tempFilePattern.exec(entry.name);
    if (!entry.isFile() || match === null || isProcessAlive(Number(match[1]))) continue;
    const path = join(directory, entry.name);
    try {
      await unlink(path);
      removed.push(path);
    } catch (error) {
      // Another cleaner got there first: the file is gone either way.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

async function* chunksOf(data: AtomicWriteData): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') {
    yield Buffer.from(data, 'utf8');
    return;
  }
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  if (data === null || typeof data !== 'object' || !isIterable(data)) {
    throw new ValueError(
      'writeFileAtomic',
      'a Uint8Array, a string, or an iterable of Uint8Array chunks',
      describe(data),
    );
  }
  let index = 0;
  for await (const chunk of data) {
    if (!(chunk instanceof Uint8Array)) {
      throw new ValueError(
        'writeFileAtomic',
        'Uint8Array chunks',
        `${describe(chunk)} at chunk ${index}`,
      );
    }
    yield chunk;
    index++;
  }
}

function isIterable(value: object): value is Iterable<Uint8Array> | AsyncIterable<Uint8Array> {
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let written = 0;
  while (written < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
    written += bytesWritten;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories and some file systems refuse fsync on them; the rename
    // has happened, only its durability across a power loss is less certain there.
  } finally {
    await handle?.close().catch(() => {});
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'an object';
}
