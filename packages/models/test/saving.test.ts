import type { SymbolicTensor } from '@recur/layers';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bidirectional, Dense, Embedding, GRU, LSTM, TimeDistributed } from '@recur/layers';
import { input, loadModel, Model, ModelFileError, Sequential } from '@recur/models';
import { randomNormal, randomUniform, seed, type Tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

const directory = () => mkdtempSync(join(tmpdir(), 'recur-save-'));
/** The weights file a checkpoint's model.json names (each save writes a generation of its own). */
const weightsFileOf = (dir: string) =>
  join(dir, JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).weights.file as string);
const sameBits = (a: Tensor, b: Tensor) =>
  expect(
    Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
      Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
    ),
  ).toBe(true);

function textModel() {
  const model = new Sequential([
    new Embedding({ inputDim: 20, outputDim: 6, maskZero: true, inputShape: [7] }),
    new Bidirectional({ layer: new GRU({ units: 5, returnSequences: true }) }),
    new LSTM({ units: 4 }),
    new Dense({ units: 3, activation: 'softmax' }),
  ]);
  model.compile({
    optimizer: 'adam',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function encoderDecoder() {
  const source = input({ shape: [6, 2], name: 'source' });
  const target = input({ shape: [4, 3], name: 'target' });
  const [, h, c] = new LSTM({ units: 5, returnState: true }).apply(source) as SymbolicTensor[];
  const decoded = new LSTM({ units: 5, returnSequences: true }).apply(target, {
    initialState: [h, c],
  });
  const out = new TimeDistributed({ layer: new Dense({ units: 3 }) }).apply(decoded);
  const model = new Model({ inputs: [source, target], outputs: out });
  model.compile({
    optimizer: { className: 'RMSprop', config: { learningRate: 0.01 } },
    loss: 'mse',
  });
  return model;
}

describeBackends('save / load', () => {
  it('save -> load -> predict gives bit-identical outputs (Sequential with masks and Bidirectional)', async () => {
    seed(1);
    const model = textModel();
    const ids = randomUniform([8, 7], { minval: 0, maxval: 20, dtype: 'int32', seed: 2 });
    await model.fit(ids, randomUniform([8], { minval: 0, maxval: 3, dtype: 'int32', seed: 3 }), {
      epochs: 1,
      verbose: 0,
    });
    const dir = directory();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.className).toBe('Sequential');
    expect(loaded.weightNames).toEqual(model.weightNames);
    sameBits(loaded.predict(ids) as Tensor, model.predict(ids) as Tensor);
    expect(loaded.isCompiled).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('recur-model');
    expect(json.compile.loss).toBe('sparse_categorical_crossentropy');
  });

  it('a functional encoder-decoder survives the round trip', async () => {
    const model = encoderDecoder();
    const x = [randomNormal([4, 6, 2], { seed: 4 }), randomNormal([4, 4, 3], { seed: 5 })];
    const dir = directory();
    await model.save(dir);
    const loaded = await loadModel(dir);
    sameBits(loaded.predict(x) as Tensor, model.predict(x) as Tensor);
  });

  it('resuming from a checkpoint with optimizer state gives the same weights as uninterrupted training', async () => {
    const x = randomNormal([32, 6, 2], { seed: 6 });
    const y = randomNormal([32, 4, 3], { seed: 7 });
    const data = [x, randomNormal([32, 4, 3], { seed: 8 })];
    seed(10);
    const uninterrupted = encoderDecoder();
    const start = uninterrupted.getWeights();
    // Each fit's shuffling comes from its own seed, so the resumed run can replay it exactly.
    await uninterrupted.fit(data, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 20 });
    await uninterrupted.fit(data, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 30 });

    const resumed = encoderDecoder();
    resumed.setWeights(start);
    await resumed.fit(data, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 20 });
    const dir = directory();
    await resumed.save(dir);
    const restored = await loadModel(dir);
    expect(restored.optimizer!.iterations).toBe(8);
    await restored.fit(data, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 30 });
    restored.weights.forEach((w, i) => {
      sameBits(w, uninterrupted.weights[i]);
    });
  });
});

describeBackends('compileConfig', () => {
  it('is what model.json stores under compile, and compiles a twin the same way', async () => {
    const model = textModel();
    model.setLearningRate(0.005);
    const config = model.compileConfig();
    expect(config).toMatchObject({
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      lossWeights: null,
      optimizer: { className: 'Adam' },
    });
    const dir = directory();
    await model.save(dir);
    const saved = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).compile;
    expect(saved).toEqual(JSON.parse(JSON.stringify(config)));
    const twin = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    expect(twin.compileConfig()).toBeNull();
    twin.compile({ ...config!, lossWeights: undefined, optimizer: config!.optimizer! });
    expect(twin.compileConfig()).toEqual(config);
  });

  it('a loss given as a plain function compiles but has no config; save says so', async () => {
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    const loss = (yTrue: Tensor, yPred: Tensor) => yPred.sub(yTrue).square().mean();
    model.compile({ loss: loss as never });
    expect(() => model.compileConfig()).toThrow(/compileConfig: .*plain function/);
    await expect(model.save(directory())).rejects.toThrow(/^save: .*plain function/);
  });
});

describeBackends('format version 1 folders', () => {
  it('load, and the next save replaces their fixed-name files with a generation', async () => {
    const model = textModel();
    model.build([null, 7]);
    const dir = directory();
    await model.save(dir);
    // Turn the folder into what version 1 wrote: fixed file names, no sizes or hashes.
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    renameSync(join(dir, json.weights.file), join(dir, 'weights.safetensors'));
    renameSync(join(dir, json.optimizerState.file), join(dir, 'optimizer.safetensors'));
    json.formatVersion = 1;
    json.weights = {
      file: 'weights.safetensors',
      names: json.weights.names,
      shapes: json.weights.shapes,
      dtypes: json.weights.dtypes,
    };
    json.optimizerState = { ...json.optimizerState, file: 'optimizer.safetensors' };
    delete json.optimizerState.bytes;
    delete json.optimizerState.sha256;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const loaded = await loadModel(dir);
    loaded.weights.forEach((w, i) => {
      sameBits(w, model.weights[i]);
    });
    await loaded.save(dir);
    const after = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(after.formatVersion).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(
      ['model.json', after.weights.file, after.optimizerState.file].sort(),
    );
  });
});

describeBackends('loading damaged or hostile files', () => {
  it('a weights file truncated at many offsets gives a ModelFileError every time', async () => {
    const model = textModel();
    model.build([null, 7]);
    const dir = directory();
    await model.save(dir);
    const weights = weightsFileOf(dir);
    const original = readFileSync(weights);
    const size = original.length;
    const offsets = [
      0,
      1,
      7,
      8,
      9,
      20,
      40,
      80,
      120,
      Math.floor(size / 3),
      Math.floor(size / 2),
      size - 9,
      size - 1,
    ];
    for (const offset of offsets) {
      writeFileSync(weights, original);
      truncateSync(weights, offset);
      await expect(loadModel(dir), `truncated at ${offset}`).rejects.toBeInstanceOf(ModelFileError);
    }
    writeFileSync(weights, original);
    await expect(loadModel(dir)).resolves.toBeDefined();
  });

  it('a header declaring an enormous tensor gives a typed error quickly, with bounded memory', async () => {
    const model = textModel();
    model.build([null, 7]);
    const dir = directory();
    await model.save(dir);
    const header = JSON.stringify({
      'embedding/embeddings': { dtype: 'F32', shape: [1e12, 1e12], data_offsets: [0, 2 ** 62] },
    });
    const bytes = Buffer.alloc(8 + header.length);
    bytes.writeBigUInt64LE(BigInt(header.length), 0);
    bytes.write(header, 8);
    writeFileSync(weightsFileOf(dir), bytes);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await expect(loadModel(dir)).rejects.toBeInstanceOf(ModelFileError);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('a model.json naming an unregistered class, or not JSON, is refused without running anything', async () => {
    const model = textModel();
    model.build([null, 7]);
    const dir = directory();
    await model.save(dir);
    const path = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.config.layers[0].className = 'require("child_process")';
    writeFileSync(path, JSON.stringify(json));
    await expect(loadModel(dir)).rejects.toThrow(/a registered layer class/);
    writeFileSync(path, '{ not json');
    await expect(loadModel(dir)).rejects.toBeInstanceOf(ModelFileError);
    await expect(loadModel(join(dir, 'missing'))).rejects.toBeInstanceOf(ModelFileError);
  });
});
