import { describe, expect, it } from 'vitest';
import { sgemm } from '../src/backend/native/native-sgemm.js';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';
import { configuredThreads, NativeArgumentError, setNumThreads } from '../src/index.js';

// Run whenever the addon is built; under RECUR_BACKEND=native a missing addon fails loudly instead.
const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';

/** xorshift-based generator so shapes and values are reproducible. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function randomArray(random: () => number, length: number): Float32Array {
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

/** Naive float64 triple loop plus, per element, the scale sum |alpha| sum|a||b| + |beta||c|. */
function reference(
  transposeA: boolean,
  transposeB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  beta: number,
  c: Float32Array,
) {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let p = 0; p < k; p++) {
        const x = transposeA ? a[p * m + i] : a[i * k + p];
        const y = transposeB ? b[j * k + p] : b[p * n + j];
        sum += x * y;
        magnitude += Math.abs(x * y);
      }
      const old = beta === 0 ? 0 : beta * c[i * n + j];
      value[i * n + j] = alpha * sum + old;
      scale[i * n + j] = Math.abs(alpha) * magnitude + Math.abs(old);
    }
  }
  return { value, scale };
}

describe.runIf(runNative)('sgemm (native addon)', () => {
  const random = generator(20261121);
  const sizes = [1, 2, 3, 7, 16, 17, 33, 64, 129];
  const pick = () => sizes[Math.floor(random() * sizes.length)];
  const cases: Array<[number, number, number, boolean, boolean, number, number]> = [
    [1, 1, 1, false, false, 1, 0],
    [1, 57, 31, false, true, 1, 0],
    [43, 1, 9, true, false, 0.5, 1],
    [5, 7, 1, true, true, -2, 0.25],
    [128, 96, 200, false, false, 1, 0],
  ];
  for (let index = 0; index < 40; index++) {
    cases.push([
      pick(),
      pick(),
      pick(),
      random() < 0.5,
      random() < 0.5,
      random() * 4 - 2,
      random() < 0.5 ? 0 : random() * 2 - 1,
    ]);
  }

  it.each(cases)(
    'm=%i n=%i k=%i transposeA=%s transposeB=%s alpha=%d beta=%d equals the naive loop within 1e-5 relative',
    (m, n, k, transposeA, transposeB, alpha, beta) => {
      // Inputs live at a byteOffset inside larger buffers, to check that offsets are honoured.
      const padding = 3;
      const backingA = randomArray(random, m * k + 2 * padding);
      const backingB = randomArray(random, k * n + 2 * padding);
      const backingC = randomArray(random, m * n + 2 * padding);
      const a = backingA.subarray(padding, padding + m * k);
      const b = backingB.subarray(padding, padding + k * n);
      const c = backingC.subarray(padding, padding + m * n);
      const before = Float32Array.from(backingC);
      const expected = reference(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
      sgemm({ transposeA, transposeB, m, n, k, alpha, a, b, beta, c });
      for (let i = 0; i < m * n; i++) {
        const error = Math.abs(c[i] - expected.value[i]);
        expect(error).toBeLessThanOrEqual(1e-5 * Math.max(expected.scale[i], 1e-30));
      }
      // The padding around c is untouched.
      expect(Array.from(backingC.subarray(0, padding))).toEqual(
        Array.from(before.subarray(0, padding)),
      );
      expect(Array.from(backingC.subarray(padding + m * n))).toEqual(
        Array.from(before.subarray(padding + m * n)),
      );
    },
  );

  // Products of 2^20 multiply-adds or more are split across threads: by rows when m >= n, by
  // columns otherwise (also when m is too small to split). Every element keeps its whole sum on one
  // thread, so the result is the same, bit for bit, for any thread count.
  const splitCases: Array<[number, number, number]> = [
    [200, 96, 64],
    [24, 300, 160],
    [3, 700, 600],
  ];
  for (const [m, n, k] of splitCases) {
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      it(`m=${m} n=${n} k=${k} transposeA=${transposeA} transposeB=${transposeB}: same bits on 1, 2 and 3 threads, and equal to the naive loop`, () => {
        const a = randomArray(random, m * k);
        const b = randomArray(random, k * n);
        const c = randomArray(random, m * n);
        const expected = reference(transposeA, transposeB, m, n, k, 1.5, a, b, 0.5, c);
        const results = [1, 2, 3].map((threads) => {
          setNumThreads(threads);
          const out = Float32Array.from(c);
          sgemm({ transposeA, transposeB, m, n, k, alpha: 1.5, a, b, beta: 0.5, c: out });
          return out;
        });
        setNumThreads(configuredThreads());
        for (let i = 0; i < m * n; i++) {
          expect(Math.abs(results[0][i] - expected.value[i])).toBeLessThanOrEqual(
            1e-5 * expected.scale[i],
          );
        }
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
      });
    }
  }

  it('k = 0 scales c by beta, and beta = 0 never reads c (NaN does not survive)', () => {
    const c = new Float32Array([1, 2, Number.NaN, 4]);
    sgemm({
      m: 1,
      n: 2,
      k: 0,
      a: new Float32Array(0),
      b: new Float32Array(0),
      beta: 0.5,
      c: c.subarray(0, 2),
    });
    expect(Array.from(c.subarray(0, 2))).toEqual([0.5, 1]);
    const d = new Float32Array([Number.NaN, Number.NaN]);
    sgemm({
      m: 1,
      n: 2,
      k: 1,
      a: new Float32Array([2]),
      b: new Float32Array([3, 4]),
      beta: 0,
      c: d,
    });
    expect(Array.from(d)).toEqual([6, 8]);
  });

  it('m = 0 or n = 0 is a no-op', () => {
    expect(() =>
      sgemm({
        m: 0,
        n: 3,
        k: 2,
        a: new Float32Array(0),
        b: new Float32Array(6),
        c: new Float32Array(0),
      }),
    ).not.toThrow();
  });

  it('wrong sizes and types give a NativeArgumentError naming what was expected and what came', () => {
    const call = () =>
      sgemm({
        m: 2,
        n: 2,
        k: 3,
        a: new Float32Array(4),
        b: new Float32Array(6),
        c: new Float32Array(4),
      });
    expect(call).toThrow(NativeArgumentError);
    expect(call).toThrow(
      "sgemm: argument 'a' expected a Float32Array of length 6, received Float32Array of length 4",
    );
    expect(() =>
      sgemm({
        m: 1,
        n: 1,
        k: 1,
        a: new Float64Array(1) as unknown as Float32Array,
        b: new Float32Array(1),
        c: new Float32Array(1),
      }),
    ).toThrow(/expected a Float32Array of length 1, received Float64Array/);
    expect(() =>
      sgemm({
        m: -1,
        n: 1,
        k: 1,
        a: new Float32Array(1),
        b: new Float32Array(1),
        c: new Float32Array(1),
      }),
    ).toThrow(/'m' expected an integer/);
    expect(() =>
      sgemm({
        m: 1.5,
        n: 1,
        k: 1,
        a: new Float32Array(1),
        b: new Float32Array(1),
        c: new Float32Array(1),
      }),
    ).toThrow(NativeArgumentError);
    expect(() =>
      sgemm({
        m: 2 ** 31,
        n: 1,
        k: 0,
        a: new Float32Array(0),
        b: new Float32Array(0),
        c: new Float32Array(1),
      }),
    ).toThrow(/'m' expected an integer in \[0, 2147483647\]/);
  });

  it('refuses an output that overlaps an input', () => {
    const buffer = new Float32Array(8);
    expect(() =>
      sgemm({
        m: 2,
        n: 2,
        k: 2,
        a: buffer.subarray(0, 4),
        b: new Float32Array(4),
        c: buffer.subarray(2, 6),
      }),
    ).toThrow(/overlapping/);
  });

  it('the addon itself rejects bad arguments with a typed error, never a crash', () => {
    const binding = nativeRuntime().binding!;
    const expectRejected = (run: () => void, pattern: RegExp) => {
      try {
        run();
      } catch (error) {
        expect((error as { code?: string }).code).toBe('ERR_RECUR_NATIVE_ARGUMENT');
        expect(String(error)).toMatch(pattern);
        return;
      }
      throw new Error('expected the addon to throw');
    };
    const f = (n: number) => new Float32Array(n);
    expectRejected(
      () => binding.sgemm(false, false, 2, 2, 2, 1, f(3), f(4), 0, f(4)),
      /'a' expected a Float32Array of length 4, received Float32Array of length 3/,
    );
    expectRejected(
      () => binding.sgemm(false, false, 2, 2, 2, 1, f(4), f(4), 0, f(5)),
      /'c' expected/,
    );
    expectRejected(
      () => binding.sgemm(false, false, -2, 2, 2, 1, f(4), f(4), 0, f(4)),
      /'m' expected an integer/,
    );
    expectRejected(
      () => binding.sgemm(false, false, Number.NaN, 2, 2, 1, f(4), f(4), 0, f(4)),
      /received NaN/,
    );
    expectRejected(
      () => binding.sgemm(0 as unknown as boolean, false, 2, 2, 2, 1, f(4), f(4), 0, f(4)),
      /'transposeA' expected a boolean/,
    );
    expectRejected(
      () => (binding.sgemm as unknown as (...args: unknown[]) => void)(false, false),
      /expected 10 arguments, received 2/,
    );
    expectRejected(
      () =>
        binding.sgemm(
          false,
          false,
          2,
          2,
          2,
          1,
          [1, 2, 3, 4] as unknown as Float32Array,
          f(4),
          0,
          f(4),
        ),
      /received an Array/,
    );
    const shared = f(8);
    expectRejected(
      () =>
        binding.sgemm(
          false,
          false,
          2,
          2,
          2,
          1,
          shared.subarray(0, 4),
          f(4),
          0,
          shared.subarray(3, 7),
        ),
      /overlapping/,
    );
  });
});
