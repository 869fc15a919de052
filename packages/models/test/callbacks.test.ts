import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Tensor, tensor, ValueError } from '@recur/tensor';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Callback, CallbackModel, Logs } from '../src/callbacks/callback.js';
import { CallbackList } from '../src/callbacks/callback-list.js';
import { CSVLogger } from '../src/callbacks/csv-logger.js';
import { EarlyStopping, type EarlyStoppingOptions } from '../src/callbacks/early-stopping.js';
import { FilepathTemplate } from '../src/callbacks/filepath-template.js';
import { History } from '../src/callbacks/history.js';
import { LambdaCallback } from '../src/callbacks/lambda-callback.js';
import { LearningRateScheduler } from '../src/callbacks/learning-rate-scheduler.js';
import { ModelCheckpoint } from '../src/callbacks/model-checkpoint.js';
import { monitorDirection } from '../src/callbacks/monitor-direction.js';
import { formatExponential, formatFixed, pythonFloatRepr } from '../src/callbacks/python-format.js';
import { ReduceLROnPlateau } from '../src/callbacks/reduce-lr-on-plateau.js';
import { TerminateOnNaN } from '../src/callbacks/terminate-on-nan.js';

/** A model whose single weight is the index of the epoch being trained, so restores are visible. */
class StubModel implements CallbackModel {
  stopTraining = false;
  learningRate = 0.1;
  weights: Tensor[] = [tensor([-1])];
  restored: number[] = [];
  saved: { path: string; options: { weightsOnly?: boolean } | undefined }[] = [];
  metrics?: { name: string; direction: 'up' | 'down' }[];

  getLearningRate(): number {
    return this.learningRate;
  }
  setLearningRate(value: number): void {
    this.learningRate = value;
  }
  getWeights(): Tensor[] {
    return this.weights.map((weight) => weight.clone());
  }
  setWeights(weights: readonly Tensor[]): void {
    this.restored.push(weights[0].item());
    this.weights = weights.map((weight) => weight.clone());
  }
  async save(path: string, options?: { weightsOnly?: boolean }): Promise<void> {
    this.saved.push({ path, options });
  }
}

interface RunOptions {
  /** Logs passed to each batch end of an epoch (index: batch), or a per-epoch function. */
  batchLogs?: (epoch: number, batch: number) => Logs;
  steps?: number;
  metrics?: string[];
}

/** Drives callbacks like fit: weights are set to the epoch index before each epoch end. */
async function train(
  callbacks: Callback[],
  epochLogs: Logs[],
  model = new StubModel(),
  options: RunOptions = {},
): Promise<{ model: StubModel; epochsRun: number; logs: Logs[] }> {
  const steps = options.steps ?? 0;
  const list = new CallbackList(callbacks);
  list.setModel(model);
  list.setParams({
    epochs: epochLogs.length,
    steps,
    verbose: 0,
    metrics: options.metrics ?? Object.keys(epochLogs[0] ?? {}),
  });
  model.stopTraining = false;
  await list.onTrainBegin();
  let epochsRun = 0;
  const seenLogs: Logs[] = [];
  for (let epoch = 0; epoch < epochLogs.length; epoch++) {
    await list.onEpochBegin(epoch);
    for (let batch = 0; batch < steps; batch++) {
      await list.onBatchBegin(batch);
      await list.onBatchEnd(batch, options.batchLogs?.(epoch, batch) ?? {});
      if (model.stopTraining) break;
    }
    model.weights = [tensor([epoch])];
    seenLogs.push(await list.onEpochEnd(epoch, epochLogs[epoch]));
    epochsRun += 1;
    if (model.stopTraining) break;
  }
  await list.onTrainEnd();
  return { model, epochsRun, logs: seenLogs };
}

const valLoss = (values: number[]): Logs[] => values.map((value) => ({ val_loss: value }));

describe('python-style number formatting', () => {
  it('prints floats as Python repr', () => {
    expect(pythonFloatRepr(1)).toBe('1.0');
    expect(pythonFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pythonFloatRepr(0.0001)).toBe('0.0001');
    expect(pythonFloatRepr(0.00001)).toBe('1e-05');
    expect(pythonFloatRepr(1.5e16)).toBe('1.5e+16');
    expect(pythonFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pythonFloatRepr(-2.5)).toBe('-2.5');
    expect(pythonFloatRepr(Number.NaN)).toBe('nan');
    expect(pythonFloatRepr(Number.NEGATIVE_INFINITY)).toBe('-inf');
  });

  it('rounds exact ties to even like Python, unlike toFixed', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
    // 0.15 is slightly below 0.15 in binary: no tie, rounds down in both languages.
    expect(formatFixed(0.15, 1)).toBe('0.1');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
  });

  it('writes e notation with a two-digit exponent', () => {
    expect(formatExponential(0.00012345, 4)).toBe('1.2345e-04');
    expect(formatExponential(0, 4)).toBe('0.0000e+00');
    expect(formatExponential(9.99996, 4)).toBe('1.0000e+01');
    expect(formatExponential(123456, 2)).toBe('1.23e+05');
  });

  it('fills filepath placeholders with format specs', () => {
    const template = new FilepathTemplate('run/{epoch:02d}-{val_loss:.4f}-{loss}-{lr:.1e}{{x}}');
    expect(template.format({ epoch: 3, val_loss: 0.123456, loss: 1, lr: 0.001 }, ['epoch'])).toBe(
      'run/03-0.1235-1.0-1.0e-03{x}',
    );
    expect(template.placeholders).toEqual(['epoch', 'val_loss', 'loss', 'lr']);
    expect(new FilepathTemplate('{epoch:3d}').format({ epoch: 7 }, ['epoch'])).toBe('  7');
  });

  it('rejects malformed templates at construction and missing keys when formatting', () => {
    expect(() => new FilepathTemplate('model-{epoch')).toThrow(ValueError);
    expect(() => new FilepathTemplate('model-}')).toThrow(ValueError);
    expect(() => new FilepathTemplate('{loss:>10}')).toThrow(/format spec/);
    expect(() => new FilepathTemplate('{a.b}')).toThrow(/placeholder name/);
    expect(() => new FilepathTemplate('{loss:.2d}')).toThrow(/no precision/);
    expect(() => new FilepathTemplate('{val_acc}').format({ epoch: 1, loss: 2 })).toThrow(
      /\{val_acc\}.*epoch, loss/,
    );
    expect(() => new FilepathTemplate('{loss:d}').format({ loss: 0.5 })).toThrow(/integer/);
  });
});

describe('monitorDirection', () => {
  it("infers 'max' for accuracies, 'min' for losses and errors, and honours explicit modes", () => {
    expect(monitorDirection('val_loss', 'auto', null)).toBe('min');
    expect(monitorDirection('val_accuracy', 'auto', null)).toBe('max');
    expect(monitorDirection('acc', 'auto', null)).toBe('max');
    expect(monitorDirection('mae', 'auto', null)).toBe('min');
    expect(monitorDirection('val_loss', 'max', null)).toBe('max');
  });

  it("uses the model's metric direction when the model exposes its metrics", () => {
    const model = new StubModel();
    model.metrics = [{ name: 'r2', direction: 'up' }];
    expect(monitorDirection('val_r2', 'auto', model)).toBe('max');
    expect(monitorDirection('val_r2', 'auto', new StubModel())).toBe('min');
  });
});

describe('CallbackList', () => {
  it('awaits each hook of each callback in order and shares one copy of the logs', async () => {
    const calls: string[] = [];
    const slow = new LambdaCallback({
      onEpochEnd: async (epoch, logs) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        logs.extra = 1;
        calls.push(`slow ${epoch}`);
      },
    });
    const fast = new LambdaCallback({
      onEpochEnd: (epoch, logs) => {
        calls.push(`fast ${epoch} extra=${logs.extra}`);
      },
    });
    const list = new CallbackList([slow, fast]);
    const original = { loss: 1 };
    const shared = await list.onEpochEnd(4, original);
    expect(calls).toEqual(['slow 4', 'fast 4 extra=1']);
    expect(original).toEqual({ loss: 1 });
    expect(shared).toEqual({ loss: 1, extra: 1 });
  });

  it('passes the model and params to every callback, including ones appended later', () => {
    const first = new History();
    const list = new CallbackList([first]);
    const model = new StubModel();
    const params = { epochs: 2, steps: 3, verbose: 0 as const, metrics: ['loss'] };
    list.setModel(model);
    list.setParams(params);
    const late = new History();
    list.append(late);
    expect(first.model).toBe(model);
    expect(first.params).toBe(params);
    expect(late.model).toBe(model);
    expect(late.params).toBe(params);
  });

  it('rejects what is not a Callback', () => {
    expect(() => new CallbackList([{ onEpochEnd() {} } as unknown as Callback])).toThrow(
      ValueError,
    );
  });
});

describe('History', () => {
  it('records every epoch log and the epoch indices', async () => {
    const history = new History();
    await train(
      [history],
      [
        { loss: 0.5, val_loss: 0.6 },
        { loss: 0.4, val_loss: 0.55 },
      ],
    );
    expect(history.history).toEqual({ loss: [0.5, 0.4], val_loss: [0.6, 0.55] });
    expect(history.epoch).toEqual([0, 1]);
  });
});

describe('EarlyStopping', () => {
  // Each row: options, monitored values, then by Keras 3's rules the epochs run, stoppedEpoch
  // and bestEpoch. Worked by hand:
  // - patience 2: e0 best=1; e1 0.8 best, wait 0; e2 wait 1; e3 wait 2 >= 2 -> stop at 3.
  // - max with minDelta 0.05, patience 2: e2 0.6 beats 0.5 by more than 0.05; e3, e4 do not
  //   (0.64 is better than 0.6 but not by 0.05) -> stop at 4, best 2.
  // - min with minDelta 0.1, patience 1: 0.95 is not 0.1 below 1.0 -> stop at 1, best 0.
  // - baseline 0.5 never beaten: improvements do not reset the wait (e0 wait 1, e1 wait 2),
  //   e2 without improvement has wait 3 >= 2 -> stop at 2, best 1.
  // - same values without baseline: e2 wait 1, e3 and e4 improve -> all 5 epochs run.
  // - baseline 0.85 beaten at e1 (wait 0), e2 and e3 do not improve -> stop at 3.
  // - startFromEpoch 2 ignores e0 and e1 (which would stop a patience-0 run at e1): e2 and e3
  //   improve, e4 does not -> stop at 4.
  // - patience 0 without warm-up: e1 does not improve -> stop at 1.
  const table: [string, EarlyStoppingOptions, Logs[], number, number, number][] = [
    ['patience 2', { patience: 2 }, valLoss([1.0, 0.8, 0.85, 0.9, 0.7]), 4, 3, 1],
    [
      'max mode, minDelta',
      { monitor: 'val_accuracy', patience: 2, minDelta: 0.05 },
      [0.5, 0.54, 0.6, 0.62, 0.64, 0.9].map((value) => ({ val_accuracy: value })),
      5,
      4,
      2,
    ],
    ['min mode, minDelta', { minDelta: -0.1, patience: 1 }, valLoss([1.0, 0.95, 0.85]), 2, 1, 0],
    [
      'baseline not beaten',
      { baseline: 0.5, patience: 2 },
      valLoss([0.9, 0.8, 0.85, 0.7, 0.6]),
      3,
      2,
      1,
    ],
    ['no baseline', { patience: 2 }, valLoss([0.9, 0.8, 0.85, 0.7, 0.6]), 5, 0, 4],
    [
      'baseline beaten',
      { baseline: 0.85, patience: 2 },
      valLoss([0.9, 0.8, 0.82, 0.83, 0.84]),
      4,
      3,
      1,
    ],
    ['startFromEpoch', { startFromEpoch: 2 }, valLoss([1, 2, 3, 2.5, 2.6, 1]), 5, 4, 3],
    ['patience 0', {}, valLoss([1, 2, 3, 2.5, 2.6, 1]), 2, 1, 0],
  ];

  it.each(table)('%s', async (_name, options, logs, epochsRun, stoppedEpoch, bestEpoch) => {
    const earlyStopping = new EarlyStopping(options);
    const result = await train([earlyStopping], logs);
    expect(result.epochsRun).toBe(epochsRun);
    expect(earlyStopping.stoppedEpoch).toBe(stoppedEpoch);
    expect(earlyStopping.bestEpoch).toBe(bestEpoch);
    expect(result.model.restored).toEqual([]);
  });

  it('never stops at the first epoch, and a NaN value is no improvement', async () => {
    const earlyStopping = new EarlyStopping({ restoreBestWeights: true });
    const { epochsRun, model } = await train([earlyStopping], valLoss([Number.NaN, 1, 2]));
    // e0: NaN, wait 1 but epoch 0; e1: 1 is the first best; e2: no improvement -> stop.
    expect(epochsRun).toBe(3);
    expect(earlyStopping.stoppedEpoch).toBe(2);
    expect(earlyStopping.best).toBe(1);
    expect(model.restored).toEqual([1]);
  });

  it("restores the best epoch's weights when stopping", async () => {
    const earlyStopping = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    const { model } = await train([earlyStopping], valLoss([1.0, 0.8, 0.85, 0.9, 0.7]));
    expect(model.restored).toEqual([1]);
    expect(model.weights[0].item()).toBe(1);
  });

  it('restores the best weights even when patience never ran out', async () => {
    const earlyStopping = new EarlyStopping({ patience: 5, restoreBestWeights: true });
    const { model, epochsRun } = await train([earlyStopping], valLoss([1.0, 0.5, 0.7]));
    expect(epochsRun).toBe(3);
    expect(earlyStopping.stoppedEpoch).toBe(0);
    expect(model.restored).toEqual([1]);
  });

  it('restores the best epoch within the patience window when the baseline is never beaten', async () => {
    const earlyStopping = new EarlyStopping({
      baseline: 0.1,
      patience: 2,
      restoreBestWeights: true,
    });
    const { model } = await train([earlyStopping], valLoss([0.9, 0.8, 0.85, 0.7]));
    expect(earlyStopping.stoppedEpoch).toBe(2);
    expect(model.restored).toEqual([1]);
  });

  it('resets between training runs', async () => {
    const earlyStopping = new EarlyStopping({ patience: 1 });
    await train([earlyStopping], valLoss([1, 2, 3]));
    expect(earlyStopping.stoppedEpoch).toBe(1);
    const second = await train([earlyStopping], valLoss([5, 4, 3]));
    expect(second.epochsRun).toBe(3);
    expect(earlyStopping.stoppedEpoch).toBe(0);
    expect(earlyStopping.best).toBe(3);
  });

  it('warns once when the monitor is missing and never stops', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const earlyStopping = new EarlyStopping({ monitor: 'val_mae' });
      const { epochsRun } = await train([earlyStopping], valLoss([1, 2, 3]));
      expect(epochsRun).toBe(3);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/`val_mae`.*Available metrics are: val_loss/);
    } finally {
      warn.mockRestore();
    }
  });

  it('prints the stop and the restore with verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const earlyStopping = new EarlyStopping({
        patience: 1,
        restoreBestWeights: true,
        verbose: 1,
      });
      await train([earlyStopping], valLoss([1, 0.5, 0.6]));
      expect(log.mock.calls.map((call) => call[0])).toEqual([
        'Epoch 3: early stopping',
        'Restoring model weights from the end of the best epoch: 2.',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('rejects bad options with typed errors', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(ValueError);
    expect(() => new EarlyStopping({ patience: 1.5 })).toThrow(/patience an integer >= 0/);
    expect(() => new EarlyStopping({ mode: 'up' as 'max' })).toThrow(/mode one of/);
    expect(() => new EarlyStopping({ baseline: Number.NaN })).toThrow(/baseline a finite number/);
    expect(() => new EarlyStopping({ min_delta: 0.1 } as EarlyStoppingOptions)).toThrow(
      /min_delta/,
    );
  });
});

describe('ModelCheckpoint', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recur-checkpoint-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('saves every epoch with a formatted name and creates the directory', async () => {
    const filepath = join(directory, 'nested', 'model-{epoch:02d}-{val_loss:.4f}.keras');
    const checkpoint = new ModelCheckpoint({ filepath });
    const { model } = await train(
      [checkpoint],
      [
        { loss: 0.9, val_loss: 0.123456 },
        { loss: 0.8, val_loss: 0.5 },
      ],
    );
    expect(model.saved).toEqual([
      {
        path: join(directory, 'nested', 'model-01-0.1235.keras'),
        options: { weightsOnly: false },
      },
      {
        path: join(directory, 'nested', 'model-02-0.5000.keras'),
        options: { weightsOnly: false },
      },
    ]);
    expect((await stat(join(directory, 'nested'))).isDirectory()).toBe(true);
  });

  it('with saveBestOnly saves only on improvement, and forwards weightsOnly', async () => {
    const checkpoint = new ModelCheckpoint({
      filepath: join(directory, 'best-{epoch}.weights'),
      saveBestOnly: true,
      saveWeightsOnly: true,
    });
    const { model } = await train([checkpoint], valLoss([0.5, 0.6, 0.4, 0.4]));
    expect(model.saved).toEqual([
      { path: join(directory, 'best-1.weights'), options: { weightsOnly: true } },
      { path: join(directory, 'best-3.weights'), options: { weightsOnly: true } },
    ]);
    expect(checkpoint.best).toBe(0.4);
  });

  it('honours mode max and initialValueThreshold', async () => {
    const checkpoint = new ModelCheckpoint({
      filepath: join(directory, 'acc-{val_accuracy:.2f}'),
      monitor: 'val_accuracy',
      saveBestOnly: true,
      initialValueThreshold: 0.7,
    });
    const { model } = await train(
      [checkpoint],
      [0.6, 0.75, 0.72, 0.8].map((value) => ({ val_accuracy: value })),
    );
    expect(model.saved.map((save) => save.path)).toEqual([
      join(directory, 'acc-0.75'),
      join(directory, 'acc-0.80'),
    ]);
  });

  it('saves every saveFreq batches with {batch}, counting across epochs', async () => {
    const checkpoint = new ModelCheckpoint({
      filepath: join(directory, 'e{epoch}-b{batch}-{loss:.1f}'),
      saveFreq: 2,
    });
    const { model } = await train([checkpoint], valLoss([1, 1]), new StubModel(), {
      steps: 3,
      batchLogs: (epoch, batch) => ({ loss: epoch + batch / 10 }),
    });
    expect(model.saved.map((save) => save.path)).toEqual([
      join(directory, 'e1-b2-0.1'),
      join(directory, 'e2-b1-1.0'),
      join(directory, 'e2-b3-1.2'),
    ]);
  });

  it('prints its decisions with verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const checkpoint = new ModelCheckpoint({
        filepath: join(directory, 'm.keras'),
        saveBestOnly: true,
        verbose: 1,
      });
      await train([checkpoint], valLoss([0.5, 0.6, 0.25]));
      const path = join(directory, 'm.keras');
      expect(log.mock.calls.map((call) => call[0])).toEqual([
        `\nEpoch 1: val_loss improved to 0.50000, saving model to ${path}`,
        '\nEpoch 2: val_loss did not improve from 0.50000',
        `\nEpoch 3: val_loss improved from 0.50000 to 0.25000, saving model to ${path}`,
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('rejects bad options and placeholders missing from the logs', async () => {
    expect(() => new ModelCheckpoint({ filepath: '' })).toThrow(ValueError);
    expect(() => new ModelCheckpoint({ filepath: 'm-{epoch', saveBestOnly: true })).toThrow(
      ValueError,
    );
    expect(() => new ModelCheckpoint({ filepath: 'm', saveFreq: 0 })).toThrow(/saveFreq/);
    const checkpoint = new ModelCheckpoint({ filepath: join(directory, '{val_mae:.2f}') });
    await expect(train([checkpoint], valLoss([1]))).rejects.toThrow(/\{val_mae\}/);
  });
});

describe('ReduceLROnPlateau', () => {
  it('reduces by factor after patience, cools down, and stops at minLr', async () => {
    // Hand-worked (lr 0.1, factor 0.5, patience 2, cooldown 1, minLr 0.02, minDelta 1e-4):
    // e0 best 1; e1 wait 1; e2 wait 2 -> 0.05, cooldown 1; e3 cooldown ends, 0.9 improves;
    // e4 wait 1; e5 wait 2 -> 0.025; e6 cooldown ends, wait 1; e7 wait 2 -> max(0.0125, 0.02);
    // e8 wait 1; e9 wait 2 but already at minLr. Logs show the rate used during each epoch.
    const reduce = new ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.02 });
    const { model, logs } = await train(
      [reduce],
      valLoss([1.0, 1.0, 1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95]),
    );
    expect(logs.map((log) => log.learning_rate)).toEqual([
      0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02,
    ]);
    expect(model.learningRate).toBe(0.02);
  });

  it('skips reductions during cooldown epochs', async () => {
    // patience 1, cooldown 2: a reduction every other epoch instead of every epoch.
    const withCooldown = new ReduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 2 });
    const model = new StubModel();
    model.learningRate = 1;
    const flat = valLoss([1, 1, 1, 1, 1, 1, 1]);
    const cooled = await train([withCooldown], flat, model);
    expect(cooled.logs.map((log) => log.learning_rate)).toEqual([
      1, 1, 0.5, 0.5, 0.25, 0.25, 0.125,
    ]);

    const withoutCooldown = new ReduceLROnPlateau({ factor: 0.5, patience: 1 });
    model.learningRate = 1;
    const eager = await train([withoutCooldown], flat, model);
    expect(eager.logs.map((log) => log.learning_rate)).toEqual([
      1, 1, 0.5, 0.25, 0.125, 0.0625, 0.03125,
    ]);
  });

  it("counts improvements by minDelta and reads 'max' for accuracies", async () => {
    const reduce = new ReduceLROnPlateau({
      monitor: 'val_acc',
      factor: 0.5,
      patience: 1,
      minDelta: 0.1,
    });
    const { logs } = await train(
      [reduce],
      [0.5, 0.65, 0.7, 0.9].map((value) => ({ val_acc: value })),
    );
    // e1 improves by 0.15; e2 only by 0.05 -> reduce; e3 improves on 0.65 by 0.25.
    expect(logs.map((log) => log.learning_rate)).toEqual([0.1, 0.1, 0.1, 0.05]);
    expect(reduce.best).toBe(0.9);
  });

  it('leaves a rate at minLr alone, whether stored as float64 or float32', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      // fround(0.02) is below 0.02 and fround(0.001) above 0.001: both sides of the rounding.
      const cases = [
        [0.02, 0.02],
        [Math.fround(0.02), 0.02],
        [0.001, 0.001],
        [Math.fround(0.001), 0.001],
      ];
      for (const [stored, minLr] of cases) {
        const model = new StubModel();
        model.learningRate = stored;
        const reduce = new ReduceLROnPlateau({ patience: 1, minLr, verbose: 1 });
        await train([reduce], valLoss([1, 1, 1]), model);
        expect(model.learningRate).toBe(stored);
        // No reduction happened, so nothing reset the wait counter.
        expect(reduce.wait).toBe(2);
      }
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('prints reductions with verbose 1 and rejects a factor >= 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await train([new ReduceLROnPlateau({ patience: 0, verbose: 1 })], valLoss([1, 1]));
      expect(log.mock.calls.map((call) => call[0])).toEqual([
        '\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002.',
      ]);
    } finally {
      log.mockRestore();
    }
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor in \[0, 1\)/);
    expect(() => new ReduceLROnPlateau({ cooldown: -1 })).toThrow(ValueError);
  });
});

describe('LearningRateScheduler', () => {
  it('sets the rate at each epoch begin and logs it', async () => {
    const epochsSeen: [number, number][] = [];
    const scheduler = new LearningRateScheduler((epoch, lr) => {
      epochsSeen.push([epoch, lr]);
      return epoch < 2 ? lr : lr * 0.5;
    });
    const { model, logs } = await train([scheduler], valLoss([1, 1, 1, 1]));
    expect(epochsSeen).toEqual([
      [0, 0.1],
      [1, 0.1],
      [2, 0.1],
      [3, 0.05],
    ]);
    expect(logs.map((log) => log.learning_rate)).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(model.learningRate).toBe(0.025);
  });

  it('rejects a schedule returning a non-finite number', async () => {
    const scheduler = new LearningRateScheduler((epoch) => (epoch === 1 ? Number.NaN : 0.1));
    await expect(train([scheduler], valLoss([1, 1]))).rejects.toThrow(
      /finite number for epoch 1, received NaN/,
    );
    const wrongType = new LearningRateScheduler((() => '0.1') as unknown as () => number);
    await expect(train([wrongType], valLoss([1]))).rejects.toThrow(ValueError);
    expect(() => new LearningRateScheduler(0.1 as unknown as () => number)).toThrow(/a function/);
  });

  it('prints the new rate with verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await train([new LearningRateScheduler(() => 0.001, 1)], valLoss([1]));
      expect(log).toHaveBeenCalledWith(
        '\nEpoch 1: LearningRateScheduler setting learning rate to 0.001.',
      );
    } finally {
      log.mockRestore();
    }
  });
});

describe('TerminateOnNaN', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    'stops at the first batch with loss %s',
    async (bad) => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        const batchesSeen: number[] = [];
        const counter = new LambdaCallback({ onBatchEnd: (batch) => void batchesSeen.push(batch) });
        const { model, epochsRun } = await train(
          [new TerminateOnNaN(), counter],
          valLoss([1, 1, 1]),
          new StubModel(),
          {
            steps: 4,
            batchLogs: (epoch, batch) => ({ loss: epoch === 1 && batch === 2 ? bad : 0.5 }),
          },
        );
        expect(model.stopTraining).toBe(true);
        expect(epochsRun).toBe(2);
        expect(batchesSeen).toEqual([0, 1, 2, 3, 0, 1, 2]);
        expect(log.mock.calls.map((call) => call[0])).toEqual([
          'Batch 2: Invalid loss, terminating training',
        ]);
      } finally {
        log.mockRestore();
      }
    },
  );

  it('ignores batches without a loss', async () => {
    const { model, epochsRun } = await train([new TerminateOnNaN()], valLoss([1, 1]), undefined, {
      steps: 2,
    });
    expect(model.stopTraining).toBe(false);
    expect(epochsRun).toBe(2);
  });
});

describe('CSVLogger', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recur-csv-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const epochs: Logs[] = [
    { loss: 0.5, val_loss: 0.25, mae: 1 },
    { loss: 0.1 + 0.2, val_loss: 0.00001, mae: Number.NaN },
  ];

  it('writes epoch then sorted keys, one full-precision row per epoch', async () => {
    const filename = join(directory, 'log.csv');
    await writeFile(filename, 'old content\n');
    await train([new CSVLogger(filename)], epochs);
    expect(await readFile(filename, 'utf8')).toBe(
      'epoch,loss,mae,val_loss\n0,0.5,1.0,0.25\n1,0.30000000000000004,nan,1e-05\n',
    );
  });

  it('has the rows on disk as soon as each epoch ends', async () => {
    const filename = join(directory, 'log.csv');
    const contents: string[] = [];
    const reader = new LambdaCallback({
      onEpochEnd: async () => void contents.push(await readFile(filename, 'utf8')),
    });
    await train([new CSVLogger(filename), reader], epochs);
    expect(contents[0]).toBe('epoch,loss,mae,val_loss\n0,0.5,1.0,0.25\n');
  });

  it('appends without a second header, and writes NA for missing values', async () => {
    const filename = join(directory, 'log.csv');
    const logger = new CSVLogger(filename, { append: true, separator: ';' });
    await train([logger], [{ loss: 2, val_loss: 3 }]);
    await train([logger], [{ loss: 1, val_loss: 1.5 }, { loss: 0.5 }]);
    expect(await readFile(filename, 'utf8')).toBe(
      'epoch;loss;val_loss\n0;2.0;3.0\n0;1.0;1.5\n1;0.5;NA\n',
    );
  });

  it('keeps columns for announced val_* metrics the first epoch lacks', async () => {
    const filename = join(directory, 'log.csv');
    await train(
      [new CSVLogger(filename)],
      [{ loss: 1 }, { loss: 0.5, val_loss: 0.75 }],
      undefined,
      {
        metrics: ['loss', 'val_loss'],
      },
    );
    expect(await readFile(filename, 'utf8')).toBe('epoch,loss,val_loss\n0,1.0,NA\n1,0.5,0.75\n');
  });

  it('quotes cells holding the separator and rejects bad separators', async () => {
    const filename = join(directory, 'log.csv');
    await train([new CSVLogger(filename)], [{ 'a,b': 1 }]);
    expect(await readFile(filename, 'utf8')).toBe('epoch,"a,b"\n0,1.0\n');
    expect(() => new CSVLogger(filename, { separator: ', ' })).toThrow(ValueError);
    expect(() => new CSVLogger(filename, { separator: '"' })).toThrow(/separator/);
    expect(() => new CSVLogger('')).toThrow(/filename/);
  });
});

describe('LambdaCallback', () => {
  it('runs each provided hook with its arguments and awaits async ones', async () => {
    const calls: string[] = [];
    const lambda = new LambdaCallback({
      onTrainBegin: () => void calls.push('train begin'),
      onEpochBegin: (epoch) => void calls.push(`epoch begin ${epoch}`),
      onBatchBegin: (batch) => void calls.push(`batch begin ${batch}`),
      onBatchEnd: async (batch, logs) => {
        await Promise.resolve();
        calls.push(`batch end ${batch} ${logs.loss}`);
      },
      onEpochEnd: (epoch, logs) => void calls.push(`epoch end ${epoch} ${logs.val_loss}`),
      onTrainEnd: () => void calls.push('train end'),
    });
    await train([lambda], valLoss([0.5]), undefined, {
      steps: 2,
      batchLogs: (_epoch, batch) => ({ loss: batch }),
    });
    expect(calls).toEqual([
      'train begin',
      'epoch begin 0',
      'batch begin 0',
      'batch end 0 0',
      'batch begin 1',
      'batch end 1 1',
      'epoch end 0 0.5',
      'train end',
    ]);
  });

  it('rejects unknown hooks and non-functions', () => {
    expect(
      () => new LambdaCallback({ on_epoch_end: () => {} } as unknown as Record<string, never>),
    ).toThrow(/on_epoch_end/);
    expect(() => new LambdaCallback({ onEpochEnd: 3 as unknown as () => void })).toThrow(
      /onEpochEnd a function/,
    );
  });
});
