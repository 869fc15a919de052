// The safetensors format (https://huggingface.co/docs/safetensors), so that PyTorch and Hugging
// Face tools read our weights and we read theirs:
//
//   8 bytes   N, the header length, an unsigned little-endian 64-bit integer
//   N bytes   a UTF-8 JSON object, starting with '{' and padded with spaces:
//             { "__metadata__"?: { string: string },
//               name: { "dtype": "F32" | "F64" | "I32", "shape": [...], "data_offsets": [begin, end] } }
//   the rest  the data section: each tensor's little-endian, row-major bytes at [begin, end)
//
// A file is untrusted input: every number in the header is checked against the file's real size
// before anything is allocated from it, so a lying header costs at most the header's own bytes.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import {
  allocate,
  type DataArray,
  type DType,
  formatShape,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { writeFileAtomic } from './atomic-write.js';
import { openRegularFile } from './open-regular-file.js';
import { ModelFileError } from './saving-errors.js';

/** A named tensor to write, in file order. */
export interface SafetensorsEntry {
  name: string;
  tensor: Tensor;
}

/** One tensor as the header of a safetensors file declares it. */
export interface SafetensorsTensorInfo {
  name: string;
  dtype: DType;
  shape: number[];
  /** Byte range `[begin, end)` relative to the start of the data section. */
  dataOffsets: [number, number];
}

/** The validated header of a safetensors file. */
export interface SafetensorsHeader {
  /** The tensors in the order of their bytes in the file (the order they were written in). */
  tensors: SafetensorsTensorInfo[];
  /** The `__metadata__` strings (empty when the file has none). */
  metadata: Record<string, string>;
  /** Where the data section starts in the file: 8 + the header length. */
  dataStart: number;
  /** Size of the data section in bytes. */
  dataByteLength: number;
}

/** The shape and dtype a tensor must have. */
export interface ExpectedTensor {
  shape: readonly number[];
  dtype: DType;
}

/** Options of {@link readSafetensors} and {@link readSafetensorsHeader}. */
export interface ReadSafetensorsOptions {
  /** Largest header accepted, in bytes (default 100 MB, the reference implementation's limit). */
  maxHeaderBytes?: number;
  /** When given, the file must hold exactly these tensors, with these shapes and dtypes. */
  expected?: Record<string, ExpectedTensor>;
  /** When given, the file's SHA-256 (hex) must be this (checked in the same pass as the read). */
  sha256?: string;
}

/** What {@link readSafetensors} returns. */
export interface SafetensorsContent {
  /** The tensors by name, in the order of their bytes in the file. */
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

const defaultMaxHeaderBytes = 100_000_000;
const metadataKey = '__metadata__';
const lengthFieldBytes = 8;
// The reference writer pads the header so that the data section starts 8-byte aligned.
const headerAlignment = 8;
// Node refuses single reads above 2 GiB; larger tensors are read in pieces.
const maxReadBytes = 1 << 30;

const codeOf: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32' };
const dtypeOfCode = new Map<string, DType>([
  ['F32', 'float32'],
  ['F64', 'float64'],
  ['I32', 'int32'],
]);
const bytesPerElement: Record<DType, number> = { float32: 4, float64: 8, int32: 4 };
const storageOf = { float32: Float32Array, float64: Float64Array, int32: Int32Array } as const;
const littleEndianPlatform = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes named tensors (and optional string metadata) as a safetensors file, returned as chunks
 * to write one after another: the length field, the header, then one chunk per tensor. On
 * little-endian machines the tensor chunks are views of the tensors' storage, not copies, so the
 * tensors must not change until the chunks are written. Tensors are laid out in the order given.
 *
 * @example
 * ```ts
 * import { tensor } from '@recur/tensor';
 * import { encodeSafetensors } from '@recur/models';
 * const chunks = encodeSafetensors([{ name: 'dense/kernel', tensor: tensor([[1, 2]]) }], {
 *   format: 'pt',
 * });
 * const bytes = Buffer.concat(chunks); // 8 + header + 8 bytes of data
 * ```
 */
export function encodeSafetensors(
  entries: readonly SafetensorsEntry[],
  metadata?: Record<string, string>,
): Uint8Array[] {
  const op = 'encodeSafetensors';
  if (!Array.isArray(entries)) {
    throw new ValueError(op, 'an array of { name, tensor } entries', describe(entries));
  }
  const fields: string[] = [];
  if (metadata !== undefined) {
    if (!isPlainObject(metadata)) {
      throw new ValueError(op, 'metadata as an object of strings', describe(metadata));
    }
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new ValueError(op, `a string for metadata '${key}'`, describe(value));
      }
    }
    fields.push(`${JSON.stringify(metadataKey)}:${JSON.stringify(metadata)}`);
  }
  const names = new Set<string>();
  const dataChunks: Uint8Array[] = [];
  let offset = 0;
  entries.forEach((entry, index) => {
    const name: unknown = entry?.name;
    if (typeof name !== 'string' || name === '' || name === metadataKey) {
      throw new ValueError(
        op,
        `a non-empty name other than '${metadataKey}' for entry ${index}`,
        typeof name === 'string' ? `'${name}'` : describe(name),
      );
    }
    if (names.has(name)) throw new ValueError(op, 'unique tensor names', `'${name}' twice`);
    names.add(name);
    const { tensor } = entry;
    if (!(tensor instanceof Tensor)) {
      throw new ValueError(op, `a Tensor for '${name}'`, describe(tensor));
    }
    // A file whose bytes do not match its header would be refused by every reader, this one too.
    const storage = storageOf[tensor.dtype];
    if (!(tensor.data instanceof storage) || tensor.data.length !== tensor.size) {
      throw new ValueError(
        op,
        `'${name}' stored as a ${storage.name} of ${tensor.size} elements (its dtype ${tensor.dtype} and shape ${formatShape(tensor.shape)})`,
        `a ${describe(tensor.data)} of ${(tensor.data as { length?: number }).length} elements`,
      );
    }
    const bytes = littleEndianBytes(tensor.data);
    // Written by hand rather than via an object so that names such as "0" keep their place:
    // JavaScript objects list integer-like keys first.
    fields.push(
      `${JSON.stringify(name)}:{"dtype":"${codeOf[tensor.dtype]}","shape":${JSON.stringify(tensor.shape)},` +
        `"data_offsets":[${offset},${offset + bytes.byteLength}]}`,
    );
    offset += bytes.byteLength;
    if (bytes.byteLength > 0) dataChunks.push(bytes);
  });
  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  const headerLength = Math.ceil(json.byteLength / headerAlignment) * headerAlignment;
  const header = new Uint8Array(headerLength).fill(0x20);
  header.set(json);
  const lengthField = new Uint8Array(lengthFieldBytes);
  new DataView(lengthField.buffer).setBigUint64(0, BigInt(headerLength), true);
  return [lengthField, header, ...dataChunks];
}

/**
 * Writes named tensors (and optional string metadata) to a safetensors file, atomically: the file
 * holds either its old content or the complete new one.
 *
 * @example
 * ```ts
 * import { tensor } from '@recur/tensor';
 * import { writeSafetensors } from '@recur/models';
 * await writeSafetensors('weights.safetensors', [
 *   { name: 'lstm/kernel', tensor: tensor([[0.1, 0.2]]) },
 *   { name: 'step', tensor: tensor(3, undefined, { dtype: 'int32' }) },
 * ]);
 * ```
 */
export async function writeSafetensors(
  path: string,
  entries: readonly SafetensorsEntry[],
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(entries, metadata));
}

/**
 * Reads a safetensors file: every tensor, as a new tensor of its dtype, and the metadata. The
 * whole header is validated before any tensor is allocated, and each allocation is bounded by the
 * file's real size. With `expected`, the file must hold exactly those names, shapes and dtypes.
 * Any problem with the file is a {@link ModelFileError} naming what was expected and what was
 * found.
 *
 * @example
 * ```ts
 * import { readSafetensors } from '@recur/models';
 * const { tensors, metadata } = await readSafetensors('weights.safetensors', {
 *   expected: { 'lstm/kernel': { shape: [1, 2], dtype: 'float32' } },
 * });
 * console.log(tensors.get('lstm/kernel')?.toArray(), metadata);
 * ```
 */
export async function readSafetensors(
  path: string,
  options: ReadSafetensorsOptions = {},
): Promise<SafetensorsContent> {
  return withFile(path, async (handle, fileSize) => {
    const header = await readHeader(handle, fileSize, path, options);
    const tensors = new Map<string, Tensor>();
    for (const info of header.tensors) {
      tensors.set(info.name, await readTensor(handle, path, header.dataStart, info));
    }
    if (options.sha256 !== undefined) {
      // The tensors tile the data section in file order, so the header bytes and then each
      // tensor's bytes are the file, hashed without reading it twice.
      const hash = createHash('sha256');
      const prefix = new Uint8Array(header.dataStart);
      await readExactly(handle, prefix, 0, path, 'the header');
      hash.update(prefix);
      for (const tensor of tensors.values()) hash.update(littleEndianBytes(tensor.data));
      const found = hash.digest('hex');
      if (found !== options.sha256)
        throw new ModelFileError(
          path,
          `expected SHA-256 ${options.sha256} (recorded when it was saved), found ${found}: the file was changed or replaced after the save`,
        );
    }
    return { tensors, metadata: header.metadata };
  });
}

/**
 * Reads and validates only the header of a safetensors file: names, dtypes, shapes and byte
 * ranges of its tensors, and its metadata. Reads no tensor data.
 *
 * @example
 * ```ts
 * import { readSafetensorsHeader } from '@recur/models';
 * const header = await readSafetensorsHeader('weights.safetensors');
 * for (const { name, dtype, shape } of header.tensors) console.log(name, dtype, shape);
 * ```
 */
export async function readSafetensorsHeader(
  path: string,
  options: ReadSafetensorsOptions = {},
): Promise<SafetensorsHeader> {
  return withFile(path, (handle, fileSize) => readHeader(handle, fileSize, path, options));
}

async function withFile<T>(
  path: string,
  use: (handle: FileHandle, fileSize: number) => Promise<T>,
): Promise<T> {
  // The size of the opened file, not of whatever the path names a moment later.
  const { handle, size } = await openRegularFile(path);
  try {
    return await use(handle, size);
  } catch (error) {
    if (error instanceof ModelFileError || error instanceof ValueError) throw error;
    throw new ModelFileError(path, `cannot read the file (${messageOf(error)})`, { cause: error });
  } finally {
    await handle.close().catch(() => {});
  }
}

async function readHeader(
  handle: FileHandle,
  fileSize: number,
  path: string,
  options: ReadSafetensorsOptions,
): Promise<SafetensorsHeader> {
  const maxHeaderBytes =
    options.maxHeaderBytes === undefined ? defaultMaxHeaderBytes : options.maxHeaderBytes;
  if (!Number.isSafeInteger(maxHeaderBytes) || maxHeaderBytes <= 0) {
    throw new ValueError(
      'readSafetensors',
      'maxHeaderBytes as a positive integer',
      String(maxHeaderBytes),
    );
  }
  if (options.expected !== undefined) checkExpectedOption(options.expected);
  const fail: (detail: string) => never = (detail) => {
    throw new ModelFileError(path, detail);
  };
  if (fileSize < lengthFieldBytes) {
    fail(
      `expected a safetensors file of at least ${lengthFieldBytes} bytes (the header length), found ${fileSize} bytes`,
    );
  }
  const lengthField = new Uint8Array(lengthFieldBytes);
  await readExactly(handle, lengthField, 0, path, 'the header length');
  const declaredLength = new DataView(lengthField.buffer).getBigUint64(0, true);
  if (declaredLength > BigInt(maxHeaderBytes)) {
    fail(
      `header length ${declaredLength} bytes exceeds the limit of ${maxHeaderBytes} bytes (maxHeaderBytes); not a safetensors file, or a corrupted one`,
    );
  }
  if (declaredLength > BigInt(fileSize - lengthFieldBytes)) {
    fail(
      `header length ${declaredLength} bytes runs past the end of the ${fileSize}-byte file (truncated?)`,
    );
  }
  const headerLength = Number(declaredLength);
  const headerBytes = new Uint8Array(headerLength);
  await readExactly(handle, headerBytes, lengthFieldBytes, path, 'the header');
  const dataStart = lengthFieldBytes + headerLength;
  const dataByteLength = fileSize - dataStart;

  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    fail('expected a UTF-8 JSON header, found bytes that are not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    fail(`expected the header to start with '{', found ${preview(text.slice(0, 20))}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`expected a JSON header, found invalid JSON (${messageOf(error)})`);
  }
  if (!isPlainObject(parsed))
    fail(`expected the header to be a JSON object, found ${describe(parsed)}`);
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) fail(`header declares the key '${duplicate}' twice in one object`);

  let metadata: Record<string, string> = {};
  const tensors: SafetensorsTensorInfo[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === metadataKey) metadata = checkMetadata(value, fail);
    else tensors.push(checkTensorInfo(name, value, dataByteLength, fail));
  }
  // Sorting by range (stable, so zero-length tensors keep header order) both recovers the write
  // order and lets one pass find overlaps and holes.
  tensors.sort(
    (a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1],
  );
  checkTiling(tensors, dataByteLength, fail);
  if (options.expected !== undefined) checkExpected(tensors, options.expected, fail);
  return { tensors, metadata, dataStart, dataByteLength };
}

function checkMetadata(value: unknown, fail: (detail: string) => never): Record<string, string> {
  if (!isPlainObject(value)) {
    fail(`expected '${metadataKey}' to be an object of strings, found ${describe(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') {
      fail(
        `expected '${metadataKey}' value '${key}' to be a string, found ${describe(item)} ${preview(item)}`,
      );
    }
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
  return Object.fromEntries(entries) as Record<string, string>;
}

function checkTensorInfo(
  name: string,
  value: unknown,
  dataByteLength: number,
  fail: (detail: string) => never,
): SafetensorsTensorInfo {
  if (name === '') fail('header declares a tensor with an empty name');
  const what = `tensor '${name}'`;
  if (!isPlainObject(value)) {
    fail(
      `expected ${what} to be an object with dtype, shape and data_offsets, found ${describe(value)}`,
    );
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'dtype' && key !== 'shape' && key !== 'data_offsets') {
      fail(`${what} has an unknown field '${key}' (expected only dtype, shape and data_offsets)`);
    }
  }
  const code = fields.dtype;
  const dtype = typeof code === 'string' ? dtypeOfCode.get(code) : undefined;
  if (dtype === undefined) {
    fail(
      `${what} has dtype ${preview(code)}; expected one of ${[...dtypeOfCode.keys()].join(', ')} (the dtypes recur supports)`,
    );
  }
  const shape = fields.shape;
  if (!Array.isArray(shape) || !shape.every(isNonNegativeSafeInteger)) {
    fail(`${what} has shape ${preview(shape)}; expected an array of non-negative integers`);
  }
  const offsets = fields.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every(isNonNegativeSafeInteger) ||
    offsets[0] > offsets[1]
  ) {
    fail(
      `${what} has data_offsets ${preview(offsets)}; expected [begin, end], two integers with 0 <= begin <= end < 2^53`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataByteLength) {
    fail(
      `header declares ${what} with data_offsets [${begin}, ${end}] beyond the ${dataByteLength}-byte data section (truncated?)`,
    );
  }
  // BigInt: a lying shape such as [1e12, 1e12] must not overflow into a plausible size.
  const elementBytes = BigInt(bytesPerElement[dtype!]);
  const needed = (shape as number[]).reduce(
    (product, dimension) => product * BigInt(dimension),
    elementBytes,
  );
  if (needed !== BigInt(end - begin)) {
    fail(
      `${what} of dtype ${code} and shape ${formatShape(shape as number[])} needs ${needed} bytes, but its data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype: dtype!, shape: [...(shape as number[])], dataOffsets: [begin, end] };
}

// Like the reference implementation, the ranges must tile the data section exactly: an overlap
// would alias two tensors, and a hole or trailing bytes mean a damaged or doctored file.
function checkTiling(
  sorted: readonly SafetensorsTensorInfo[],
  dataByteLength: number,
  fail: (detail: string) => never,
): void {
  let covered = 0;
  let previous: SafetensorsTensorInfo | undefined;
  for (const info of sorted) {
    const [begin, end] = info.dataOffsets;
    if (begin < covered) {
      fail(
        `tensor '${info.name}' with data_offsets [${begin}, ${end}] overlaps tensor '${previous!.name}' with data_offsets [${previous!.dataOffsets.join(', ')}]; expected disjoint ranges`,
      );
    }
    if (begin > covered) {
      fail(
        `bytes [${covered}, ${begin}) of the data section belong to no tensor (the next is '${info.name}'); expected contiguous tensors`,
      );
    }
    covered = end;
    previous = info;
  }
  if (covered !== dataByteLength) {
    fail(
      `the tensors cover ${covered} bytes but the data section has ${dataByteLength}; expected no bytes after the last tensor`,
    );
  }
}

function checkExpected(
  tensors: readonly SafetensorsTensorInfo[],
  expected: Record<string, ExpectedTensor>,
  fail: (detail: string) => never,
): void {
  const problems: string[] = [];
  const found = new Set(tensors.map((info) => info.name));
  const missing = Object.keys(expected).filter((name) => !found.has(name));
  if (missing.length > 0) problems.push(`missing ${listNames(missing)}`);
  const unexpected = tensors.filter((info) => !Object.hasOwn(expected, info.name));
  if (unexpected.length > 0)
    problems.push(`unexpected ${listNames(unexpected.map((info) => info.name))}`);
  for (const info of tensors) {
    if (!Object.hasOwn(expected, info.name)) continue;
    const want = expected[info.name];
    const sameShape =
      want.shape.length === info.shape.length &&
      want.shape.every((dimension, axis) => dimension === info.shape[axis]);
    if (!sameShape || want.dtype !== info.dtype) {
      problems.push(
        `'${info.name}' is ${info.dtype} ${formatShape(info.shape)}, expected ${want.dtype} ${formatShape(want.shape)}`,
      );
    }
  }
  if (problems.length > 0) fail(`does not hold the expected tensors: ${problems.join('; ')}`);
}

function checkExpectedOption(expected: unknown): void {
  const op = 'readSafetensors';
  if (!isPlainObject(expected)) {
    throw new ValueError(
      op,
      'expected as an object of { shape, dtype } by name',
      describe(expected),
    );
  }
  for (const [name, want] of Object.entries(expected)) {
    const valid =
      isPlainObject(want) &&
      Array.isArray(want.shape) &&
      want.shape.every(isNonNegativeSafeInteger) &&
      typeof want.dtype === 'string' &&
      Object.hasOwn(codeOf, want.dtype);
    if (!valid) {
      throw new ValueError(op, `expected '${name}' as { shape: number[], dtype }`, preview(want));
    }
  }
}

async function readTensor(
  handle: FileHandle,
  path: string,
  dataStart: number,
  info: SafetensorsTensorInfo,
): Promise<Tensor> {
  const [begin, end] = info.dataOffsets;
  let data: DataArray;
  try {
    data = allocate(info.dtype, (end - begin) / bytesPerElement[info.dtype]);
  } catch (error) {
    throw new ModelFileError(
      path,
      `cannot allocate ${end - begin} bytes for tensor '${info.name}' (${messageOf(error)})`,
      {
        cause: error,
      },
    );
  }
  // The file's bytes go straight into the tensor's storage: no intermediate buffer.
  await readExactly(
    handle,
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    dataStart + begin,
    path,
    `tensor '${info.name}'`,
  );
  if (!littleEndianPlatform) toNativeOrder(data);
  return new Tensor(data, info.shape);
}

async function readExactly(
  handle: FileHandle,
  target: Uint8Array,
  position: number,
  path: string,
  what: string,
): Promise<void> {
  let done = 0;
  while (done < target.byteLength) {
    const length = Math.min(target.byteLength - done, maxReadBytes);
    const { bytesRead } = await handle.read(target, done, length, position + done);
    if (bytesRead === 0) {
      throw new ModelFileError(
        path,
        `the file ended at byte ${position + done} while reading ${what} (expected ${target.byteLength - done} more bytes; was it changed while being read?)`,
      );
    }
    done += bytesRead;
  }
}

function littleEndianBytes(data: DataArray): Uint8Array {
  if (littleEndianPlatform) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i], true);
    else if (data instanceof Float64Array) view.setFloat64(i * 8, data[i], true);
    else view.setInt32(i * 4, data[i], true);
  }
  return bytes;
}

function toNativeOrder(data: DataArray): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) data[i] = view.getFloat32(i * 4, true);
    else if (data instanceof Float64Array) data[i] = view.getFloat64(i * 8, true);
    else data[i] = view.getInt32(i * 4, true);
  }
}

// JSON.parse keeps the last of duplicated keys silently; a header naming a tensor twice is
// ambiguous (which range is the tensor?), so the raw text is scanned for them. Runs on text that
// JSON.parse accepted, so strings and brackets are well formed.
function findDuplicateKey(text: string): string | undefined {
  // One entry per open bracket: the keys seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (character === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open[open.length - 1];
      if (expectingKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (character === '{') {
      open.push(new Set());
      expectingKey = true;
    } else if (character === '[') {
      open.push(null);
      expectingKey = false;
    } else if (character === '}' || character === ']') {
      open.pop();
      expectingKey = false;
    } else if (character === ',') {
      expectingKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((name) => `'${name}'`);
  return names.length > shown.length
    ? `${shown.join(', ')} and ${names.length - shown.length} more`
    : shown.join(', ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return typeof value;
}

// A short rendering of a found value for messages: headers are untrusted and may hold megabytes.
function preview(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = describe(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
