import { trainTestSplit } from '@recur/data';
import { ShapeError, tensor, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('trainTestSplit', () => {
  it('keeps the order without shuffle: the test part is the last samples', () => {
    const { train, test } = trainTestSplit([range(10)], { testSize: 0.2, shuffle: false });
    expect(train[0]).toEqual(range(8));
    expect(test[0]).toEqual([8, 9]);
  });

  it('rounds a test fraction up and the train part down, as scikit-learn', () => {
    const { train, test } = trainTestSplit([range(10)], { shuffle: false });
    // Default test size 0.25: ceil(2.5) = 3 test, 7 train.
    expect([train[0].length, test[0].length]).toEqual([7, 3]);
    const sized = trainTestSplit([range(10)], { trainSize: 0.55, testSize: 3, shuffle: false });
    expect([sized.train[0].length, sized.test[0].length]).toEqual([5, 3]);
  });

  it('shuffles reproducibly with a seed, splitting every array by the same rows', () => {
    const x = tensor(range(20).map((i) => [i, -i]));
    const y = new Int32Array(range(20).map((i) => i * 10));
    const labels = range(20).map((i) => `row ${i}`);
    const first = trainTestSplit([x, y, labels], { testSize: 5, seed: 3 });
    const again = trainTestSplit([x, y, labels], { testSize: 5, seed: 3 });
    expect(first.test[0].toArray()).toEqual(again.test[0].toArray());
    const [xTrain, yTrain, labelsTrain] = first.train;
    const [xTest, yTest] = first.test;
    expect(xTrain.shape).toEqual([15, 2]);
    expect(xTest.shape).toEqual([5, 2]);
    expect(yTest).toBeInstanceOf(Int32Array);
    for (let i = 0; i < 15; i++) {
      const row = xTrain.data[2 * i];
      expect(xTrain.data[2 * i + 1]).toBe(-row);
      expect(yTrain[i]).toBe(row * 10);
      expect(labelsTrain[i]).toBe(`row ${row}`);
    }
    const all = [
      ...xTrain.data.filter((_, k) => k % 2 === 0),
      ...xTest.data.filter((_, k) => k % 2 === 0),
    ];
    expect(all.sort((a, b) => a - b)).toEqual(range(20));
    expect(Array.from(yTrain)).not.toEqual(range(15).map((i) => i * 10));
  });

  it('rejects arrays of different lengths and sizes that leave a part empty', () => {
    const lengths = thrown(() => trainTestSplit([range(4), range(5)]));
    expect(lengths).toBeInstanceOf(ShapeError);
    expect(lengths.message).toContain(
      'arrays with 4 samples (as the first), received 5 samples in array 1',
    );
    expect(thrown(() => trainTestSplit([range(4)], { testSize: 4 }))).toBeInstanceOf(ValueError);
    expect(thrown(() => trainTestSplit([range(4)], { testSize: 1.5 })).message).toContain(
      'testSize',
    );
    expect(thrown(() => trainTestSplit([]))).toBeInstanceOf(ValueError);
  });
});
