import { slidingWindows } from '@recur/data';
import { ShapeError, tensor, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';

describe('slidingWindows', () => {
  it('turns a univariate series into X_t = f(X_{t-1}, ..., X_{t-n}) pairs', () => {
    const { x, y } = slidingWindows([1, 2, 3, 4, 5, 6], { window: 3 });
    expect(x.shape).toEqual([3, 3, 1]);
    expect(x.toArray()).toEqual([
      [[1], [2], [3]],
      [[2], [3], [4]],
      [[3], [4], [5]],
    ]);
    expect(y.shape).toEqual([3, 1]);
    expect(y.toArray()).toEqual([[4], [5], [6]]);
  });

  it('predicts several steps of chosen columns: y is [n, horizon, targets]', () => {
    const series = [0, 1, 2, 3, 4, 5].map((t) => [t, 10 * t]);
    // (6 - 2 - 2) / 2 + 1 = 2 windows, starting at 0 and 2.
    const { x, y } = slidingWindows(series, {
      window: 2,
      horizon: 2,
      stride: 2,
      targetColumns: [1],
    });
    expect(x.toArray()).toEqual([
      [
        [0, 0],
        [1, 10],
      ],
      [
        [2, 20],
        [3, 30],
      ],
    ]);
    expect(y.shape).toEqual([2, 2, 1]);
    expect(y.toArray()).toEqual([
      [[20], [30]],
      [[40], [50]],
    ]);
  });

  it('drops the horizon axis when horizon is 1: y is [n, targets]', () => {
    const series = [0, 1, 2, 3].map((t) => [t, -t, 100 + t]);
    const { y } = slidingWindows(series, { window: 2, targetColumns: [2, 0] });
    expect(y.toArray()).toEqual([
      [102, 2],
      [103, 3],
    ]);
  });

  it('gives zero windows for a series shorter than window + horizon', () => {
    const { x, y } = slidingWindows(
      [
        [1, 2],
        [3, 4],
      ],
      { window: 2 },
    );
    expect(x.shape).toEqual([0, 2, 2]);
    expect(y.shape).toEqual([0, 2]);
    expect(slidingWindows([1, 2, 3], { window: 2, horizon: 2 }).y.shape).toEqual([0, 2, 1]);
  });

  it('keeps the dtype of a tensor', () => {
    const { x, y } = slidingWindows(tensor([1, 2, 3], undefined, { dtype: 'float64' }), {
      window: 1,
    });
    expect([x.dtype, y.dtype]).toEqual(['float64', 'float64']);
    expect(slidingWindows([1, 2, 3], { window: 1 }).x.dtype).toBe('float32');
  });

  it('rejects window <= 0 and other bad arguments with clear errors', () => {
    const zero = thrown(() => slidingWindows([1, 2, 3], { window: 0 }));
    expect(zero).toBeInstanceOf(ValueError);
    expect(zero.message).toBe(
      'slidingWindows: expected window to be a positive integer, received 0',
    );
    expect(thrown(() => slidingWindows([1, 2, 3], { window: -2 }))).toBeInstanceOf(ValueError);
    expect(thrown(() => slidingWindows([1, 2, 3], { window: 1, horizon: 0 })).message).toContain(
      'horizon',
    );
    expect(thrown(() => slidingWindows([1, 2, 3], { window: 1, stride: 1.5 })).message).toContain(
      'stride',
    );
    expect(
      thrown(() => slidingWindows([[1, 2]], { window: 1, targetColumns: [2] })).message,
    ).toContain('targetColumns in [0, 2)');
    const rank3 = thrown(() => slidingWindows([[[1]]], { window: 1 }));
    expect(rank3).toBeInstanceOf(ShapeError);
    expect(rank3.message).toContain('[time] or [time, features]');
  });
});
