import {
  type DataArray,
  type DType,
  gather,
  type NestedArray,
  type Random,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from '@recur/tensor';

/** In-memory data: a Tensor, nested arrays, a typed array, or `{ data, shape }`. */
export type ArrayInput =
  | Tensor
  | NestedArray
  | DataArray
  | { data: DataArray | number[]; shape: number[] };
/** One input, or one per model input. */
export type ModelData = ArrayInput | ArrayInput[];
/** A batch as datasets yield it: `{ x, y?, sampleWeight? }` or `[x, y?, sampleWeight?]`. */
export type DataBatch =
  | { x: Tensor | Tensor[]; y?: Tensor | Tensor[]; sampleWeight?: Tensor | null }
  | [Tensor | Tensor[], (Tensor | Tensor[])?, (Tensor | null)?];
/** Batches from a `@recur/data` Dataset or any async (or sync) iterable. */
export type BatchSource = AsyncIterable<DataBatch> | Iterable<DataBatch>;

export interface Batch {
  x: Tensor[];
  y: Tensor[];
  sampleWeight: (Tensor | null)[];
  size: number;
}

function isArrayInput(value: unknown): value is ArrayInput {
  return (
    value instanceof Tensor ||
    ArrayBuffer.isView(value) ||
    Array.isArray(value) ||
    (typeof value === 'object' && value !== null && 'data' in value && 'shape' in value)
  );
}

/** Whether `value` is a batch source (a Dataset or an iterable of batches) rather than array data. */
export function isBatchSource(value: unknown): value is BatchSource {
  if (
    value === null ||
    typeof value !== 'object' ||
    value instanceof Tensor ||
    ArrayBuffer.isView(value) ||
    Array.isArray(value)
  )
    return false;
  return Symbol.asyncIterator in value || Symbol.iterator in value;
}

function toTensor(value: ArrayInput, dtype: DType, what: string, op: string): Tensor {
  if (value instanceof Tensor) return value;
  if (ArrayBuffer.isView(value)) return tensor(value as DataArray);
  if (Array.isArray(value)) return tensor(value, undefined, { dtype });
  if (typeof value === 'object' && value !== null && 'data' in value && 'shape' in value) {
    return tensor(
      value.data as DataArray,
      value.shape,
      ArrayBuffer.isView(value.data) ? {} : { dtype },
    );
  }
  throw new ValueError(
    op,
    `${what} as a Tensor, nested arrays, a typed array or { data, shape }`,
    value === null ? 'null' : typeof value,
  );
}

/**
 * The tensors of `data` for a model with `count` inputs (or outputs). A list is read as one entry
 * per input when the model has several; nested arrays take the given dtypes.
 */
export function toTensorList(
  data: ModelData,
  count: number,
  dtypes: readonly DType[],
  what: string,
  op = 'fit',
): Tensor[] {
  const list = count > 1 ? (data as ArrayInput[]) : [data as ArrayInput];
  if (count > 1 && (!Array.isArray(data) || data.length !== count || !data.every(isArrayInput))) {
    throw new ValueError(
      op,
      `${what} as a list of ${count} arrays (one per model ${what === 'x' ? 'input' : 'output'})`,
      Array.isArray(data) ? `a list of ${data.length}` : typeof data,
    );
  }
  return list.map((value, i) => toTensor(value, dtypes[i] ?? 'float32', what, op));
}

/** Checks that every array has the same number of samples and returns it. */
export function sampleCount(groups: Record<string, readonly (Tensor | null)[]>): number {
  let count: number | null = null;
  for (const [name, tensors] of Object.entries(groups)) {
    for (const t of tensors) {
      if (!t) continue;
      if (t.rank === 0) throw new ShapeError('fit', `${name} with a batch axis`, 'a scalar');
      if (count === null) count = t.shape[0];
      else if (t.shape[0] !== count)
        throw new ShapeError(
          'fit',
          `the same number of samples in x, y and sample weights (${count})`,
          `${t.shape[0]} in ${name}`,
        );
    }
  }
  return count ?? 0;
}

function rows(t: Tensor, start: number, count: number): Tensor {
  return t.slice([start], [count]);
}

/** In-memory arrays served as (optionally shuffled) batches; one pass per epoch. */
export class ArrayBatches {
  readonly size: number;
  constructor(
    readonly x: Tensor[],
    readonly y: Tensor[],
    readonly sampleWeight: (Tensor | null)[],
    readonly batchSize: number,
  ) {
    this.size = sampleCount({ x, y, sampleWeight });
  }

  get steps(): number {
    return Math.ceil(this.size / this.batchSize);
  }

  /** The last `fraction` of the samples (before any shuffling) as validation data, as Keras does. */
  splitValidation(fraction: number): [ArrayBatches, ArrayBatches] {
    if (!(fraction > 0 && fraction < 1))
      throw new ValueError('fit', 'validationSplit in (0, 1)', String(fraction));
    const validation = Math.floor(this.size * fraction);
    const train = this.size - validation;
    if (validation === 0 || train === 0)
      throw new ValueError(
        'fit',
        `a validationSplit leaving samples on both sides (${this.size} samples)`,
        String(fraction),
      );
    const part = (start: number, count: number) =>
      new ArrayBatches(
        this.x.map((t) => rows(t, start, count)),
        this.y.map((t) => rows(t, start, count)),
        this.sampleWeight.map((t) => t && rows(t, start, count)),
        this.batchSize,
      );
    return [part(0, train), part(train, validation)];
  }

  /** One pass over the samples, shuffled with `random` when given. */
  *batches(random: Random | null): Generator<Batch> {
    let order: Int32Array | null = null;
    if (random) {
      order = Int32Array.from({ length: this.size }, (_, i) => i);
      random.shuffle(order);
    }
    for (let start = 0; start < this.size; start += this.batchSize) {
      const count = Math.min(this.batchSize, this.size - start);
      const take = (t: Tensor) =>
        order
          ? gather(t, new Tensor(order.subarray(start, start + count), [count]))
          : rows(t, start, count);
      yield {
        x: this.x.map(take),
        y: this.y.map(take),
        sampleWeight: this.sampleWeight.map((t) => t && take(t)),
        size: count,
      };
    }
  }
}

/** Normalises one element of a batch source. */
export function readBatch(element: DataBatch): Batch {
  let x: Tensor | Tensor[];
  let y: Tensor | Tensor[] | undefined;
  let sampleWeight: Tensor | null | undefined;
  if (Array.isArray(element))
    [x, y, sampleWeight] = element as [Tensor | Tensor[], (Tensor | Tensor[])?, (Tensor | null)?];
  else ({ x, y, sampleWeight } = element);
  const xs = Array.isArray(x) ? x : [x];
  if (!xs.every((t) => t instanceof Tensor))
    throw new ValueError(
      'fit',
      'dataset elements { x, y } of Tensors',
      'an element without tensors',
    );
  const ys = y === undefined ? [] : Array.isArray(y) ? y : [y];
  const size = xs[0].shape[0];
  return {
    x: xs,
    y: ys,
    sampleWeight: ys.map((_, i) => (i === 0 ? (sampleWeight ?? null) : null)),
    size,
  };
}

/** Iterates a batch source once (async or sync). */
export async function* sourceBatches(source: BatchSource): AsyncGenerator<Batch> {
  if (Symbol.asyncIterator in source) {
    for await (const element of source as AsyncIterable<DataBatch>) yield readBatch(element);
  } else {
    for (const element of source as Iterable<DataBatch>) yield readBatch(element);
  }
}
