import { type Example, timeseriesDataset } from '@recur/data';
import { tensor, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { single, thrown } from './helpers.js';

const range = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => i * scale);

async function windows(dataset: AsyncIterable<Example>): Promise<{ x: unknown[]; y: unknown[] }> {
  const x: unknown[] = [];
  const y: unknown[] = [];
  for await (const batch of dataset) {
    x.push(...(single(batch.x).toArray() as unknown[]));
    if (batch.y !== undefined) y.push(...(single(batch.y).toArray() as unknown[]));
  }
  return { x, y };
}

describe('timeseriesDataset follows keras.utils.timeseries_dataset_from_array', () => {
  it('makes every window that fits, in order, with stride 1 and rate 1', async () => {
    const { x, y } = await windows(timeseriesDataset(range(6), null, { sequenceLength: 3 }));
    // Starts 0..3: the last start is 3 because 3 + 2 = 5 is the last index.
    expect(x).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(y).toEqual([]);
  });

  it("reproduces Keras' documented example 1 (length 10, rate 2, stride 3 over 0..98)", async () => {
    const { x } = await windows(
      timeseriesDataset(range(99), null, {
        sequenceLength: 10,
        samplingRate: 2,
        sequenceStride: 3,
      }),
    );
    expect(x[0]).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(x[1]).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(x[2]).toEqual([6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(x.at(-1)).toEqual([78, 80, 82, 84, 86, 88, 90, 92, 94, 96]);
    // Starts 0, 3, ..., 78; the next (81) would end at 99, past the data.
    expect(x).toHaveLength(27);
  });

  it("reproduces Keras' documented example 2 (next-step regression)", async () => {
    const data = range(20, 10);
    const dataset = timeseriesDataset(data.slice(0, -10), data.slice(10), { sequenceLength: 10 });
    const { x, y } = await windows(dataset);
    expect(x).toEqual([data.slice(0, 10)]);
    expect(y).toEqual([data[10]]);
  });

  it('pairs targets[i] with the window that starts at i', async () => {
    const { x, y } = await windows(
      timeseriesDataset(range(8), range(8, 100), { sequenceLength: 3, sequenceStride: 2 }),
    );
    expect(x).toEqual([
      [0, 1, 2],
      [2, 3, 4],
      [4, 5, 6],
    ]);
    expect(y).toEqual([0, 200, 400]);
  });

  it('uses only timesteps in [startIndex, endIndex), with a hand-made table', async () => {
    const options = { sequenceLength: 2, samplingRate: 2, startIndex: 2, endIndex: 9 };
    // 9 - 2 - (2 - 1) * 2 = 5 windows: starts 2..6, each [s, s + 2], the last ending at 8 < 9.
    const all = await windows(timeseriesDataset(range(10), range(10, 10), options));
    expect(all.x).toEqual([
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 7],
      [6, 8],
    ]);
    expect(all.y).toEqual([20, 30, 40, 50, 60]);
    const strided = await windows(
      timeseriesDataset(range(10), range(10, 10), { ...options, sequenceStride: 2 }),
    );
    expect(strided.x).toEqual([
      [2, 4],
      [4, 6],
      [6, 8],
    ]);
    expect(strided.y).toEqual([20, 40, 60]);
  });

  it('gives an empty dataset, not an error, when the series is shorter than a window', async () => {
    const short = timeseriesDataset([1, 2], [1, 2], { sequenceLength: 3 });
    expect(short.size).toBe(0);
    expect(await short.toArray()).toEqual([]);
    const rated = timeseriesDataset(range(5), null, { sequenceLength: 3, samplingRate: 3 });
    expect(await rated.toArray()).toEqual([]);
    expect(await timeseriesDataset([], null, { sequenceLength: 1 }).toArray()).toEqual([]);
  });

  it('batches windows of multivariate data as [batch, sequenceLength, features]', async () => {
    const rows = range(7).map((t) => [t, -t]);
    const dataset = timeseriesDataset(rows, range(7), { sequenceLength: 2, batchSize: 4 });
    expect(dataset.size).toBe(2);
    const batches = await dataset.toArray();
    expect(batches.map((b) => single(b.x).shape)).toEqual([
      [4, 2, 2],
      [2, 2, 2],
    ]);
    expect(single(batches[1].x).toArray()).toEqual([
      [
        [4, -4],
        [5, -5],
      ],
      [
        [5, -5],
        [6, -6],
      ],
    ]);
    expect(single(batches[1].y).toArray()).toEqual([4, 5]);
  });

  it('yields single windows with batchSize null', async () => {
    const elements = await timeseriesDataset(range(4), range(4), {
      sequenceLength: 2,
      batchSize: null,
    }).toArray();
    expect(elements.map((e) => single(e.x).shape)).toEqual([[2], [2], [2]]);
    expect(elements.map((e) => single(e.y).shape)).toEqual([[], [], []]);
    expect(elements.map((e) => single(e.y).item())).toEqual([0, 1, 2]);
  });

  it('stops at the end of shorter targets', async () => {
    const { x, y } = await windows(timeseriesDataset(range(10), [7, 8], { sequenceLength: 2 }));
    expect(x).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(y).toEqual([7, 8]);
  });

  it('keeps tensor dtypes, and int32 targets from an Int32Array', async () => {
    const data = tensor(range(5), undefined, { dtype: 'float64' });
    const [batch] = await timeseriesDataset(data, new Int32Array([0, 1, 0, 1, 0]), {
      sequenceLength: 2,
    }).toArray();
    expect(single(batch.x).dtype).toBe('float64');
    expect(single(batch.y).dtype).toBe('int32');
  });

  it('shuffles windows reproducibly with a seed, keeping inputs and targets paired', async () => {
    const options = { sequenceLength: 3, batchSize: 5, shuffle: true, seed: 11 };
    const first = await windows(timeseriesDataset(range(30), range(30, 10), options));
    const again = await windows(timeseriesDataset(range(30), range(30, 10), options));
    expect(first).toEqual(again);
    const ordered = await windows(
      timeseriesDataset(range(30), range(30, 10), { sequenceLength: 3 }),
    );
    expect(first.x).not.toEqual(ordered.x);
    expect([...first.x].sort((a, b) => (a as number[])[0] - (b as number[])[0])).toEqual(ordered.x);
    first.x.forEach((window, i) => {
      expect(first.y[i]).toBe((window as number[])[0] * 10);
    });
  });

  it('rejects bad arguments with a ValueError naming them', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sequenceLength: 0 }, 'expected sequenceLength to be a positive integer, received 0'],
      [{ sequenceLength: 2, sequenceStride: 0 }, 'sequenceStride'],
      [{ sequenceLength: 2, samplingRate: -1 }, 'samplingRate'],
      [{ sequenceLength: 2, batchSize: 0 }, 'batchSize'],
      [{ sequenceLength: 2.5 }, 'sequenceLength'],
      [{ sequenceLength: 2, startIndex: 10 }, 'startIndex lower than the data length (10)'],
      [{ sequenceLength: 2, startIndex: 4, endIndex: 4 }, 'endIndex'],
      [{ sequenceLength: 2, endIndex: 11 }, 'endIndex'],
    ];
    for (const [options, message] of cases) {
      const error = thrown(() =>
        timeseriesDataset(range(10), null, options as { sequenceLength: number }),
      );
      expect(error).toBeInstanceOf(ValueError);
      expect(error.message).toContain(message);
    }
  });
});
