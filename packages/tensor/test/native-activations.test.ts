import { noGrad, setBackend, setMaximumIsa, simpleRnn, type Tensor, tensor } from '@recur/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeIsas, nativeUnderTest } from './native-isas.js';

// The native kernels' own tanh and sigmoid (activations-impl.inc: a rational tanh, an
// exp-based sigmoid), measured in float32 ulps against Math.tanh and an exact sigmoid on a dense
// sweep. A SimpleRNN of one unit and one step with kernel 1 and recurrent kernel 0 outputs
// act(x) itself: x * 1 + 0 * 0 is exact. Every instruction set this CPU has is forced in turn.

// -12 .. 12 densely (past +-9 tanh is +-1 in float32), small magnitudes down to 1e-30, zero.
const sweep = (() => {
  const values: number[] = [0];
  for (let i = -120_000; i <= 120_000; i++) values.push(Math.fround(i / 10_000));
  for (let e = -30; e < 0; e += 0.01) values.push(Math.fround(10 ** e), Math.fround(-(10 ** e)));
  return Float32Array.from(values);
})();

function ulpsOff(actual: number, exact: number): number {
  const rounded = Math.fround(exact);
  if (actual === rounded) return 0;
  const bits = new Uint32Array(new Float32Array([Math.abs(rounded)]).buffer)[0]!;
  const next = new Float32Array(new Uint32Array([bits + 1]).buffer)[0]!;
  return Math.abs(actual - exact) / (next - Math.abs(rounded));
}

function activated(activation: 'tanh' | 'sigmoid', values: Float32Array): Float32Array {
  const B = values.length;
  const x: Tensor = tensor(values, [B, 1, 1]);
  const { h } = noGrad(() =>
    simpleRnn(x, tensor([[1]]), tensor([[0]]), null, { activation, sequence: false }),
  );
  return h.data as Float32Array;
}

const sigmoidExact = (x: number) =>
  x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));

describe.runIf(nativeUnderTest)('native activation kernels', () => {
  afterAll(() => setMaximumIsa('avx512'));
  for (const isa of nativeIsas) {
    it(`${isa}: tanh within 7 ulp, odd, exactly +-1 past 9 and x near 0`, () => {
      setBackend('native');
      setMaximumIsa(isa);
      const y = activated('tanh', sweep);
      let worst = 0;
      const wrong: string[] = [];
      sweep.forEach((x, k) => {
        worst = Math.max(worst, ulpsOff(y[k]!, Math.tanh(x)));
        const exact =
          Math.abs(x) >= 9 ? Math.sign(x) : Math.abs(x) < 1e-4 ? Math.fround(Math.tanh(x)) : null;
        if (exact !== null && y[k] !== exact) wrong.push(`tanh(${x}) = ${y[k]}, expected ${exact}`);
      });
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(worst).toBeLessThanOrEqual(7);
      const mirrored = activated(
        'tanh',
        sweep.map((x) => -x),
      );
      const asymmetric = sweep.filter(
        (_x, k) => mirrored[k] !== -y[k]! && !(mirrored[k] === 0 && y[k] === 0),
      );
      expect(Array.from(asymmetric.slice(0, 5))).toEqual([]);
    });
    it(`${isa}: sigmoid within 4 ulp, relative accuracy down to its tail`, () => {
      setBackend('native');
      setMaximumIsa(isa);
      const values = Float32Array.from([...sweep, -30, -50, -80, -87, 30, 50, 100]);
      const y = activated('sigmoid', values);
      let worst = 0;
      values.forEach((x, k) => {
        worst = Math.max(worst, ulpsOff(y[k]!, sigmoidExact(x)));
      });
      expect(worst).toBeLessThanOrEqual(4);
    });
  }
});
