import { describe, expect, it } from 'vitest';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';
import { recurrentBackward, recurrentForward } from '../src/backend/native/native-recurrent.js';
import type { RecurrentForwardArguments } from '../src/backend/recurrent-kernels.js';
import { NativeArgumentError } from '../src/index.js';

type NativeRecurrentForward = RecurrentForwardArguments<Float32Array>;

const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';

function problem(overrides: Partial<NativeRecurrentForward> = {}): NativeRecurrentForward {
  const [B, T, D, H] = [2, 3, 2, 2];
  const f = (n: number) => new Float32Array(n).fill(0.1);
  return {
    cell: 'lstm',
    resetAfter: false,
    batch: B,
    steps: T,
    inputSize: D,
    units: H,
    goBackwards: false,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    x: f(B * T * D),
    kernel: f(D * 4 * H),
    recurrentKernel: f(H * 4 * H),
    bias: null,
    initialH: null,
    initialC: null,
    mask: null,
    recurrentDropoutMask: null,
    sequence: new Float32Array(B * T * H),
    finalH: new Float32Array(B * H),
    finalC: new Float32Array(B * H),
    workspace: null,
    ...overrides,
  };
}

describe.runIf(runNative)('recurrent kernels: argument checks', () => {
  it('runs a valid problem', () => {
    const p = problem();
    recurrentForward(p);
    expect(p.finalH.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('the TypeScript wrapper rejects bad buffers before native code runs', () => {
    expect(() => recurrentForward(problem({ x: new Float32Array(5) }))).toThrow(
      NativeArgumentError,
    );
    expect(() => recurrentForward(problem({ x: new Float32Array(5) }))).toThrow(
      "recurrentForward: argument 'x' expected a Float32Array of length 12, received Float32Array of length 5",
    );
    expect(() => recurrentForward(problem({ steps: 0 }))).toThrow(
      /'steps' expected an integer in \[1,/,
    );
    expect(() => recurrentForward(problem({ cell: 'rnn' as 'lstm' }))).toThrow(/'cell' expected/);
    expect(() => recurrentForward(problem({ finalC: null }))).toThrow(
      /'finalC' expected a Float32Array of length 4, received null/,
    );
    const shared = new Float32Array(64);
    expect(() =>
      recurrentForward(
        problem({ sequence: shared.subarray(0, 12), finalH: shared.subarray(8, 12) }),
      ),
    ).toThrow(/overlapping/);
    expect(() =>
      recurrentBackward({
        ...problem(),
        workspace: new Float32Array(3),
        dSequence: null,
        dFinalH: null,
        dFinalC: null,
        dx: null,
        dKernel: null,
        dRecurrentKernel: null,
        dBias: null,
        dInitialH: null,
        dInitialC: null,
      }),
    ).toThrow(/'workspace' expected a Float32Array of length/);
  });

  it('the addon repeats every check itself (never a crash on a lying caller)', () => {
    const binding = nativeRuntime().binding!;
    const expectRejected = (run: () => void, pattern: RegExp) => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect((caught as { code?: string })?.code).toBe('ERR_RECUR_NATIVE_ARGUMENT');
      expect(String(caught)).toMatch(pattern);
    };
    expectRejected(
      () => binding.recurrentForward(problem({ x: new Float32Array(5) })),
      /'x' expected a Float32Array of length 12/,
    );
    expectRejected(
      () => binding.recurrentForward(problem({ batch: 2 ** 40 })),
      /'batch' expected an integer/,
    );
    expectRejected(
      () => binding.recurrentForward(problem({ units: 1e9, inputSize: 1e9 })),
      /product|expected/,
    );
    expectRejected(
      () => binding.recurrentForward(problem({ activation: 'gelu' as 'tanh' })),
      /'activation' expected one of/,
    );
    expectRejected(
      () => binding.recurrentForward(problem({ mask: new Float32Array(2) })),
      /'mask' expected a Float32Array of length 6 or null/,
    );
    expectRejected(
      () => binding.recurrentForward(problem({ workspace: new Float32Array(10) })),
      /'workspace' expected/,
    );
    expectRejected(
      () => (binding.recurrentForward as unknown as (x: unknown) => void)(42),
      /'options' expected an options object/,
    );
    const shared = new Float32Array(64);
    expectRejected(
      () =>
        binding.recurrentForward(
          problem({ x: shared.subarray(0, 12), sequence: shared.subarray(4, 16) }),
        ),
      /overlapping/,
    );
  });
});
