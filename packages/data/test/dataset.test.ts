import { collate, Dataset } from '@recur/data';
import { DTypeError, ShapeError, tensor, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { rejected, single, thrown } from './helpers.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A dataset over 0..n-1 that records how many elements were pulled from it. */
function counted(n: number): { dataset: Dataset<number>; pulled: () => number } {
  let pulled = 0;
  const dataset = Dataset.fromGenerator(function* () {
    for (let i = 0; i < n; i++) {
      pulled++;
      yield i;
    }
  });
  return { dataset, pulled: () => pulled };
}

describe('Dataset sources', () => {
  it('slices tensors into { x, y } examples', async () => {
    const data = Dataset.fromTensors(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tensor([7, 8, 9]),
    );
    expect(data.size).toBe(3);
    const examples = await data.toArray();
    expect(examples.map((e) => single(e.x).toArray())).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(examples.map((e) => single(e.y).item())).toEqual([7, 8, 9]);
    const unlabelled = await Dataset.fromTensors(tensor([1, 2])).toArray();
    expect(unlabelled[0]).not.toHaveProperty('y');
  });

  it('keeps several inputs as arrays of tensors', async () => {
    const [first] = await Dataset.fromTensors([tensor([1, 2]), tensor([[3], [4]])], tensor([5, 6]))
      .batch(2)
      .toArray();
    expect(Array.isArray(first.x)).toBe(true);
    const [a, b] = first.x as [ReturnType<typeof tensor>, ReturnType<typeof tensor>];
    expect(a.toArray()).toEqual([1, 2]);
    expect(b.shape).toEqual([2, 1]);
  });

  it('converts arrays to float32 tensors (an Int32Array stays int32)', async () => {
    const [example] = await Dataset.fromArrays([[0.5, 1]], new Int32Array([3])).toArray();
    expect(single(example.x).dtype).toBe('float32');
    expect(single(example.y).dtype).toBe('int32');
  });

  it('rejects tensors that disagree on the first dimension', () => {
    const error = thrown(() => Dataset.fromTensors(tensor([1, 2, 3]), tensor([1, 2])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toContain(
      'tensors with the same first dimension (3), received shape [2]',
    );
  });

  it('calls a generator again on every pass, sync or async', async () => {
    const squares = Dataset.fromGenerator(async function* () {
      for (let i = 0; i < 4; i++) yield i * i;
    });
    expect(await squares.toArray()).toEqual([0, 1, 4, 9]);
    expect(await squares.toArray()).toEqual([0, 1, 4, 9]);
    expect(squares.size).toBeNull();
    expect(Dataset.fromGenerator(() => [1], { size: 1 }).size).toBe(1);
  });
});

describe('Dataset.batch', () => {
  it('stacks examples and keeps a smaller last batch unless dropRemainder', async () => {
    const data = Dataset.fromArrays(
      range(10).map((i) => [i, -i]),
      range(10),
    );
    const batches = await data.batch(4).toArray();
    expect(data.batch(4).size).toBe(3);
    expect(batches.map((b) => single(b.x).shape)).toEqual([
      [4, 2],
      [4, 2],
      [2, 2],
    ]);
    expect(single(batches[2].x).toArray()).toEqual([
      [8, -8],
      [9, -9],
    ]);
    expect(single(batches[2].y).toArray()).toEqual([8, 9]);
    const dropped = data.batch(4, { dropRemainder: true });
    expect(dropped.size).toBe(2);
    expect((await dropped.toArray()).map((b) => single(b.y).toArray())).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('collates numbers, rows, strings and nested objects', () => {
    const batch = collate([
      { value: 1, row: [1, 2], name: 'a', nested: { ids: new Int32Array([1, 2]) } },
      { value: 2, row: [3, 4], name: 'b', nested: { ids: new Int32Array([3, 4]) } },
    ]);
    expect(batch.value.toArray()).toEqual([1, 2]);
    expect(batch.row.shape).toEqual([2, 2]);
    expect(batch.name).toEqual(['a', 'b']);
    expect(batch.nested.ids.dtype).toBe('int32');
    expect(batch.nested.ids.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('refuses to stack mismatched shapes or dtypes', async () => {
    const shapes = thrown(() => collate([tensor([1, 2]), tensor([1, 2, 3])]));
    expect(shapes).toBeInstanceOf(ShapeError);
    expect(shapes.message).toBe(
      'Dataset.batch: expected tensors of shape [2] at element, received [3] in element 1',
    );
    const dtypes = thrown(() =>
      collate([{ x: tensor([1]) }, { x: tensor([1], undefined, { dtype: 'int32' }) }]),
    );
    expect(dtypes).toBeInstanceOf(DTypeError);
    expect(dtypes.message).toContain('float32 tensors at element.x, received int32 in element 1');
    expect(thrown(() => Dataset.fromItems([1]).batch(0))).toBeInstanceOf(ValueError);
  });
});

describe('Dataset.shuffle', () => {
  const passes = async (dataset: Dataset<number>, count: number) => {
    const orders: number[][] = [];
    for (let i = 0; i < count; i++) orders.push(await dataset.toArray());
    return orders;
  };

  it('is reproducible with a seed: the same orders pass after pass', async () => {
    const make = () => Dataset.fromItems(range(50)).shuffle(50, 123);
    const first = await passes(make(), 3);
    expect(await passes(make(), 3)).toEqual(first);
    for (const order of first) expect([...order].sort((a, b) => a - b)).toEqual(range(50));
    expect(first[0]).not.toEqual(range(50));
    expect(first[1]).not.toEqual(first[0]);
    expect(await Dataset.fromItems(range(50)).shuffle(50, 124).toArray()).not.toEqual(first[0]);
  });

  it('repeats the same order with reshuffleEachIteration false', async () => {
    const dataset = Dataset.fromItems(range(20)).shuffle(20, 5, { reshuffleEachIteration: false });
    const [a, b] = await passes(dataset, 2);
    expect(a).toEqual(b);
    expect(a).not.toEqual(range(20));
  });

  it('only moves elements within the buffer', async () => {
    expect(await Dataset.fromItems(range(10)).shuffle(1, 9).toArray()).toEqual(range(10));
    const local = await Dataset.fromItems(range(100)).shuffle(4, 9).toArray();
    // Element i can only leave once it is in the buffer, i.e. after i - 3 outputs.
    local.forEach((value, position) => {
      expect(value).toBeLessThanOrEqual(position + 3);
    });
  });
});

describe('Dataset.map, filter, take, skip, repeat and prefetch', () => {
  it('maps with sync and async functions, with the index', async () => {
    const data = Dataset.fromItems([1, 2, 3]);
    expect(await data.map((v, i) => v * 10 + i).toArray()).toEqual([10, 21, 32]);
    expect(await data.map(async (v) => `${v}`).toArray()).toEqual(['1', '2', '3']);
    expect(await data.filter((v) => v !== 2).toArray()).toEqual([1, 3]);
  });

  it('takes without reading the source further, and skips', async () => {
    const { dataset, pulled } = counted(1000);
    expect(await dataset.take(3).toArray()).toEqual([0, 1, 2]);
    expect(pulled()).toBe(3);
    expect(await Dataset.fromItems(range(5)).skip(3).toArray()).toEqual([3, 4]);
    expect(Dataset.fromItems(range(5)).skip(7).size).toBe(0);
    expect(Dataset.fromItems(range(5)).take(2).size).toBe(2);
    expect(await Dataset.fromItems(range(5)).take(0).toArray()).toEqual([]);
  });

  it('repeats passes', async () => {
    const twice = Dataset.fromItems([1, 2]).repeat(2);
    expect(twice.size).toBe(4);
    expect(await twice.toArray()).toEqual([1, 2, 1, 2]);
    expect(await Dataset.fromItems([1, 2]).repeat().take(5).toArray()).toEqual([1, 2, 1, 2, 1]);
  });

  it('prefetches a number of elements ahead, keeping order and values', async () => {
    const { dataset, pulled } = counted(100);
    const iterator = dataset.prefetch(5)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    // The element handed out plus five read ahead.
    expect(pulled()).toBe(6);
    await iterator.return?.();
    expect(await counted(20).dataset.prefetch(3).toArray()).toEqual(range(20));
    const plain = counted(100);
    const unbuffered = plain.dataset[Symbol.asyncIterator]();
    await unbuffered.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(plain.pulled()).toBe(1);
  });

  it('passes errors of the source through prefetch', async () => {
    const failing = Dataset.fromGenerator(function* () {
      yield 1;
      throw new Error('source failed');
    });
    const error = await rejected(() => failing.prefetch(2).toArray());
    expect(error.message).toBe('source failed');
  });

  it('rejects bad counts', () => {
    const data = Dataset.fromItems([1]);
    expect(thrown(() => data.take(-1)).message).toContain('count to be a non-negative integer');
    expect(thrown(() => data.skip(1.5))).toBeInstanceOf(ValueError);
    expect(thrown(() => data.prefetch(0))).toBeInstanceOf(ValueError);
    expect(thrown(() => data.shuffle(0))).toBeInstanceOf(ValueError);
    expect(thrown(() => data.repeat(-1))).toBeInstanceOf(ValueError);
  });
});
