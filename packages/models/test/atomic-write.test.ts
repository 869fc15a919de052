import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '@recur/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from '../src/saving/atomic-write.js';

let root: string;
let directoryCount = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'recur-atomic-write-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh empty directory, so listings show exactly what a test left behind. */
async function freshDirectory(): Promise<string> {
  directoryCount++;
  const directory = join(root, `case-${directoryCount}`);
  await mkdir(directory);
  return directory;
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const tempName = /^\.target\.bin\.\d+\.[0-9a-f]{12}\.tmp$/;

describe('writeFileAtomic', () => {
  it('writes bytes, text, chunk arrays and async chunks', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    await writeFileAtomic(path, bytes('raw bytes'));
    expect(await readFile(path, 'utf8')).toBe('raw bytes');
    await writeFileAtomic(path, 'text ✓');
    expect(await readFile(path, 'utf8')).toBe('text ✓');
    await writeFileAtomic(path, [bytes('one,'), new Uint8Array(0), bytes('two')]);
    expect(await readFile(path, 'utf8')).toBe('one,two');
    async function* chunks() {
      yield bytes('async ');
      yield bytes('chunks');
    }
    await writeFileAtomic(path, chunks());
    expect(await readFile(path, 'utf8')).toBe('async chunks');
    // A view into a larger buffer writes only its own bytes.
    await writeFileAtomic(path, bytes('xxsubarrayxx').subarray(2, 10));
    expect(await readFile(path, 'utf8')).toBe('subarray');
    expect(await readdir(directory)).toEqual(['target.bin']);
  });

  it('keeps the old content and removes the temporary file when the chunks fail midway', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    await writeFile(path, 'old content');
    function* failing() {
      yield bytes('new content, first half');
      throw new Error('source failed');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('source failed');
    expect(await readFile(path, 'utf8')).toBe('old content');
    expect(await readdir(directory)).toEqual(['target.bin']);
  });

  it('shows readers only the old content while the new one is being written', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    await writeFile(path, 'old content');
    let firstChunkWritten!: () => void;
    const firstChunk = new Promise<void>((resolve) => {
      firstChunkWritten = resolve;
    });
    let releaseWriter!: () => void;
    const release = new Promise<void>((resolve) => {
      releaseWriter = resolve;
    });
    async function* slow() {
      yield bytes('new ');
      // Asked for the next chunk: the first one is on disk, in the temporary file.
      firstChunkWritten();
      await release;
      yield bytes('content');
    }
    const writing = writeFileAtomic(path, slow());
    await firstChunk;
    expect(await readFile(path, 'utf8')).toBe('old content');
    const during = await readdir(directory);
    expect(during).toHaveLength(2);
    const temp = during.find((name) => name !== 'target.bin')!;
    expect(temp).toMatch(tempName);
    expect(temp).toContain(`.${process.pid}.`);
    expect(await readFile(join(directory, temp), 'utf8')).toBe('new ');
    // A cleaner must not remove a write in progress.
    expect(await removeStaleTempFiles(directory)).toEqual([]);
    releaseWriter();
    await writing;
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect(await readdir(directory)).toEqual(['target.bin']);
  });

  it('rejects chunks that are not bytes, leaving the old content and no temporary file', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    await writeFile(path, 'old content');
    const error = await writeFileAtomic(path, [bytes('fine'), 42 as never]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValueError);
    expect((error as ValueError).message).toBe(
      'writeFileAtomic: expected Uint8Array chunks, received number at chunk 1',
    );
    await expect(writeFileAtomic(path, 42 as never)).rejects.toBeInstanceOf(ValueError);
    expect(await readFile(path, 'utf8')).toBe('old content');
    expect(await readdir(directory)).toEqual(['target.bin']);
  });

  it('fails with the system error when the directory does not exist', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'missing', 'target.bin');
    await expect(writeFileAtomic(path, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(directory)).toEqual([]);
  });

  it('fails when the target is a directory, leaving it and no temporary file', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    await mkdir(path);
    await expect(writeFileAtomic(path, 'x')).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|EPERM|ENOTEMPTY|EEXIST)$/),
    });
    expect(await readdir(directory)).toEqual(['target.bin']);
  });

  it('ends concurrent writes to one target with one complete content', async () => {
    const directory = await freshDirectory();
    const path = join(directory, 'target.bin');
    const contents = Array.from({ length: 12 }, (_, i) => `writer ${i} `.repeat(1000 + i));
    await Promise.all(contents.map((content) => writeFileAtomic(path, content)));
    expect(contents).toContain(await readFile(path, 'utf8'));
    expect(await readdir(directory)).toEqual(['target.bin']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only temporary files of writers that no longer run', async () => {
    const directory = await freshDirectory();
    // The pid of a process that has exited.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    expect(deadPid).toBeGreaterThan(0);
    const stale = `.target.bin.${deadPid}.0123456789ab.tmp`;
    const keep = [
      'target.bin',
      `.target.bin.${process.pid}.0123456789ab.tmp`, // this process: a write may be in progress
      '.hidden',
      'target.tmp',
      `.target.bin.${deadPid}.tmp`, // no random part
      `.target.bin.${deadPid}.0123456789AB.tmp`, // not our spelling
      `.target.bin.${deadPid}.0123456789ab.tmp.bak`,
      `target.bin.${deadPid}.0123456789ab.tmp`, // no leading dot
    ];
    for (const name of [stale, ...keep]) await writeFile(join(directory, name), 'x');
    const staleLookingDirectory = `.other.${deadPid}.abcdefabcdef.tmp`;
    await mkdir(join(directory, staleLookingDirectory));

    const removed = await removeStaleTempFiles(directory);
    expect(removed).toEqual([join(directory, stale)]);
    expect((await readdir(directory)).sort()).toEqual([...keep, staleLookingDirectory].sort());
    expect(await removeStaleTempFiles(directory)).toEqual([]);
  });

  it('finds nothing to remove in a missing directory', async () => {
    expect(await removeStaleTempFiles(join(root, 'no-such-directory'))).toEqual([]);
  });
});
