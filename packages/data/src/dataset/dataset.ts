import {
  checkTensor,
  formatShape,
  type Random,
  randomFor,
  ShapeError,
  Tensor,
  ValueError,
} from '@recur/tensor';
import { checkBoolean, checkInteger, checkOptions, describeValue } from '../internal/arguments.js';
import { rowSize, type TensorInput, toTensor } from '../internal/to-tensor.js';
import { type Batched, collate } from './collate.js';
import { checkLayoutOptions } from '../csv/csv-layout.js';
import { type CsvRow, type CsvRowsOptions, readCsvRows } from './read-csv-rows.js';
import { readLines, type TextSource } from './read-lines.js';

/**
 * The element of a supervised dataset, and what model `fit` consumes: inputs `x` (one tensor, or
 * one per model input) and, when there are targets, `y`. Unbatched elements are single samples;
 * after {@link Dataset.batch} every tensor has a leading batch axis. `fromTensors`, `fromArrays`
 * and `timeseriesDataset` all yield this form; a dataset without targets yields `{ x }`.
 */
export interface Example {
  x: Tensor | Tensor[];
  y?: Tensor | Tensor[];
}

/** Options of {@link Dataset.batch}. */
export interface BatchOptions {
  /** Drop a last batch smaller than the batch size (default false). */
  dropRemainder?: boolean;
}

/** Options of {@link Dataset.shuffle}. */
export interface ShuffleOptions {
  /** Draw a new order on every pass over the data (default true, as in tf.data). */
  reshuffleEachIteration?: boolean;
}

type Source<T> = () => AsyncIterable<T> | Iterable<T>;

/**
 * A re-iterable, lazy, asynchronous sequence of elements, in the manner of tf.data: build it from
 * tensors, arrays, a generator or a file streamed line by line, chain transformations, and iterate
 * with `for await`. Each pass restarts from the source; nothing is read before iteration, and
 * files are streamed, so data larger than memory works.
 *
 * `size` is the number of elements when it is known without iterating (null otherwise).
 *
 * @example
 * ```ts
 * import { Dataset } from '@recur/data';
 * import { type Tensor, tensor } from '@recur/tensor';
 * const data = Dataset.fromTensors(tensor([[1], [2], [3], [4], [5]]), tensor([0, 1, 0, 1, 0]));
 * for await (const { x, y } of data.shuffle(5, 42).batch(2)) {
 *   console.log((x as Tensor).shape, (y as Tensor).shape); // [2, 1] [2], [2, 1] [2], [1, 1] [1]
 * }
 * ```
 */
export class Dataset<T> implements AsyncIterable<T> {
  private constructor(
    private readonly source: Source<T>,
    /** The number of elements, when known without iterating; else null. */
    readonly size: number | null,
  ) {}

  /**
   * A dataset over the items of an array or other iterable (iterated again on every pass).
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems(['a', 'b', 'c']).take(2).toArray(); // ['a', 'b']
   * ```
   */
  static fromItems<T>(items: Iterable<T>): Dataset<T> {
    if (items === null || typeof (items as Iterable<T>)?.[Symbol.iterator] !== 'function')
      throw new ValueError('Dataset.fromItems', 'an iterable', describeValue(items));
    return new Dataset(() => items, Array.isArray(items) ? items.length : null);
  }

  /**
   * Slices tensors along their first axis into `{ x, y? }` samples ({@link Example}). Several
   * inputs or targets may be given as arrays of tensors; all must agree on the first dimension.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * import { type Tensor, tensor } from '@recur/tensor';
   * const data = Dataset.fromTensors(tensor([[1, 2], [3, 4], [5, 6]]), tensor([1, 0, 1]));
   * data.size; // 3
   * const [first] = await data.take(1).toArray();
   * (first.x as Tensor).toArray(); // [1, 2]
   * ```
   */
  static fromTensors(
    x: Tensor | readonly Tensor[],
    y?: Tensor | readonly Tensor[],
  ): Dataset<Example> {
    const op = 'Dataset.fromTensors';
    const inputs = listTensors(op, 'x', x);
    const targets = y === undefined ? undefined : listTensors(op, 'y', y);
    const all = [...inputs, ...(targets ?? [])];
    const count = all[0].shape[0];
    for (const t of all)
      if (t.shape[0] !== count)
        throw new ShapeError(
          op,
          `tensors with the same first dimension (${count})`,
          `shape ${formatShape(t.shape)}`,
        );
    const pick = (tensors: Tensor[], many: boolean, i: number) => {
      const rows = tensors.map((t) => sliceRow(t, i));
      return many ? rows : rows[0];
    };
    const manyInputs = Array.isArray(x);
    const manyTargets = Array.isArray(y);
    return new Dataset(function* () {
      for (let i = 0; i < count; i++) {
        const example: Example = { x: pick(inputs, manyInputs, i) };
        if (targets !== undefined) example.y = pick(targets, manyTargets, i);
        yield example;
      }
    }, count);
  }

  /**
   * Like {@link Dataset.fromTensors} for nested arrays or typed arrays: values become float32
   * tensors (an Int32Array stays int32; pass tensors for other dtypes).
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * import type { Tensor } from '@recur/tensor';
   * const data = Dataset.fromArrays([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]).batch(4);
   * const [batch] = await data.toArray();
   * (batch.x as Tensor).shape; // [4, 2]
   * ```
   */
  static fromArrays(x: TensorInput, y?: TensorInput): Dataset<Example> {
    const op = 'Dataset.fromArrays';
    return Dataset.fromTensors(
      toTensor(op, 'x', x),
      y === undefined ? undefined : toTensor(op, 'y', y),
    );
  }

  /**
   * A dataset over what a generator function yields; the function is called again on every pass,
   * so the dataset can be iterated many times. Sync and async generators both work.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * const squares = Dataset.fromGenerator(async function* () {
   *   for (let i = 0; i < 4; i++) yield i * i;
   * });
   * await squares.toArray(); // [0, 1, 4, 9]
   * ```
   */
  static fromGenerator<T>(
    generator: () => AsyncIterable<T> | Iterable<T>,
    options: { size?: number } = {},
  ): Dataset<T> {
    if (typeof generator !== 'function')
      throw new ValueError(
        'Dataset.fromGenerator',
        'a generator function',
        describeValue(generator),
      );
    const o = checkOptions('Dataset.fromGenerator', 'options', options, ['size']);
    const size =
      o.size === undefined ? null : checkInteger('Dataset.fromGenerator', 'size', o.size, 0);
    return new Dataset(generator, size);
  }

  /**
   * The lines of a text file (without their line ends), streamed with node:readline: only a small
   * window of the file is in memory, so files larger than memory work. A stream may be given
   * instead of a path; it can be read only once.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * let longest = 0;
   * for await (const line of Dataset.fromTextLines('corpus.txt')) {
   *   longest = Math.max(longest, line.length);
   * }
   * ```
   */
  static fromTextLines(source: TextSource): Dataset<string> {
    return new Dataset(onceForStreams('Dataset.fromTextLines', source, readLines), null);
  }

  /**
   * The rows of a CSV file as objects keyed by column name, streamed through csv-parse (quoted
   * fields, CRLF, BOM) so files larger than memory work. Fields that read as numbers become numbers,
   * `parseDates` columns become Dates, other fields stay strings. Rows of the wrong length are a
   * `CsvFormatError` naming the line.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * const rows = Dataset.fromCsv('prices.csv', { columns: ['close'] })
   *   .map((row) => row.close as number)
   *   .batch(32);
   * ```
   */
  static fromCsv(source: TextSource, options: CsvRowsOptions = {}): Dataset<CsvRow> {
    checkLayoutOptions('Dataset.fromCsv', options, false);
    return new Dataset(
      onceForStreams('Dataset.fromCsv', source, (input) => readCsvRows(input, options)),
      null,
    );
  }

  /**
   * Groups consecutive elements into batches (see {@link collate}): a batch of `{ x, y }` samples
   * is `{ x, y }` with a leading batch axis. The last batch may be smaller unless `dropRemainder`.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * const sizes = await Dataset.fromItems([1, 2, 3, 4, 5]).batch(2).map((b) => b.size).toArray();
   * // [2, 2, 1]
   * ```
   */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<Batched<T>> {
    checkInteger('Dataset.batch', 'batchSize', batchSize, 1);
    const o = checkOptions('Dataset.batch', 'options', options, ['dropRemainder']);
    const dropRemainder = checkBoolean('Dataset.batch', 'dropRemainder', o.dropRemainder, false);
    const upstream = this;
    const size =
      this.size === null
        ? null
        : dropRemainder
          ? Math.floor(this.size / batchSize)
          : Math.ceil(this.size / batchSize);
    return new Dataset(async function* () {
      let pending: T[] = [];
      for await (const element of upstream) {
        pending.push(element);
        if (pending.length === batchSize) {
          yield collate(pending);
          pending = [];
        }
      }
      if (pending.length > 0 && !dropRemainder) yield collate(pending);
    }, size);
  }

  /**
   * Shuffles with a buffer of `bufferSize` elements, as tf.data does: each output is drawn at random
   * from the buffer and replaced by the next input. A buffer at least as large as the dataset gives
   * a uniform shuffle. With a seed, the sequence of orders (one per pass) is reproducible.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * const order = await Dataset.fromItems([1, 2, 3, 4, 5]).shuffle(5, 7).toArray();
   * // a permutation of [1, 2, 3, 4, 5], the same on every run with seed 7
   * ```
   */
  shuffle(bufferSize: number, seed?: number, options: ShuffleOptions = {}): Dataset<T> {
    const op = 'Dataset.shuffle';
    checkInteger(op, 'bufferSize', bufferSize, 1);
    const o = checkOptions(op, 'options', options, ['reshuffleEachIteration']);
    const reshuffle = checkBoolean(op, 'reshuffleEachIteration', o.reshuffleEachIteration, true);
    // One generator for the dataset's lifetime: every pass continues its stream, so passes differ
    // but the whole sequence of passes follows from the seed. Without reshuffling, every pass
    // restarts from the same draw.
    const shared = randomFor(seed, op);
    const fixedSeed = reshuffle ? 0 : shared.nextUint32();
    const upstream = this;
    return new Dataset(async function* () {
      const random: Random = reshuffle ? shared : randomFor(fixedSeed);
      const buffer: T[] = [];
      for await (const element of upstream) {
        if (buffer.length < bufferSize) {
          buffer.push(element);
          continue;
        }
        const j = random.integer(bufferSize);
        yield buffer[j];
        buffer[j] = element;
      }
      while (buffer.length > 0) {
        const j = random.integer(buffer.length);
        yield buffer[j];
        buffer[j] = buffer[buffer.length - 1];
        buffer.pop();
      }
    }, this.size);
  }

  /**
   * Applies a function (sync or async) to every element.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems([1, 2, 3]).map((v) => v * 10).toArray(); // [10, 20, 30]
   * ```
   */
  map<U>(fn: (element: T, index: number) => U | Promise<U>): Dataset<U> {
    if (typeof fn !== 'function')
      throw new ValueError('Dataset.map', 'a function', describeValue(fn));
    const upstream = this;
    return new Dataset(async function* () {
      let index = 0;
      for await (const element of upstream) yield await fn(element, index++);
    }, this.size);
  }

  /**
   * Keeps the elements for which a predicate (sync or async) holds.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems([1, 2, 3, 4]).filter((v) => v % 2 === 0).toArray(); // [2, 4]
   * ```
   */
  filter(predicate: (element: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    if (typeof predicate !== 'function')
      throw new ValueError('Dataset.filter', 'a function', describeValue(predicate));
    const upstream = this;
    return new Dataset(async function* () {
      let index = 0;
      for await (const element of upstream) if (await predicate(element, index++)) yield element;
    }, null);
  }

  /**
   * The first `count` elements; the source is not read further.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems([1, 2, 3]).take(2).toArray(); // [1, 2]
   * ```
   */
  take(count: number): Dataset<T> {
    checkInteger('Dataset.take', 'count', count, 0);
    const upstream = this;
    return new Dataset(
      async function* () {
        if (count === 0) return;
        let taken = 0;
        for await (const element of upstream) {
          yield element;
          if (++taken === count) return;
        }
      },
      this.size === null ? null : Math.min(this.size, count),
    );
  }

  /**
   * Every element after the first `count`.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems([1, 2, 3]).skip(2).toArray(); // [3]
   * ```
   */
  skip(count: number): Dataset<T> {
    checkInteger('Dataset.skip', 'count', count, 0);
    const upstream = this;
    return new Dataset(
      async function* () {
        let seen = 0;
        for await (const element of upstream) if (seen++ >= count) yield element;
      },
      this.size === null ? null : Math.max(0, this.size - count),
    );
  }

  /**
   * Passes over the data `count` times (forever without a count).
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems([1, 2]).repeat(2).toArray(); // [1, 2, 1, 2]
   * ```
   */
  repeat(count: number = Number.POSITIVE_INFINITY): Dataset<T> {
    if (count !== Number.POSITIVE_INFINITY) checkInteger('Dataset.repeat', 'count', count, 0);
    const upstream = this;
    return new Dataset(
      async function* () {
        for (let pass = 0; pass < count; pass++) yield* upstream;
      },
      this.size === null ? null : count === 0 ? 0 : this.size * count,
    );
  }

  /**
   * Reads up to `bufferSize` elements ahead of the consumer, so producing the next elements (file
   * reads, an async map) overlaps with consuming the current one.
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * const lines = Dataset.fromTextLines('corpus.txt').map((line) => line.length).prefetch(64);
   * ```
   */
  prefetch(bufferSize: number): Dataset<T> {
    checkInteger('Dataset.prefetch', 'bufferSize', bufferSize, 1);
    const upstream = this;
    return new Dataset(async function* () {
      const iterator = upstream[Symbol.asyncIterator]();
      const queue: Promise<IteratorResult<T>>[] = [];
      // Requests to the source are chained so it never sees two next() calls at once.
      let tail: Promise<unknown> = Promise.resolve();
      const request = () => {
        const next = tail.then(() => iterator.next());
        // Marks a request whose result is never awaited (after an early exit) as handled.
        tail = next.catch(() => undefined);
        queue.push(next);
      };
      let finished = false;
      try {
        for (let i = 0; i < bufferSize; i++) request();
        while (true) {
          const result = await (queue.shift() as Promise<IteratorResult<T>>);
          if (result.done) {
            finished = true;
            return;
          }
          request();
          yield result.value;
        }
      } finally {
        await tail;
        if (!finished) await iterator.return?.();
      }
    }, this.size);
  }

  /**
   * Collects every element into an array (the whole dataset in memory).
   *
   * @example
   * ```ts
   * import { Dataset } from '@recur/data';
   * await Dataset.fromItems(new Set([1, 2])).toArray(); // [1, 2]
   * ```
   */
  async toArray(): Promise<T[]> {
    const elements: T[] = [];
    for await (const element of this) elements.push(element);
    return elements;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const source = this.source;
    return (async function* () {
      yield* source();
    })();
  }
}

function listTensors(op: string, name: string, value: Tensor | readonly Tensor[]): Tensor[] {
  const many = Array.isArray(value);
  const list: unknown[] = many ? [...value] : [value];
  if (list.length === 0)
    throw new ValueError(op, `at least one tensor in ${name}`, 'an empty array');
  return list.map((item, i) => {
    const t = checkTensor(op, many ? `${name}[${i}]` : name, item);
    if (t.rank < 1)
      throw new ShapeError(
        op,
        `${name} with at least one axis to slice`,
        `shape ${formatShape(t.shape)}`,
      );
    return t;
  });
}

// A copy rather than a view, so an element can outlive or be modified apart from its source.
function sliceRow(t: Tensor, index: number): Tensor {
  const size = rowSize(t.shape);
  return new Tensor(t.data.slice(index * size, (index + 1) * size), t.shape.slice(1));
}

function onceForStreams<T>(
  op: string,
  source: TextSource,
  read: (source: TextSource) => AsyncIterable<T>,
): Source<T> {
  if (typeof source !== 'string' && !(source instanceof URL)) {
    if (typeof (source as { pipe?: unknown })?.pipe !== 'function')
      throw new ValueError(op, 'a path, a file URL or a readable stream', describeValue(source));
    let used = false;
    return () => {
      if (used)
        throw new ValueError(
          op,
          'a path to read the data again (a stream can be read only once)',
          'a second pass over a stream',
        );
      used = true;
      return read(source);
    };
  }
  return () => read(source);
}
