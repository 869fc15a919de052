import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { ModelFileError } from './saving-errors.js';

/** An open regular file and its size at the moment it was opened. */
export interface RegularFile {
  handle: FileHandle;
  size: number;
}

/**
 * Opens a file that came from outside for reading, refusing anything but a regular file. The
 * path may be a symbolic link: it is followed, and what it names is checked. O_NONBLOCK makes
 * opening a FIFO return at once instead of waiting for a writer forever, and the type is checked
 * on the opened descriptor, so the path cannot be swapped between the check and the read.
 * `/dev/zero`, a directory or a socket are refused before a byte is read.
 */
export async function openRegularFile(path: string): Promise<RegularFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ModelFileError(path, `cannot open the file (${messageOf(error)})`, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const kind = stats.isDirectory()
        ? 'a directory'
        : stats.isFIFO()
          ? 'a FIFO'
          : stats.isCharacterDevice() || stats.isBlockDevice()
            ? 'a device'
            : stats.isSocket()
              ? 'a socket'
              : 'not a regular file';
      throw new ModelFileError(path, `expected a regular file, found ${kind}`);
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close().catch(() => {});
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(path, `cannot read the file (${messageOf(error)})`, { cause: error });
  }
}

/** Reads a whole regular file of at most `maxBytes` bytes (checked before reading). */
export async function readRegularFile(
  path: string,
  maxBytes: number,
  limitName: string,
): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > maxBytes)
      throw new ModelFileError(
        path,
        `expected at most ${maxBytes} bytes (${limitName}), found ${size}`,
      );
    const bytes = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    if (done !== size)
      throw new ModelFileError(
        path,
        `the file shrank from ${size} to ${done} bytes while being read`,
      );
    return bytes;
  } finally {
    await handle.close().catch(() => {});
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
