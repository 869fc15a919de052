import * as L from '@recur/layers';
import { describe, it } from 'vitest';
import { layerTest } from './layer-test.js';

const seeded = (seed: number) => ({
  kernelInitializer: new L.GlorotUniform({ seed }),
  recurrentInitializer: new L.Orthogonal({ seed: seed + 1 }),
});
const rightPadding = [
  [1, 1, 1, 1, 1],
  [1, 1, 1, 0, 0],
  [1, 0, 0, 0, 0],
];

describe('layer_test on every layer', () => {
  it('Dense', () =>
    layerTest({
      create: (dtype) =>
        new L.Dense({
          units: 4,
          activation: 'tanh',
          dtype,
          kernelInitializer: new L.GlorotUniform({ seed: 1 }),
          biasInitializer: new L.RandomNormal({ seed: 2 }),
        }),
      inputShape: [3, 5],
    }));
  it('Dense on a sequence (last axis)', () =>
    layerTest({
      create: (dtype) => new L.Dense({ units: 2, dtype, kernelRegularizer: L.l2(1e-3) }),
      inputShape: [2, 4, 3],
    }));
  it('Dense without bias', () =>
    layerTest({
      create: (dtype) => new L.Dense({ units: 3, useBias: false, activation: 'gelu', dtype }),
      inputShape: [4, 2],
    }));
  it('Activation', () =>
    layerTest({
      create: (dtype) => new L.Activation({ activation: 'softmax', dtype }),
      inputShape: [3, 6],
    }));
  it('Dropout (inference is the identity)', () =>
    layerTest({
      create: (dtype) => new L.Dropout({ rate: 0.3, seed: 5, dtype }),
      inputShape: [3, 6],
    }));
  it('Dropout (training)', () =>
    layerTest({
      create: (dtype) => new L.Dropout({ rate: 0.3, seed: 5, dtype }),
      inputShape: [3, 6],
      training: true,
      skipGradcheck: true,
    }));
  it('Flatten', () =>
    layerTest({ create: (dtype) => new L.Flatten({ dtype }), inputShape: [2, 3, 4] }));
  it('Reshape', () =>
    layerTest({
      create: (dtype) => new L.Reshape({ targetShape: [2, -1], dtype }),
      inputShape: [3, 8],
    }));
  it('RepeatVector', () =>
    layerTest({ create: (dtype) => new L.RepeatVector({ n: 4, dtype }), inputShape: [2, 3] }));
  it('Embedding', () =>
    layerTest({
      create: (dtype) =>
        new L.Embedding({
          inputDim: 7,
          outputDim: 3,
          maskZero: true,
          dtype,
          embeddingsInitializer: new L.RandomUniform({ seed: 3 }),
        }),
      inputShape: [2, 5],
      integerInputs: 7,
    }));
  it('Masking', () =>
    layerTest({
      create: (dtype) => new L.Masking({ maskValue: 0.5, dtype }),
      inputShape: [2, 4, 3],
    }));
  for (const [name, create] of [
    [
      'SimpleRNN',
      (dtype: 'float32' | 'float64', extra: object) =>
        new L.SimpleRNN({ units: 4, dtype, ...seeded(1), ...extra }),
    ],
    [
      'LSTM',
      (dtype: 'float32' | 'float64', extra: object) =>
        new L.LSTM({ units: 4, dtype, ...seeded(2), ...extra }),
    ],
    [
      'GRU',
      (dtype: 'float32' | 'float64', extra: object) =>
        new L.GRU({
          units: 4,
          dtype,
          ...seeded(3),
          biasInitializer: new L.RandomNormal({ seed: 9, stddev: 0.3 }),
          ...extra,
        }),
    ],
    [
      'GRU (resetAfter false)',
      (dtype: 'float32' | 'float64', extra: object) =>
        new L.GRU({ units: 4, dtype, resetAfter: false, ...seeded(4), ...extra }),
    ],
  ] as const) {
    it(`${name}`, () => layerTest({ create: (dtype) => create(dtype, {}), inputShape: [3, 5, 2] }));
    it(`${name} returnSequences + returnState + goBackwards with a mask`, () =>
      layerTest({
        create: (dtype) =>
          create(dtype, { returnSequences: true, returnState: true, goBackwards: true }),
        inputShape: [3, 5, 2],
        mask: rightPadding,
      }));
    it(`${name} with dropout and recurrentDropout (training)`, () =>
      layerTest({
        create: (dtype) => create(dtype, { dropout: 0.2, recurrentDropout: 0.3, seed: 4 }),
        inputShape: [3, 5, 2],
        training: true,
        skipGradcheck: true,
      }));
  }
  it('Bidirectional(LSTM) concat with a mask', () =>
    layerTest({
      create: (dtype) =>
        new L.Bidirectional({
          layer: new L.LSTM({ units: 3, returnSequences: true, dtype, ...seeded(5) }),
          dtype,
        }),
      inputShape: [3, 5, 2],
      mask: rightPadding,
    }));
  for (const mergeMode of ['sum', 'mul', 'ave', null] as const) {
    it(`Bidirectional(GRU) mergeMode ${mergeMode}`, () =>
      layerTest({
        create: (dtype) =>
          new L.Bidirectional({
            layer: new L.GRU({ units: 3, dtype, ...seeded(6) }),
            mergeMode,
            dtype,
          }),
        inputShape: [2, 4, 3],
      }));
  }
  it('Bidirectional(LSTM) returnState', () =>
    layerTest({
      create: (dtype) =>
        new L.Bidirectional({
          layer: new L.LSTM({ units: 3, returnState: true, dtype, ...seeded(7) }),
          dtype,
        }),
      inputShape: [2, 4, 3],
    }));
  it('TimeDistributed(Dense)', () =>
    layerTest({
      create: (dtype) =>
        new L.TimeDistributed({
          layer: new L.Dense({ units: 3, activation: 'relu', dtype }),
          dtype,
        }),
      inputShape: [2, 4, 5],
    }));
});
