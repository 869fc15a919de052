import * as L from '@recur/layers';
import { concat, randomUniform, seed, tensor, zeros } from '@recur/tensor';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';

const x = () => randomUniform([2, 6, 3], { minval: -1, maxval: 1, seed: 21 });

describeBackends('recurrent layer behaviour', () => {
  it('without a mask the last output is the last step of the sequence, bit for bit, with the same gradients', () => {
    for (const goBackwards of [false, true]) {
      for (const make of [
        (o: object) => new L.LSTM({ units: 4, ...o }),
        (o: object) => new L.GRU({ units: 4, ...o }),
        (o: object) => new L.GRU({ units: 4, resetAfter: false, ...o }),
        (o: object) => new L.SimpleRNN({ units: 4, ...o }),
      ]) {
        const last = make({ goBackwards });
        const sequences = make({ goBackwards, returnSequences: true });
        last.apply(x());
        sequences.apply(x());
        sequences.setWeights(last.getWeights());
        const weight = randomUniform([2, 4], { seed: 5 });
        const run = (
          layer: L.Layer,
          pick: (y: ReturnType<typeof tensor>) => ReturnType<typeof tensor>,
        ) => {
          const y = pick(layer.apply(x(), { training: true }) as ReturnType<typeof tensor>);
          for (const w of layer.trainableWeights) w.grad = null;
          y.mul(weight).sum().backward();
          return [
            Array.from(y.data),
            ...layer.trainableWeights.map((w) => Array.from(w.grad!.data)),
          ];
        };
        expect(run(last, (y) => y)).toEqual(
          run(sequences, (y) => y.slice([0, 5, 0], [-1, 1, -1]).reshape([2, 4])),
        );
      }
    }
  });

  it('step() fed one step at a time reproduces the full-sequence outputs', () => {
    for (const layer of [
      new L.LSTM({ units: 5, returnSequences: true }),
      new L.GRU({ units: 5, returnSequences: true }),
      new L.SimpleRNN({ units: 5, returnSequences: true }),
    ]) {
      const inputs = x();
      const full = layer.apply(inputs) as ReturnType<typeof tensor>;
      let state: L.RecurrentState | undefined;
      const outputs = [];
      for (let t = 0; t < 6; t++) {
        const step = layer.step(inputs.slice([0, t, 0], [-1, 1, -1]).reshape([2, 3]), state);
        outputs.push(step.output.expandDims(1));
        state = step.state;
      }
      expectClose(concat(outputs, 1), full, { rtol: 1e-5, atol: 1e-6, label: layer.className });
      expect(state!.h.requiresGrad).toBe(false);
    }
  });

  it('stateful layers carry states between calls until resetStates()', () => {
    const stateful = new L.LSTM({
      units: 4,
      stateful: true,
      batchSize: 2,
      inputShape: [3, 3],
      returnSequences: true,
    });
    const plain = new L.LSTM({ units: 4, returnSequences: true });
    const inputs = x();
    plain.apply(inputs);
    stateful.apply(inputs.slice([0, 0, 0], [-1, 3, -1]));
    stateful.setWeights(plain.getWeights());
    stateful.resetStates();
    const first = stateful.apply(
      inputs.slice([0, 0, 0], [-1, 3, -1]),
    ) as L.LayerOutput as ReturnType<typeof tensor>;
    const second = stateful.apply(inputs.slice([0, 3, 0], [-1, 3, -1])) as ReturnType<
      typeof tensor
    >;
    expectClose(concat([first, second], 1), plain.apply(inputs) as ReturnType<typeof tensor>, {
      rtol: 1e-5,
      atol: 1e-6,
    });
    stateful.resetStates();
    expectClose(
      stateful.apply(inputs.slice([0, 0, 0], [-1, 3, -1])) as ReturnType<typeof tensor>,
      first,
    );
    expect(() => new L.LSTM({ units: 4, stateful: true })).toThrow(/fixed batch size/);
  });

  it('Embedding(maskZero) masks reach the recurrent layer like an explicit mask', () => {
    const embedding = new L.Embedding({ inputDim: 10, outputDim: 3, maskZero: true });
    const lstm = new L.LSTM({ units: 4 });
    const ids = tensor(
      [
        [3, 4, 5, 0, 0],
        [7, 0, 0, 0, 0],
      ],
      undefined,
      { dtype: 'int32' },
    );
    const embedded = embedding.apply(ids) as ReturnType<typeof tensor>;
    const mask = embedding.computeMask(ids, null)!;
    expect(mask.toArray()).toEqual([
      [1, 1, 1, 0, 0],
      [1, 0, 0, 0, 0],
    ]);
    const masked = lstm.apply(embedded, { mask }) as ReturnType<typeof tensor>;
    // With right padding the last output equals running the valid prefix alone.
    const prefix = lstm.apply(embedded.slice([0, 0, 0], [1, 3, -1])) as ReturnType<typeof tensor>;
    expectClose(masked.slice([0, 0], [1, -1]), prefix, { rtol: 1e-5, atol: 1e-6 });
    const masking = new L.Masking();
    const padded = tensor([
      [
        [1, 2],
        [0, 0],
        [3, 4],
      ],
    ]);
    expect(masking.computeMask(padded, null).toArray()).toEqual([[1, 0, 1]]);
    expect(masking.apply(padded)).toBeDefined();
  });

  it('uses Keras 3 defaults', () => {
    const lstm = new L.LSTM({ units: 3 });
    expect(lstm.activationName).toBe('tanh');
    expect(lstm.recurrentActivationName).toBe('sigmoid');
    expect(lstm.kernelInitializer.className).toBe('GlorotUniform');
    expect(lstm.recurrentInitializer.className).toBe('Orthogonal');
    expect(lstm.biasInitializer.className).toBe('Zeros');
    lstm.apply(x());
    // unitForgetBias: the forget block [H, 2H) starts at 1.
    expect(Array.from(lstm.bias!.data)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const gru = new L.GRU({ units: 3 });
    gru.apply(x());
    expect(gru.resetAfter).toBe(true);
    expect(gru.bias!.shape).toEqual([2, 9]);
    expect(gru.weightNames).toEqual([
      `${gru.name}/kernel`,
      `${gru.name}/recurrent_kernel`,
      `${gru.name}/bias`,
    ]);
  });

  it('param counts follow the Keras formulas', () => {
    const [D, H] = [3, 5];
    const count = (layer: L.Layer) => {
      layer.apply(zeros([1, 2, D]));
      return layer.countParams();
    };
    expect(count(new L.SimpleRNN({ units: H }))).toBe(H * (D + H) + H);
    expect(count(new L.LSTM({ units: H }))).toBe(4 * (H * (D + H) + H));
    expect(count(new L.GRU({ units: H }))).toBe(3 * (H * (D + H) + 2 * H));
    expect(count(new L.GRU({ units: H, resetAfter: false }))).toBe(3 * (H * (D + H) + H));
    expect(count(new L.Bidirectional({ layer: new L.LSTM({ units: H }) }))).toBe(
      2 * 4 * (H * (D + H) + H),
    );
  });

  it("trainable = false freezes every weight, including a wrapper's", () => {
    const bi = new L.Bidirectional({ layer: new L.GRU({ units: 2 }) });
    bi.apply(x());
    bi.trainable = false;
    expect(bi.trainableWeights).toEqual([]);
    expect(bi.nonTrainableWeights.length).toBe(6);
    expect(bi.weights.every((w) => !w.requiresGrad)).toBe(true);
    bi.trainable = true;
    expect(bi.trainableWeights.length).toBe(6);
  });

  it('seeded initialization is reproducible', () => {
    seed(3);
    const a = new L.LSTM({ units: 3 });
    a.apply(x());
    seed(3);
    const b = new L.LSTM({ units: 3 });
    b.apply(x());
    expect(Array.from(a.kernel!.data)).toEqual(Array.from(b.kernel!.data));
  });
});
