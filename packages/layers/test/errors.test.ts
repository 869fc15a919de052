import * as L from '@recur/layers';
import { ones, ShapeError, ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';

describe('layers reject bad configuration and input with typed errors', () => {
  it('config', () => {
    expect(() => new L.Dense({ units: 0 })).toThrow(ValueError);
    expect(() => new L.Dense({ units: 0 })).toThrow(
      /expected units a positive integer, received 0/,
    );
    expect(() => new L.LSTM({ units: 4, dropout: 1.5 })).toThrow(/dropout in \[0, 1\)/);
    expect(() => new L.LSTM({ units: 4, activation: 'softmax' })).toThrow(/the fused kernels' set/);
    expect(() => new L.Dense({ units: 2, activation: 'nope' })).toThrow(
      /activation: expected one of/,
    );
    expect(
      () =>
        new L.Bidirectional({ layer: new L.Dense({ units: 2 }) as unknown as L.RecurrentLayer }),
    ).toThrow(/a recurrent layer/);
    expect(() => L.deserializeLayer({ className: 'Evil', config: {} })).toThrow(
      /a registered layer class/,
    );
  });

  it('input', () => {
    expect(() => new L.LSTM({ units: 2 }).apply(ones([2, 3]))).toThrow(ShapeError);
    const dense = new L.Dense({ units: 2 });
    dense.apply(ones([1, 3]));
    expect(() => dense.setWeights([ones([4, 2]), ones([2])])).toThrow(/weight 0 of shape \[3, 2\]/);
    expect(() => dense.setWeights([ones([3, 2])])).toThrow(/2 weight arrays/);
    const embedding = new L.Embedding({ inputDim: 5, outputDim: 2 });
    expect(() => embedding.apply(ones([1, 2], { dtype: 'int32' }).mul(7))).toThrow(
      /indices in \[0, 5\)/,
    );
    const lstm = new L.LSTM({ units: 2 });
    expect(() => lstm.apply(ones([1, 3, 2]), { initialState: [ones([1, 2])] })).toThrow(
      /2 initial state tensors/,
    );
  });
});

describe('unknown layer options', () => {
  it('are rejected on first use, with the camelCase spelling suggested', () => {
    const lstm = new L.LSTM({ units: 2, return_sequences: true } as unknown as L.LSTMConfig);
    expect(() => lstm.apply(ones([1, 3, 2]))).toThrow(
      /unknown option return_sequences \(did you mean returnSequences\?\)/,
    );
    const dense = new L.Dense({ units: 2, activaton: 'relu' } as unknown as L.DenseConfig);
    expect(() => dense.apply(ones([1, 2]))).toThrow(ValueError);
    expect(() =>
      new L.GRU({ units: 2, unroll: false } as unknown as L.GRUConfig).apply(ones([1, 3, 2])),
    ).not.toThrow();
  });
});
