import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js';
import { isProcessAlive } from './process-alive.js';

// A checkpoint is model.json plus the files it names. Each save writes its tensors under names
// of their own (a generation), and model.json, written last with one atomic rename, switches
// from the previous generation to the new one: whenever the process dies, model.json names
// either the previous complete set or the new one, never a mix. The generation carries the
// writer's pid, so files of a save that died can be told from those of a save still running.
const generationPattern = /^(weights|optimizer)\.(\d+)-[0-9a-f]{8}\.safetensors$/;

/** The kinds of tensor file a checkpoint has. */
export type CheckpointFileKind = 'weights' | 'optimizer';

/** A tensor file as model.json records it. */
export interface CheckpointFile {
  file: string;
  bytes: number;
  sha256: string;
}

/** A fresh generation for this process: `<pid>-<8 hex digits>`. */
export function newGeneration(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The file name of one kind of tensor file in a generation. */
export function generationFileName(kind: CheckpointFileKind, generation: string): string {
  return `${kind}.${generation}.safetensors`;
}

/**
 * Whether `name` may be a checkpoint's tensor file: a generation file, or the fixed names of the
 * first format version. Anything else (a path, `..`) is refused before it is joined to a folder.
 */
export function isCheckpointFileName(name: unknown, kind: CheckpointFileKind): name is string {
  if (typeof name !== 'string') return false;
  const match = generationPattern.exec(name);
  return match ? match[1] === kind : name === `${kind}.safetensors`;
}

/** Writes chunks atomically and returns what model.json records about the file. */
export async function writeCheckpointFile(
  directory: string,
  file: string,
  chunks: readonly Uint8Array[],
): Promise<CheckpointFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  await writeFileAtomic(join(directory, file), chunks);
  return { file, bytes, sha256: hash.digest('hex') };
}

/**
 * Removes what saves that died left in a checkpoint folder: their temporary files and the
 * generation files that model.json does not name (`keep`), when the process that wrote them is
 * gone. A save running now, here or in another process, keeps its files. Best effort on folders
 * the process may not write (a read-only mount): nothing there is removed, nothing is thrown.
 */
export async function removeAbandonedFiles(
  directory: string,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const removed: string[] = [];
  let entries: Dirent[];
  try {
    removed.push(...(await removeStaleTempFiles(directory)));
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const match = generationPattern.exec(entry.name);
    if (!entry.isFile() || !match || keep.has(entry.name)) continue;
    if (Number(match[2]) === process.pid || isProcessAlive(Number(match[2]))) continue;
    try {
      await unlink(join(directory, entry.name));
      removed.push(join(directory, entry.name));
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

/** Removes files, ignoring those already gone. */
export async function removeFiles(directory: string, files: Iterable<string>): Promise<void> {
  for (const file of files) {
    await unlink(join(directory, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
