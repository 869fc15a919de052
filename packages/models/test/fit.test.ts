import { Dataset } from '@recur/data';
import { Dense, Embedding, LSTM, TimeDistributed } from '@recur/layers';
import { EarlyStopping, input, LambdaCallback, Model, Sequential } from '@recur/models';
import { ones, randomNormal, randomUniform, seed, type Tensor, tensor, zeros } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

function regressor(units = 4) {
  const model = new Sequential([new LSTM({ units, inputShape: [5, 2] }), new Dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
  return model;
}

describeBackends('fit', () => {
  it('yields to the event loop between batches: a 5 ms timer keeps firing (largest gap under 1 s, a generous bound)', async () => {
    const model = regressor(8);
    const x = randomNormal([2048, 5, 2], { seed: 1 });
    const y = randomNormal([2048, 1], { seed: 2 });
    let ticks = 0;
    let last = performance.now();
    let largestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      largestGap = Math.max(largestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // Batches of 16 take well under a millisecond to tens of milliseconds; the timer runs in between.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 100));
    expect(largestGap).toBeLessThan(1000);
  });

  it('stops cleanly at the next batch on signal.abort() or model.stopTraining', async () => {
    const model = regressor();
    const x = randomNormal([256, 5, 2], { seed: 3 });
    const y = randomNormal([256, 1], { seed: 4 });
    const controller = new AbortController();
    let batches = 0;
    const history = await model.fit(x, y, {
      epochs: 5,
      batchSize: 8,
      verbose: 0,
      signal: controller.signal,
      callbacks: [
        new LambdaCallback({
          onBatchEnd: () => {
            batches++;
            if (batches === 3) controller.abort();
          },
        }),
      ],
    });
    expect(batches).toBe(3);
    expect(history.history.loss.length).toBe(1);
    let epochs = 0;
    await model.fit(x, y, {
      epochs: 5,
      verbose: 0,
      callbacks: [
        new LambdaCallback({
          onEpochEnd: () => {
            epochs++;
            model.stopTraining = epochs === 2;
          },
        }),
      ],
    });
    expect(epochs).toBe(2);
  });

  it('validationSplit takes the last fraction of the samples before shuffling', async () => {
    const model = regressor();
    const x = randomNormal([100, 5, 2], { seed: 5 });
    const y = randomNormal([100, 1], { seed: 6 });
    const history = await model.fit(x, y, {
      epochs: 1,
      validationSplit: 0.2,
      verbose: 0,
      shuffle: true,
    });
    const expected = await model.evaluate(x.slice([80], [20]), y.slice([80], [20]));
    expectClose([history.history.val_loss[0]], [expected.loss], { rtol: 1e-6 });
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
  });

  it('accepts nested arrays, { data, shape }, and Datasets of { x, y } batches', async () => {
    const model = regressor();
    const x = randomNormal([12, 5, 2], { seed: 7 });
    const y = randomNormal([12, 1], { seed: 8 });
    const viaArrays = await model.evaluate(x.toArray() as number[][][], y.toArray() as number[][]);
    const viaShapes = await model.evaluate(
      { data: x.data, shape: [12, 5, 2] },
      { data: Array.from(y.data), shape: [12, 1] },
    );
    const dataset = Dataset.fromTensors(x, y).batch(5);
    const viaDataset = await model.evaluate(dataset);
    expectClose([viaShapes.loss, viaDataset.loss], [viaArrays.loss, viaArrays.loss], {
      rtol: 1e-5,
    });
    const history = await model.fit(dataset, { epochs: 2, verbose: 0 });
    expect(history.history.loss.length).toBe(2);
    expect(() => model.predict(randomNormal([2, 5, 3]))).toThrow(/expected/);
  });

  it('predict batches internally and equals one big batch', () => {
    const model = regressor();
    const x = randomNormal([37, 5, 2], { seed: 9 });
    expectClose(
      model.predict(x, { batchSize: 5 }) as Tensor,
      model.predict(x, { batchSize: 64 }) as Tensor,
      { rtol: 1e-6, atol: 1e-7 },
    );
    expect((model.predict(x) as Tensor).requiresGrad).toBe(false);
  });

  it("class weights scale each sample's loss by its class", async () => {
    const model = new Sequential([new Dense({ units: 2, activation: 'softmax', inputShape: [3] })]);
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const x = randomNormal([6, 3], { seed: 10 });
    const y = tensor([0, 1, 0, 1, 0, 1]);
    const plain = model.testOnBatch(x, y).loss;
    const weighted = model.testOnBatch(x, y, { sampleWeight: tensor([3, 1, 3, 1, 3, 1]) }).loss;
    const first = await model.evaluate(x, y, { sampleWeight: tensor([3, 1, 3, 1, 3, 1]) });
    expectClose([first.loss], [weighted], { rtol: 1e-6 });
    expect(weighted).not.toBeCloseTo(plain, 4);
    const before = model.getWeights();
    const viaClass = new Sequential([
      new Dense({ units: 2, activation: 'softmax', inputShape: [3] }),
    ]);
    viaClass.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    viaClass.setWeights(before);
    const viaSample = new Sequential([
      new Dense({ units: 2, activation: 'softmax', inputShape: [3] }),
    ]);
    viaSample.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    viaSample.setWeights(before);
    await viaClass.fit(x, y, {
      epochs: 1,
      batchSize: 6,
      shuffle: false,
      verbose: 0,
      classWeight: { 0: 3, 1: 1 },
    });
    await viaSample.fit(x, y, {
      epochs: 1,
      batchSize: 6,
      shuffle: false,
      verbose: 0,
      sampleWeight: tensor([3, 1, 3, 1, 3, 1]),
    });
    viaClass.weights.forEach((w, i) => {
      expectClose(w, viaSample.weights[i], { rtol: 1e-6 });
    });
  });

  it('multiple outputs with loss weights, per-output losses and metric names', async () => {
    const x = input({ shape: [4] });
    const hidden = new Dense({ units: 8, activation: 'tanh' }).apply(x);
    const a = new Dense({ units: 1, name: 'a' }).apply(hidden);
    const b = new Dense({ units: 2, activation: 'softmax', name: 'b' }).apply(hidden);
    const model = new Model({ inputs: x, outputs: [a, b] });
    model.compile({
      optimizer: 'adam',
      loss: { a: 'mse', b: 'sparse_categorical_crossentropy' },
      lossWeights: { a: 0.5, b: 2 },
      metrics: { a: ['mae'], b: ['accuracy'] },
    });
    const data = randomNormal([16, 4], { seed: 11 });
    const ya = randomNormal([16, 1], { seed: 12 });
    const yb = randomUniform([16], { minval: 0, maxval: 2, dtype: 'int32', seed: 13 });
    const logs = await model.evaluate(data, [ya, yb]);
    expect(Object.keys(logs).sort()).toEqual(['a_loss', 'a_mae', 'b_accuracy', 'b_loss', 'loss']);
    expectClose([logs.loss], [0.5 * logs.a_loss + 2 * logs.b_loss], { rtol: 1e-5 });
  });

  it('a mask from Embedding(maskZero) removes padded steps from a sequence loss', async () => {
    seed(3);
    const model = new Sequential([
      new Embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] }),
      new LSTM({ units: 3, returnSequences: true }),
      new TimeDistributed({ layer: new Dense({ units: 5, activation: 'softmax' }) }),
    ]);
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const ids = tensor([[1, 2, 0, 0]], undefined, { dtype: 'int32' });
    const a = model.testOnBatch(ids, tensor([[3, 4, 1, 1]])).loss;
    const b = model.testOnBatch(ids, tensor([[3, 4, 2, 0]])).loss;
    expectClose([a], [b], { rtol: 1e-6 });
  });

  it('EarlyStopping with restoreBestWeights works through fit', async () => {
    const model = regressor();
    const x = randomNormal([32, 5, 2], { seed: 14 });
    const y = randomNormal([32, 1], { seed: 15 });
    const stopper = new EarlyStopping({
      monitor: 'loss',
      patience: 1,
      minDelta: 10,
      restoreBestWeights: true,
    });
    const history = await model.fit(x, y, { epochs: 10, verbose: 0, callbacks: [stopper] });
    expect(history.history.loss.length).toBe(2);
    expect(stopper.stoppedEpoch).toBe(1);
  });

  it('trainOnBatch updates the weights and reports the loss; errors name what was expected', async () => {
    const model = regressor();
    const before = model.getWeights();
    const logs = model.trainOnBatch(ones([4, 5, 2]), zeros([4, 1]));
    expect(Number.isFinite(logs.loss)).toBe(true);
    expect(model.weights.some((w, i) => w.data.some((v, k) => v !== before[i].data[k]))).toBe(true);
    await expect(model.fit(ones([4, 5, 2]), zeros([3, 1]), { verbose: 0 })).rejects.toThrow(
      /the same number of samples/,
    );
    const uncompiled = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    await expect(uncompiled.fit(ones([2, 2]), ones([2, 1]), { verbose: 0 })).rejects.toThrow(
      /compile\(\) first/,
    );
  });
});

describeBackends('masks and seeds', () => {
  it('metrics skip masked steps like the loss does', () => {
    seed(5);
    const model = new Sequential([
      new Embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] }),
      new LSTM({ units: 3, returnSequences: true }),
      new TimeDistributed({ layer: new Dense({ units: 5, activation: 'softmax' }) }),
    ]);
    model.compile({
      optimizer: 'sgd',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const ids = tensor([[1, 2, 0, 0]], undefined, { dtype: 'int32' });
    const predicted = (model.predict(ids) as Tensor).argMax(-1).data;
    // Targets right on the two valid steps; the padded steps' targets are deliberately wrong.
    const target = tensor([
      [predicted[0], predicted[1], (predicted[2] + 1) % 5, (predicted[3] + 1) % 5],
    ]);
    expect(model.testOnBatch(ids, target).accuracy).toBe(1);
  });

  it('unseeded dropout follows the global seed', async () => {
    const run = async () => {
      seed(9);
      const model = new Sequential([
        new LSTM({ units: 3, dropout: 0.3, recurrentDropout: 0.3, inputShape: [4, 2] }),
        new Dense({ units: 1 }),
      ]);
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      await model.fit(ones([8, 4, 2]), zeros([8, 1]), { epochs: 2, verbose: 0, shuffle: false });
      return Array.from(model.weights[0].data);
    };
    expect(await run()).toEqual(await run());
  });
});
