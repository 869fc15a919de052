import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DType, type Tensor, tensor, ValueError } from '@recur/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError } from '../src/saving/saving-errors.js';
import {
  encodeSafetensors,
  readSafetensors,
  readSafetensorsHeader,
  type SafetensorsEntry,
  writeSafetensors,
} from '../src/saving/safetensors.js';

let directory: string;
let fileCount = 0;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'recur-safetensors-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A fresh path in the test directory. */
function freshPath(): string {
  fileCount++;
  return join(directory, `file-${fileCount}.safetensors`);
}

async function writeBytes(bytes: Uint8Array): Promise<string> {
  const path = freshPath();
  await writeFile(path, bytes);
  return path;
}

/** The bytes of a safetensors file with this exact header text (no padding added) and data. */
function fileBytes(header: string | Uint8Array, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const headerBytes = typeof header === 'string' ? Buffer.from(header, 'utf8') : header;
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(headerBytes.byteLength));
  return Buffer.concat([length, headerBytes, data]);
}

/** A file whose header is this object (JSON.stringify) followed by `dataBytes` zero bytes. */
function fileWithHeader(header: unknown, dataBytes: number): Uint8Array {
  return fileBytes(JSON.stringify(header), new Uint8Array(dataBytes));
}

async function readError(promise: Promise<unknown>): Promise<ModelFileError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelFileError);
  expect((error as ModelFileError).code).toBe('ERR_RECUR_MODEL_FILE');
  return error as ModelFileError;
}

async function expectFileError(
  bytes: Uint8Array,
  pattern: RegExp,
  options?: Parameters<typeof readSafetensors>[1],
): Promise<ModelFileError> {
  const path = await writeBytes(bytes);
  const error = await readError(readSafetensors(path, options));
  expect(error.path).toBe(path);
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  expect(error.detail).toMatch(pattern);
  return error;
}

function bytesOf(t: Tensor): Buffer {
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

describe('safetensors round trip', () => {
  const entries: SafetensorsEntry[] = [
    {
      name: 'lstm/kernel',
      tensor: tensor([1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e-45, 3.4e38], [2, 3]),
    },
    {
      name: 'lstm/bias',
      tensor: tensor([0.1, -1e308, Number.MIN_VALUE], undefined, { dtype: 'float64' }),
    },
    { name: 'step', tensor: tensor(7, undefined, { dtype: 'int32' }) },
    { name: 'empty', tensor: tensor([], [0]) },
    { name: 'empty/3d', tensor: tensor([], [2, 0, 3], { dtype: 'float64' }) },
    {
      name: 'ones/in/shape',
      tensor: tensor([-2147483648, 2147483647, 0, -1], [1, 1, 4, 1], { dtype: 'int32' }),
    },
    { name: 'scalar/f64', tensor: tensor(-2.5, undefined, { dtype: 'float64' }) },
    // Integer-like names: a JavaScript object would move them first; file order must not change.
    { name: '0', tensor: tensor([9], [1, 1]) },
  ];
  // fromEntries, so that "__proto__" is a plain key rather than the prototype.
  const metadata = Object.fromEntries([
    ['format', 'pt'],
    ['note', 'ünïcode ✓ "quoted" \\ back'],
    ['__proto__', 'plain data'],
    ['empty', ''],
  ]);

  it('reads back every dtype, shape and bit pattern, in the order written, with metadata', async () => {
    const path = freshPath();
    await writeSafetensors(path, entries, metadata);
    const { tensors, metadata: readMetadata } = await readSafetensors(path);

    expect([...tensors.keys()]).toEqual(entries.map((entry) => entry.name));
    for (const { name, tensor: written } of entries) {
      const read = tensors.get(name)!;
      expect(read.dtype, name).toBe(written.dtype);
      expect(read.shape, name).toEqual(written.shape);
      // Byte comparison: NaN, -0 and subnormals must survive exactly.
      expect(bytesOf(read).equals(bytesOf(written)), name).toBe(true);
      expect(read.data.buffer, name).not.toBe(written.data.buffer);
    }
    expect(Object.is(tensors.get('lstm/kernel')!.data[1], -0)).toBe(true);
    expect(tensors.get('step')!.item()).toBe(7);
    expect(tensors.get('ones/in/shape')!.toArray()).toEqual([
      [[[-2147483648], [2147483647], [0], [-1]]],
    ]);
    expect(readMetadata).toEqual(metadata);
    expect(Object.hasOwn(readMetadata, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(readMetadata)).toBe(Object.prototype);
  });

  it('pads the header with spaces so the data section starts 8-byte aligned', async () => {
    const path = freshPath();
    await writeSafetensors(path, entries, metadata);
    const bytes = await readFile(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = bytes.subarray(8, 8 + headerLength).toString('utf8');
    const json = header.trimEnd();
    expect(header.slice(json.length)).toMatch(/^ {0,7}$/);
    expect(() => JSON.parse(json)).not.toThrow();
    const totalData = entries.reduce((sum, entry) => sum + entry.tensor.data.byteLength, 0);
    expect(bytes.byteLength).toBe(8 + headerLength + totalData);
  });

  it('reads tensors without metadata as an empty metadata object, and a file with no tensors', async () => {
    const path = freshPath();
    await writeSafetensors(path, [{ name: 'x', tensor: tensor([1, 2]) }]);
    const header = await readSafetensorsHeader(path);
    expect(header.metadata).toEqual({});
    expect(header.tensors).toEqual([
      { name: 'x', dtype: 'float32', shape: [2], dataOffsets: [0, 8] },
    ]);
    expect(header.dataByteLength).toBe(8);
    expect(header.dataStart % 8).toBe(0);

    const emptyPath = freshPath();
    await writeSafetensors(emptyPath, []);
    const empty = await readSafetensors(emptyPath);
    expect(empty.tensors.size).toBe(0);
    expect((await readFile(emptyPath)).byteLength).toBe(16); // length + '{}' padded to 8
  });

  it('replaces an existing file whole and leaves no temporary file behind', async () => {
    const subdirectory = join(directory, 'replace');
    await mkdir(subdirectory);
    const path = join(subdirectory, 'weights.safetensors');
    await writeSafetensors(path, [{ name: 'old', tensor: tensor([1, 2, 3]) }]);
    await writeSafetensors(path, [{ name: 'new', tensor: tensor([4]) }]);
    const { tensors } = await readSafetensors(path);
    expect([...tensors.keys()]).toEqual(['new']);
    expect(await readdir(subdirectory)).toEqual(['weights.safetensors']);
  });
});

describe('safetensors bytes', () => {
  it('writes exactly the specified layout', async () => {
    const path = freshPath();
    await writeSafetensors(
      path,
      [
        { name: 'a', tensor: tensor([1.5, -2], [2]) },
        { name: 'b', tensor: tensor([1, -1, 256], [3], { dtype: 'int32' }) },
        { name: 'c', tensor: tensor(0.25, undefined, { dtype: 'float64' }) },
      ],
      { format: 'pt' },
    );
    const bytes = await readFile(path);
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const json =
      '{"__metadata__":{"format":"pt"},' +
      '"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
      '"b":{"dtype":"I32","shape":[3],"data_offsets":[8,20]},' +
      '"c":{"dtype":"F64","shape":[],"data_offsets":[20,28]}}';
    const padded = json.padEnd(Math.ceil(json.length / 8) * 8, ' ');
    expect(headerLength).toBe(padded.length);
    expect(bytes.subarray(8, 8 + headerLength).toString('utf8')).toBe(padded);

    const data = Buffer.alloc(28);
    data.writeFloatLE(1.5, 0);
    data.writeFloatLE(-2, 4);
    data.writeInt32LE(1, 8);
    data.writeInt32LE(-1, 12);
    data.writeInt32LE(256, 16);
    data.writeDoubleLE(0.25, 20);
    expect(bytes.subarray(8 + headerLength).equals(data)).toBe(true);
  });

  it('encodes to chunks whose concatenation is the file, viewing tensor storage', async () => {
    const kernel = tensor([1, 2, 3, 4], [2, 2]);
    const chunks = encodeSafetensors([{ name: 'k', tensor: kernel }]);
    expect(chunks).toHaveLength(3);
    expect(chunks[0].byteLength).toBe(8);
    expect(chunks[2].buffer).toBe(kernel.data.buffer);
    const path = freshPath();
    await writeSafetensors(path, [{ name: 'k', tensor: kernel }]);
    expect(Buffer.concat(chunks).equals(await readFile(path))).toBe(true);
  });

  it('reads a file built by hand from the specification, as other tools write them', async () => {
    // Unpadded, pretty-printed, metadata in the middle, header order unlike byte order, and a
    // float64 at a data offset (4) that is not a multiple of 8.
    const header = `{
      "weight": {"dtype": "F64", "shape": [2, 1], "data_offsets": [4, 20]},
      "__metadata__": {"format": "pt", "source": "hand"},
      "count": {"dtype": "I32", "shape": [], "data_offsets": [0, 4]},
      "nothing": {"dtype": "F32", "shape": [0, 5], "data_offsets": [20, 20]},
      "vector": {"dtype": "F32", "shape": [3], "data_offsets": [20, 32]}
    }`;
    const data = Buffer.alloc(32);
    data.writeInt32LE(-42, 0);
    data.writeDoubleLE(Math.PI, 4);
    data.writeDoubleLE(-1e-300, 12);
    data.writeFloatLE(0.5, 20);
    data.writeFloatLE(-8, 24);
    data.writeFloatLE(1024, 28);
    const path = await writeBytes(fileBytes(header, data));

    const { tensors, metadata } = await readSafetensors(path, {
      expected: {
        count: { shape: [], dtype: 'int32' },
        weight: { shape: [2, 1], dtype: 'float64' },
        nothing: { shape: [0, 5], dtype: 'float32' },
        vector: { shape: [3], dtype: 'float32' },
      },
    });
    expect([...tensors.keys()]).toEqual(['count', 'weight', 'nothing', 'vector']);
    expect(tensors.get('count')!.item()).toBe(-42);
    expect(tensors.get('weight')!.toArray()).toEqual([[Math.PI], [-1e-300]]);
    expect(tensors.get('nothing')!.shape).toEqual([0, 5]);
    expect(tensors.get('vector')!.toArray()).toEqual([0.5, -8, 1024]);
    expect(metadata).toEqual({ format: 'pt', source: 'hand' });
  });
});

describe('safetensors truncated files', () => {
  it('rejects the file cut at every byte of the header and throughout the data', async () => {
    const path = freshPath();
    await writeSafetensors(
      path,
      [
        {
          name: 'kernel',
          tensor: tensor(
            Array.from({ length: 60 }, (_, i) => i / 7),
            [3, 20],
          ),
        },
        { name: 'bias', tensor: tensor([1, 2, 3], undefined, { dtype: 'float64' }) },
        { name: 'step', tensor: tensor(5, undefined, { dtype: 'int32' }) },
      ],
      { format: 'pt' },
    );
    const whole = await readFile(path);
    const dataStart = 8 + Number(whole.readBigUInt64LE(0));
    const cuts = new Set<number>();
    for (let length = 0; length <= dataStart; length++) cuts.add(length);
    for (let step = 0; step < 64; step++) {
      cuts.add(dataStart + Math.floor(((whole.byteLength - dataStart) * step) / 64));
    }
    cuts.add(whole.byteLength - 1);

    const cutPath = freshPath();
    const details: string[] = [];
    for (const length of cuts) {
      await writeFile(cutPath, whole.subarray(0, length));
      const error = await readError(readSafetensors(cutPath));
      details.push(error.detail);
    }
    expect(cuts.size).toBeGreaterThan(dataStart + 50);
    // The cuts fail for the reasons that fit where they fall, not one catch-all.
    expect(details.some((detail) => detail.includes('at least 8 bytes'))).toBe(true);
    expect(details.some((detail) => detail.includes('runs past the end'))).toBe(true);
    expect(details.some((detail) => detail.includes('beyond the'))).toBe(true);

    const { tensors } = await readSafetensors(path);
    expect(tensors.get('bias')!.toArray()).toEqual([1, 2, 3]);
  });
});

describe('safetensors lying headers', () => {
  it('rejects enormous declared sizes without allocating them', async () => {
    const rssBefore = process.memoryUsage().rss;
    // 2^62 is written literally: JSON.stringify of the number would say 4611686018427388000.
    await expectFileError(
      fileBytes(
        '{"huge":{"dtype":"F32","shape":[1000000000000,1000000000000],"data_offsets":[0,4611686018427387904]}}',
        new Uint8Array(16),
      ),
      /tensor 'huge' has data_offsets \[0,4611686018427388000\]; expected \[begin, end\]/,
    );
    await expectFileError(
      fileWithHeader({ huge: { dtype: 'F32', shape: [1e12, 1e12], data_offsets: [0, 16] } }, 16),
      /needs 4000000000000000000000000 bytes, but its data_offsets \[0, 16\] span 16/,
    );
    await expectFileError(
      fileWithHeader(
        { huge: { dtype: 'F64', shape: [2 ** 26, 2 ** 26], data_offsets: [0, 2 ** 53 - 1] } },
        16,
      ),
      /data_offsets \[0, 9007199254740991\] beyond the 16-byte data section/,
    );

    const lengthField = Buffer.alloc(8);
    lengthField.writeBigUInt64LE(2n ** 60n);
    await expectFileError(
      Buffer.concat([lengthField, Buffer.from('{}')]),
      /header length 1152921504606846976 bytes exceeds the limit of 100000000 bytes/,
    );
    lengthField.writeBigUInt64LE(2n ** 64n - 1n);
    await expectFileError(lengthField, /exceeds the limit/);
    lengthField.writeBigUInt64LE(50_000_000n);
    await expectFileError(
      Buffer.concat([lengthField, Buffer.from('{}')]),
      /header length 50000000 bytes runs past the end of the 10-byte file/,
    );
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(rssGrowth).toBeLessThan(200 * 1024 * 1024);
  });

  it('honours maxHeaderBytes', async () => {
    const path = freshPath();
    await writeSafetensors(path, [{ name: 'x', tensor: tensor([1]) }]);
    const error = await readError(readSafetensors(path, { maxHeaderBytes: 16 }));
    expect(error.detail).toMatch(/exceeds the limit of 16 bytes \(maxHeaderBytes\)/);
    await expect(readSafetensors(path, { maxHeaderBytes: 0 })).rejects.toBeInstanceOf(ValueError);
  });
});

describe('safetensors malformed headers', () => {
  const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  });

  it('rejects a file shorter than the length field, a missing file and a directory', async () => {
    await expectFileError(
      new Uint8Array(7),
      /at least 8 bytes \(the header length\), found 7 bytes/,
    );
    const missing = join(directory, 'does-not-exist.safetensors');
    const error = await readError(readSafetensors(missing));
    expect(error.detail).toMatch(/cannot open the file .*ENOENT/);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    const directoryError = await readError(readSafetensorsHeader(directory));
    expect(directoryError.detail).toMatch(/expected a regular file, found a directory/);
  });

  it('rejects overlapping ranges, holes and trailing bytes', async () => {
    await expectFileError(
      fileWithHeader({ a: f32(0, 8), b: f32(4, 12) }, 12),
      /tensor 'b' with data_offsets \[4, 12\] overlaps tensor 'a' with data_offsets \[0, 8\]/,
    );
    // The same range twice aliases two tensors.
    await expectFileError(fileWithHeader({ a: f32(0, 8), b: f32(0, 8) }, 8), /overlaps/);
    await expectFileError(
      fileWithHeader({ a: f32(0, 4), b: f32(8, 12) }, 12),
      /bytes \[4, 8\) of the data section belong to no tensor \(the next is 'b'\)/,
    );
    await expectFileError(
      fileWithHeader({ a: f32(0, 4) }, 8),
      /the tensors cover 4 bytes but the data section has 8/,
    );
  });

  it('rejects offsets past the end of the data', async () => {
    await expectFileError(
      fileWithHeader({ 'lstm/kernel': f32(0, 4_000_000_000) }, 4096),
      /header declares tensor 'lstm\/kernel' with data_offsets \[0, 4000000000\] beyond the 4096-byte data section/,
    );
  });

  it('rejects headers that are not a UTF-8 JSON object', async () => {
    await expectFileError(fileBytes('{"a": {'), /invalid JSON/);
    await expectFileError(fileBytes('[1, 2]'), /start with '\{', found "\[1, 2\]"/);
    await expectFileError(fileBytes(' {}'), /start with '\{'/);
    await expectFileError(fileBytes(''), /start with '\{', found ""/);
    await expectFileError(
      fileBytes(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])),
      /not valid UTF-8/,
    );
    await expectFileError(fileBytes('{} trailing'), /invalid JSON/);
  });

  it('rejects unknown dtypes and bad shapes', async () => {
    await expectFileError(
      fileWithHeader({ half: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, 4),
      /tensor 'half' has dtype "F16"; expected one of F32, F64, I32/,
    );
    await expectFileError(
      fileWithHeader({ x: { dtype: 'constructor', shape: [1], data_offsets: [0, 4] } }, 4),
      /has dtype "constructor"/,
    );
    await expectFileError(
      fileWithHeader({ x: { shape: [1], data_offsets: [0, 4] } }, 4),
      /has dtype undefined/,
    );
    await expectFileError(
      fileWithHeader({ x: f32(0, 16, [-1, -4]) }, 16),
      /tensor 'x' has shape \[-1,-4\]; expected an array of non-negative integers/,
    );
    await expectFileError(fileWithHeader({ x: f32(0, 4, [1.5]) }, 4), /has shape \[1.5\]/);
    await expectFileError(fileWithHeader({ x: f32(0, 4, '1' as never) }, 4), /has shape "1"/);
    await expectFileError(
      fileWithHeader({ x: f32(0, 8, [3]) }, 8),
      /tensor 'x' of dtype F32 and shape \[3\] needs 12 bytes, but its data_offsets \[0, 8\] span 8/,
    );
  });

  it('rejects malformed data_offsets', async () => {
    const offsets = (value: unknown) =>
      fileWithHeader({ x: { dtype: 'F32', shape: [1], data_offsets: value } }, 4);
    await expectFileError(offsets([4, 0]), /data_offsets \[4,0\]; expected \[begin, end\]/);
    await expectFileError(offsets([0, 4, 8]), /data_offsets \[0,4,8\]/);
    await expectFileError(offsets([-4, 0]), /data_offsets \[-4,0\]/);
    await expectFileError(offsets(['0', '4']), /data_offsets \["0","4"\]/);
    await expectFileError(offsets([0, 4.5]), /data_offsets \[0,4.5\]/);
    await expectFileError(offsets(undefined), /data_offsets undefined/);
  });

  it('rejects duplicated, empty and reserved-looking names and malformed entries', async () => {
    await expectFileError(
      fileBytes(
        '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}',
        new Uint8Array(8),
      ),
      /declares the key 'a' twice/,
    );
    // Duplicates spelled differently (escapes) are still duplicates.
    await expectFileError(
      fileBytes(
        '{"ab":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"\\u0061b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
        new Uint8Array(4),
      ),
      /declares the key 'ab' twice/,
    );
    await expectFileError(
      fileBytes(
        '{"a":{"dtype":"F32","dtype":"F64","shape":[1],"data_offsets":[0,4]}}',
        new Uint8Array(4),
      ),
      /declares the key 'dtype' twice/,
    );
    await expectFileError(fileWithHeader({ '': f32(0, 4) }, 4), /a tensor with an empty name/);
    await expectFileError(
      fileWithHeader({ x: { ...f32(0, 4), extra: 1 } }, 4),
      /tensor 'x' has an unknown field 'extra'/,
    );
    await expectFileError(
      fileWithHeader({ x: [0, 4] }, 4),
      /expected tensor 'x' to be an object with dtype, shape and data_offsets, found an array/,
    );
  });

  it('rejects __metadata__ that is not an object of strings', async () => {
    await expectFileError(
      fileWithHeader({ __metadata__: 'pt', x: f32(0, 4) }, 4),
      /expected '__metadata__' to be an object of strings, found string/,
    );
    await expectFileError(
      fileWithHeader({ __metadata__: { epochs: 3 }, x: f32(0, 4) }, 4),
      /expected '__metadata__' value 'epochs' to be a string, found number 3/,
    );
    await expectFileError(
      fileWithHeader({ __metadata__: { nested: { a: 'b' } } }, 0),
      /value 'nested' to be a string, found Object/,
    );
    await expectFileError(fileWithHeader({ __metadata__: null }, 0), /found null/);
  });

  describe('against expected tensors', () => {
    const header = { kernel: f32(0, 24, [2, 3]), bias: f32(24, 36, [3]) };
    const expectation: Record<string, { shape: number[]; dtype: DType }> = {
      kernel: { shape: [2, 3], dtype: 'float32' },
      bias: { shape: [3], dtype: 'float32' },
    };

    it('accepts an exact match', async () => {
      const path = await writeBytes(fileWithHeader(header, 36));
      const { tensors } = await readSafetensors(path, { expected: expectation });
      expect([...tensors.keys()]).toEqual(['kernel', 'bias']);
    });

    it('names missing tensors', async () => {
      await expectFileError(
        fileWithHeader({ kernel: header.kernel }, 24),
        /does not hold the expected tensors: missing 'bias'$/,
        { expected: expectation },
      );
    });

    it('names unexpected tensors', async () => {
      await expectFileError(
        fileWithHeader({ ...header, extra: f32(36, 40) }, 40),
        /does not hold the expected tensors: unexpected 'extra'$/,
        { expected: expectation },
      );
      // A name that is a property of every object is still unexpected.
      await expectFileError(
        fileWithHeader({ ...header, toString: f32(36, 40) }, 40),
        /unexpected 'toString'/,
        { expected: expectation },
      );
    });

    it('names shape and dtype mismatches', async () => {
      await expectFileError(
        fileWithHeader(header, 36),
        /'kernel' is float32 \[2, 3\], expected float32 \[3, 2\]$/,
        { expected: { ...expectation, kernel: { shape: [3, 2], dtype: 'float32' } } },
      );
      await expectFileError(
        fileWithHeader(header, 36),
        /'bias' is float32 \[3\], expected float64 \[3\]$/,
        { expected: { ...expectation, bias: { shape: [3], dtype: 'float64' } } },
      );
    });

    it('lists every problem at once', async () => {
      const error = await expectFileError(
        fileWithHeader({ kernel: header.kernel, other: f32(24, 28) }, 28),
        /missing/,
        {
          expected: { kernel: { shape: [6], dtype: 'float32' }, bias: expectation.bias },
        },
      );
      expect(error.detail).toBe(
        "does not hold the expected tensors: missing 'bias'; unexpected 'other'; 'kernel' is float32 [2, 3], expected float32 [6]",
      );
    });

    it('rejects a malformed expectation as a caller error', async () => {
      const path = await writeBytes(fileWithHeader(header, 36));
      await expect(
        readSafetensors(path, { expected: { kernel: { shape: [2, 3], dtype: 'F32' as DType } } }),
      ).rejects.toBeInstanceOf(ValueError);
    });
  });
});

describe('encodeSafetensors input', () => {
  it('rejects bad names, non-tensors and non-string metadata with ValueError', () => {
    const x = tensor([1]);
    expect(() =>
      encodeSafetensors([
        { name: 'a', tensor: x },
        { name: 'a', tensor: x },
      ]),
    ).toThrow(/unique tensor names, received 'a' twice/);
    expect(() => encodeSafetensors([{ name: '', tensor: x }])).toThrow(ValueError);
    expect(() => encodeSafetensors([{ name: '__metadata__', tensor: x }])).toThrow(
      /other than '__metadata__'/,
    );
    expect(() => encodeSafetensors([{ name: 'a', tensor: [1, 2] as never }])).toThrow(
      /expected a Tensor for 'a', received an array/,
    );
    expect(() => encodeSafetensors([], { epochs: 3 as never })).toThrow(
      /a string for metadata 'epochs', received number/,
    );
    expect(() => encodeSafetensors({} as never)).toThrow(ValueError);
  });

  it('writes nothing when the input is bad', async () => {
    const path = freshPath();
    await expect(
      writeSafetensors(path, [{ name: '', tensor: tensor([1]) }]),
    ).rejects.toBeInstanceOf(ValueError);
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
