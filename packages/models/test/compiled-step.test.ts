import {
  Bidirectional,
  Dense,
  Dropout,
  Embedding,
  GRU,
  type Layer,
  LSTM,
  SimpleRNN,
  TimeDistributed,
} from '@recur/layers';
import { type CompileOptions, Sequential } from '@recur/models';
import { randomNormal, randomUniform, type Tensor, tensor, ValueError } from '@recur/tensor';
import { captureError, describeBackends } from '@recur/testing';
import { expect, it, vi } from 'vitest';

const [B, T, D, H] = [6, 7, 3, 5];
const inputShape = [T, D];

interface Case {
  label: string;
  layers: () => Layer[];
  compile: Omit<CompileOptions, 'jitCompile'>;
  /** Inputs and targets of step `s` (a batch of `batch` samples). */
  data: (s: number, batch: number) => [Tensor, Tensor];
}

const sgdMse = { optimizer: { className: 'SGD', config: { learningRate: 0.05 } }, loss: 'mse' };
const regression = (units: number) => (s: number, batch: number) =>
  [
    randomNormal([batch, T, D], { seed: 100 + s }),
    randomNormal([batch, units], { seed: 200 + s }),
  ] as [Tensor, Tensor];

// The bench models (one recurrent layer, two stacked, one Bidirectional -> h_T -> MSE -> SGD) and
// one with everything else a compiled step meets: an Embedding mask, dropout, recurrent dropout,
// returned sequences into TimeDistributed(Dense), Adam with clipping, and two metrics.
const cases: Case[] = [
  {
    label: 'LSTM',
    layers: () => [new LSTM({ units: H, inputShape })],
    compile: sgdMse,
    data: regression(H),
  },
  {
    label: 'GRU',
    layers: () => [new GRU({ units: H, inputShape })],
    compile: sgdMse,
    data: regression(H),
  },
  {
    label: 'GRU reset-before',
    layers: () => [new GRU({ units: H, inputShape, resetAfter: false })],
    compile: sgdMse,
    data: regression(H),
  },
  {
    label: 'SimpleRNN',
    layers: () => [new SimpleRNN({ units: H, inputShape })],
    compile: sgdMse,
    data: regression(H),
  },
  {
    label: 'stacked LSTM',
    layers: () => [
      new LSTM({ units: H, returnSequences: true, inputShape }),
      new LSTM({ units: H }),
    ],
    compile: sgdMse,
    data: regression(H),
  },
  {
    label: 'Bidirectional LSTM',
    layers: () => [new Bidirectional({ layer: new LSTM({ units: H }), inputShape })],
    compile: sgdMse,
    data: regression(2 * H),
  },
  {
    label: 'Embedding(maskZero) + dropout + GRU sequences + TimeDistributed(Dense), Adam',
    layers: () => [
      new Embedding({ inputDim: 9, outputDim: 4, maskZero: true, inputShape: [T] }),
      new Dropout({ rate: 0.2, seed: 11 }),
      new GRU({ units: H, returnSequences: true, recurrentDropout: 0.3, dropout: 0.1, seed: 12 }),
      new TimeDistributed({ layer: new Dense({ units: 9, activation: 'softmax' }) }),
    ],
    compile: {
      optimizer: { className: 'Adam', config: { learningRate: 0.01, clipnorm: 1 } },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy', 'sparse_categorical_crossentropy'],
    },
    data: (s, batch) => {
      const ids = randomUniform([batch, T], { minval: 0, maxval: 9, seed: 300 + s });
      // Right padding: the last steps of some rows are 0 (masked).
      const tokens = Array.from(ids.data, (v, i) => (i % T > T - 1 - (i % 3) ? 0 : Math.floor(v)));
      const targets = randomUniform([batch, T], { minval: 0, maxval: 9, seed: 400 + s });
      return [
        tensor(Int32Array.from(tokens), [batch, T]),
        tensor(Float32Array.from(targets.data, Math.floor), [batch, T]),
      ];
    },
  },
];

/** Two copies of the case's model, with the same weights: one compiled with jitCompile false. */
function twins(c: Case) {
  const plain = new Sequential(c.layers());
  const compiled = new Sequential(c.layers());
  plain.compile({ ...c.compile, jitCompile: false });
  compiled.compile(c.compile);
  compiled.setWeights(plain.getWeights());
  return { plain, compiled };
}

const bits = (model: Sequential) => model.getWeights().map((w) => Array.from(w.data));

describeBackends('compiled steps (jitCompile) against the uncompiled path', () => {
  for (const c of cases) {
    it(`${c.label}: 20 trainOnBatch steps give the same losses, metrics and weights, bit for bit`, () => {
      const { plain, compiled } = twins(c);
      let storage: ArrayBufferLike | null = null;
      for (let s = 0; s < 20; s++) {
        // Every fifth batch is smaller: a second input signature with buffers of its own.
        const batch = s % 5 === 4 ? B - 2 : B;
        const [x, y] = c.data(s, batch);
        expect(compiled.trainOnBatch(x, y), `step ${s} logs`).toEqual(plain.trainOnBatch(x, y));
        expect(bits(compiled), `step ${s} weights`).toEqual(bits(plain));
        // The compiled step writes the recurrent kernel's gradient into the same storage each
        // full batch: it is kept memory, not a fresh array.
        const kernel = compiled.trainableWeights.find((w) => w.grad && w.shape[1] % H === 0)!;
        if (batch === B) {
          storage ??= kernel.grad!.data.buffer;
          expect(kernel.grad!.data.buffer, `step ${s} gradient storage`).toBe(storage);
        }
      }
      const [x, y] = c.data(99, B);
      expect(compiled.testOnBatch(x, y)).toEqual(plain.testOnBatch(x, y));
      expect((compiled.predictOnBatch(x) as Tensor).data).toEqual(
        (plain.predictOnBatch(x) as Tensor).data,
      );
    });
  }

  it('fit with validation, evaluate and predict in batches: the same histories, weights and outputs', async () => {
    for (const c of [cases[1], cases[5], cases[6]]) {
      const { plain, compiled } = twins(c);
      const [x, y] = c.data(7, 45);
      const options = {
        epochs: 2,
        batchSize: 8,
        validationSplit: 0.2,
        seed: 5,
        verbose: 0,
      } as const;
      const histories = [await plain.fit(x, y, options), await compiled.fit(x, y, options)];
      expect(histories[1].history, c.label).toEqual(histories[0].history);
      expect(bits(compiled), c.label).toEqual(bits(plain));
      expect(await compiled.evaluate(x, y, { batchSize: 8 })).toEqual(
        await plain.evaluate(x, y, { batchSize: 8 }),
      );
      expect((compiled.predict(x, { batchSize: 8 }) as Tensor).data).toEqual(
        (plain.predict(x, { batchSize: 8 }) as Tensor).data,
      );
    }
  });

  it('predict returns outputs of their own: the next call does not overwrite them', () => {
    const model = new Sequential([new LSTM({ units: H, returnSequences: true, inputShape })]);
    const [x1] = regression(H)(1, B);
    const [x2] = regression(H)(2, B);
    const first = model.predictOnBatch(x1) as Tensor;
    const kept = Array.from(first.data);
    model.predictOnBatch(x2);
    model.predict(x2, { batchSize: 2 });
    expect(Array.from(first.data)).toEqual(kept);
  });

  it('fit at verbose 2 says once which layers keep memory, and what jitCompile false does', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      for (const jitCompile of [true, false]) {
        log.mockClear();
        const model = new Sequential([
          new LSTM({ units: H, inputShape, name: 'encoder' }),
          new Dense({ units: 1 }),
        ]);
        model.compile({ optimizer: 'sgd', loss: 'mse', jitCompile });
        const [x] = regression(H)(3, 12);
        await model.fit(x, randomNormal([12, 1]), { epochs: 2, batchSize: 4, verbose: 2 });
        const said = log.mock.calls.map((call) => String(call[0]));
        const lines = said.filter((line) => /compiled step|jitCompile false/.test(line));
        expect(lines, said.join('\n')).toEqual([
          jitCompile
            ? 'compiled step: encoder keep outputs, workspaces and gradients between batches; the other layers, the loss and the optimizer allocate per step'
            : 'jitCompile false: every layer allocates its outputs, workspaces and gradients per step',
        ]);
      }
    } finally {
      log.mockRestore();
    }
  });

  it("jitCompile other than true, false or 'auto' is a ValueError naming what came", () => {
    const model = new Sequential([new LSTM({ units: H, inputShape })]);
    const error = captureError(() =>
      model.compile({ loss: 'mse', jitCompile: 'yes' as unknown as boolean }),
    );
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe(
      `compile: expected jitCompile true, false or 'auto', received 'yes'`,
    );
  });
});
