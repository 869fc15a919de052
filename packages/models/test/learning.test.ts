import type { SymbolicTensor } from '@recur/layers';
import { Dense, Embedding, LSTM, TimeDistributed } from '@recur/layers';
import { input, Model, Sequential } from '@recur/models';
import { Random, seed, tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

/** A seeded noisy sine wave cut into windows of `window` steps -> the next value. */
function sineWindows(count: number, window: number, noiseSeed: number) {
  const random = new Random(noiseSeed);
  const series = Array.from(
    { length: count + window + 1 },
    (_, t) => Math.sin(0.2 * t) + 0.05 * random.normal(),
  );
  const x = new Float32Array(count * window);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < window; t++) x[i * window + t] = series[i + t];
    y[i] = series[i + window];
  }
  return { x: tensor(x, [count, window, 1]), y: tensor(y, [count, 1]) };
}

/** Reversal task: [a b c d e] -> [e d c b a], tokens 1..9, decoder fed the target shifted right (start token 10). */
function reversalData(count: number, length: number, dataSeed: number) {
  const random = new Random(dataSeed);
  const source = new Int32Array(count * length);
  const decoderInput = new Int32Array(count * length);
  const target = new Int32Array(count * length);
  for (let i = 0; i < count; i++) {
    const tokens = Array.from({ length }, () => 1 + random.integer(9));
    const reversed = [...tokens].reverse();
    for (let t = 0; t < length; t++) {
      source[i * length + t] = tokens[t];
      target[i * length + t] = reversed[t];
      decoderInput[i * length + t] = t === 0 ? 10 : reversed[t - 1];
    }
  }
  const shape = [count, length];
  return {
    source: tensor(source, shape),
    decoderInput: tensor(decoderInput, shape),
    target: tensor(target, shape),
  };
}

describeBackends('models learn', () => {
  it('a Sequential LSTM regressor fits a noisy sine wave to MSE < 0.01 (noise variance 0.0025)', async () => {
    seed(7);
    const train = sineWindows(512, 20, 1);
    const test = sineWindows(128, 20, 2);
    const model = new Sequential([
      new LSTM({ units: 16, inputShape: [20, 1] }),
      new Dense({ units: 1 }),
    ]);
    model.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.01 } },
      loss: 'mse',
      metrics: ['mae'],
    });
    const history = await model.fit(train.x, train.y, {
      epochs: 12,
      batchSize: 32,
      verbose: 0,
      validationSplit: 0.1,
    });
    expect(history.history.loss.length).toBe(12);
    expect(history.history.val_loss.length).toBe(12);
    expect(history.history.loss[11]).toBeLessThan(history.history.loss[0] / 5);
    const result = await model.evaluate(test.x, test.y);
    expect(result.loss).toBeLessThan(0.01);
    expect(result.mae).toBeLessThan(0.08);
  });

  it('a functional encoder-decoder (encoder states initialise the decoder) learns to reverse sequences: token accuracy > 90%', async () => {
    seed(11);
    const length = 5;
    const encoderInput = input({ shape: [length], dtype: 'int32', name: 'source' });
    const decoderInputs = input({ shape: [length], dtype: 'int32', name: 'decoder_input' });
    const embedded = new Embedding({ inputDim: 11, outputDim: 16 }).apply(encoderInput);
    const [, stateH, stateC] = new LSTM({ units: 64, returnState: true }).apply(
      embedded,
    ) as SymbolicTensor[];
    const decoderEmbedded = new Embedding({ inputDim: 11, outputDim: 16 }).apply(decoderInputs);
    const decoded = new LSTM({ units: 64, returnSequences: true }).apply(decoderEmbedded, {
      initialState: [stateH, stateC],
    });
    const probabilities = new TimeDistributed({
      layer: new Dense({ units: 11, activation: 'softmax' }),
    }).apply(decoded);
    const model = new Model({ inputs: [encoderInput, decoderInputs], outputs: probabilities });
    model.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.01 } },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const train = reversalData(2000, length, 1);
    const test = reversalData(300, length, 2);
    await model.fit([train.source, train.decoderInput], train.target, {
      epochs: 12,
      batchSize: 64,
      verbose: 0,
    });
    const result = await model.evaluate([test.source, test.decoderInput], test.target);
    expect(result.accuracy).toBeGreaterThan(0.9);
  });
});
