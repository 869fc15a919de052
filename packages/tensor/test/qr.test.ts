import {
  configuredThreads,
  type DType,
  getBackend,
  listOps,
  qr,
  Random,
  setNumThreads,
  tensor,
} from '@recur/tensor';
import { describeBackends, expectClose, expectRecurError } from '@recur/testing';
import { expect, it } from 'vitest';
import { choleskyQr } from '../src/backend/js/cholesky-qr.js';
import { jsBackend } from '../src/backend/js/js-backend.js';
import { householderQr } from '../src/backend/js/householder-qr.js';
import { nativeRuntime } from '../src/backend/native/native-runtime.js';

// qr on the backend under test: the factorisation's invariants on random, ill-conditioned and
// rank-deficient matrices, a float64 reference, and the native kernel against the TS twin on the
// same inputs.

function randomMatrix(random: Random, m: number, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: m * n }, () => scale * random.normal());
}

/** Orthonormal columns: the Q of a float64 Gram-Schmidt applied twice (test-only helper). */
function orthonormalColumns(random: Random, m: number, n: number): Float64Array {
  const columns = Array.from({ length: n }, () =>
    Float64Array.from({ length: m }, () => random.normal()),
  );
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += columns[k][i] * columns[j][i];
        for (let i = 0; i < m; i++) columns[j][i] -= dot * columns[k][i];
      }
    }
    const norm = Math.hypot(...columns[j]);
    for (let i = 0; i < m; i++) columns[j][i] /= norm;
  }
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = columns[j][i];
  return out;
}

/** U diag(s) W^T with singular values from 1 down to 1 / condition, log-spaced. */
function illConditioned(random: Random, m: number, n: number, condition: number): Float64Array {
  const u = orthonormalColumns(random, m, n);
  const w = orthonormalColumns(random, n, n);
  const out = new Float64Array(m * n);
  for (let l = 0; l < n; l++) {
    const s = condition ** (-l / Math.max(1, n - 1));
    for (let i = 0; i < m; i++) {
      const ui = s * u[i * n + l];
      for (let j = 0; j < n; j++) out[i * n + j] += ui * w[j * n + l];
    }
  }
  return out;
}

/** Unblocked Householder QR in float64 with a positive R diagonal: the reference. */
function referenceQr(a: Float64Array, m: number, n: number): { q: Float64Array; r: Float64Array } {
  const w = Float64Array.from(a);
  const vs: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(m);
    let norm = 0;
    for (let i = j; i < m; i++) norm += w[i * n + j] ** 2;
    norm = Math.sqrt(norm);
    const alpha = w[j * n + j];
    const beta = alpha > 0 ? -norm : norm;
    v[j] = alpha - beta;
    for (let i = j + 1; i < m; i++) v[i] = w[i * n + j];
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv > 0) {
      for (let c = j; c < n; c++) {
        let dot = 0;
        for (let i = j; i < m; i++) dot += v[i] * w[i * n + c];
        for (let i = j; i < m; i++) w[i * n + c] -= (2 * dot * v[i]) / vv;
      }
    }
    vs.push(v);
  }
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let j = n - 1; j >= 0; j--) {
    const v = vs[j];
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv === 0) continue;
    for (let c = 0; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i] * q[i * n + c];
      for (let i = j; i < m; i++) q[i * n + c] -= (2 * dot * v[i]) / vv;
    }
  }
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r[i * n + j] = w[i * n + j];
  return positiveDiagonal(q, r, m, n);
}

/** The factorisation with diag(r) >= 0 (unique for full rank): q's columns and r's rows flipped. */
function positiveDiagonal(
  q: ArrayLike<number>,
  r: ArrayLike<number>,
  m: number,
  n: number,
): { q: Float64Array; r: Float64Array } {
  const signs = Array.from({ length: n }, (_, j) => (r[j * n + j] < 0 ? -1 : 1));
  return {
    q: Float64Array.from({ length: m * n }, (_, i) => signs[i % n] * q[i]),
    r: Float64Array.from({ length: n * n }, (_, i) => signs[Math.floor(i / n)] * r[i]),
  };
}

/** max |Q^T Q - I|, max |Q R - A| / max |A|, and max |R below its diagonal|. */
function invariants(
  a: ArrayLike<number>,
  q: ArrayLike<number>,
  r: ArrayLike<number>,
  m: number,
  n: number,
) {
  let orthogonality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += q[p * n + i] * q[p * n + j];
      orthogonality = Math.max(orthogonality, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  let residual = 0;
  let largest = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p <= j; p++) s += q[i * n + p] * r[p * n + j];
      residual = Math.max(residual, Math.abs(s - a[i * n + j]));
      largest = Math.max(largest, Math.abs(a[i * n + j]));
    }
  }
  let below = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) below = Math.max(below, Math.abs(r[i * n + j]));
  return { orthogonality, residual: residual / (largest || 1), below };
}

// Shapes crossing the TS kernel's blocks (panels of 32 columns, blocks of 128) and LAPACK's.
const shapes: Array<[number, number]> = [
  [1, 1],
  [2, 1],
  [3, 2],
  [5, 5],
  [17, 3],
  [40, 33],
  [64, 64],
  [100, 37],
  [257, 130],
  [300, 129],
];

const tolerances: Record<'float32' | 'float64', { orthogonality: number; residual: number }> = {
  float32: { orthogonality: 5e-6, residual: 5e-6 },
  float64: { orthogonality: 1e-13, residual: 1e-13 },
};

function factor(values: Float64Array, m: number, n: number, dtype: DType) {
  const x = tensor(values, [m, n], { dtype });
  const { q, r } = qr(x);
  return { x, q, r };
}

describeBackends('qr', (backend) => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`${dtype}: Q^T Q = I, Q R = A, R upper triangular, matching a float64 reference`, () => {
      const random = new Random(11);
      for (const [m, n] of shapes) {
        const a = randomMatrix(random, m, n);
        const { x, q, r } = factor(a, m, n, dtype);
        expect(q.shape).toEqual([m, n]);
        expect(r.shape).toEqual([n, n]);
        expect(q.dtype).toBe(dtype);
        expect(r.dtype).toBe(dtype);
        const found = invariants(x.data, q.data, r.data, m, n);
        const tolerance = tolerances[dtype];
        expect(found.orthogonality, `${m}x${n} orthogonality`).toBeLessThan(
          tolerance.orthogonality,
        );
        expect(found.residual, `${m}x${n} residual`).toBeLessThan(tolerance.residual);
        expect(found.below, `${m}x${n} below the diagonal`).toBe(0);
        for (let j = 0; j < n; j++)
          expect(r.data[j * n + j], `${m}x${n} r[${j}, ${j}]`).toBeGreaterThanOrEqual(0);
        // Well conditioned, so the positive-diagonal factors are determined to working precision.
        const reference = referenceQr(Float64Array.from(x.data), m, n);
        const actual = positiveDiagonal(q.data, r.data, m, n);
        const close =
          dtype === 'float64' ? { rtol: 1e-10, atol: 1e-11 } : { rtol: 1e-4, atol: 2e-5 };
        expectClose(actual.q, reference.q, { ...close, label: `${m}x${n} q` });
        expectClose(actual.r, reference.r, { ...close, label: `${m}x${n} r` });
      }
    });

    it(`${dtype}: ill-conditioned, rank-deficient and badly scaled matrices`, () => {
      const random = new Random(12);
      const cases: Array<[string, Float64Array, number, number]> = [
        ['condition 1e6', illConditioned(random, 60, 40, 1e6), 60, 40],
        ['condition 1e12', illConditioned(random, 150, 140, 1e12), 150, 140],
        ['square, condition 1e9', illConditioned(random, 70, 70, 1e9), 70, 70],
      ];
      // Rank-deficient: a zero column and a repeated one.
      const deficient = randomMatrix(random, 50, 20);
      for (let i = 0; i < 50; i++) {
        deficient[i * 20 + 3] = 0;
        deficient[i * 20 + 7] = deficient[i * 20 + 2];
      }
      cases.push(['rank-deficient', deficient, 50, 20]);
      cases.push(['all zeros', new Float64Array(12), 4, 3]);
      // Already upper triangular (the reflectors are the identity where nothing is below).
      cases.push(['upper triangular', Float64Array.from([2, 1, 0, 0, -3, 4, 0, 0, 5]), 3, 3]);
      if (dtype === 'float64') {
        cases.push(['entries near 1e150', randomMatrix(random, 30, 10, 1e150), 30, 10]);
        cases.push(['entries near 1e-150', randomMatrix(random, 30, 10, 1e-150), 30, 10]);
      }
      for (const [label, a, m, n] of cases) {
        const { x, q, r } = factor(a, m, n, dtype);
        const found = invariants(x.data, q.data, r.data, m, n);
        const tolerance = tolerances[dtype];
        expect(found.orthogonality, `${label}: orthogonality`).toBeLessThan(
          tolerance.orthogonality,
        );
        expect(found.residual, `${label}: residual`).toBeLessThan(tolerance.residual);
        expect(found.below, `${label}: below the diagonal`).toBe(0);
        for (let j = 0; j < n; j++)
          expect(r.data[j * n + j], `${label}: r[${j}, ${j}]`).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it('nested arrays are float32 matrices', () => {
    const { q, r } = qr([
      [3, 1],
      [4, 2],
      [0, 5],
    ]);
    expect(q.dtype).toBe('float32');
    expectClose(q.matmul(r), [3, 1, 4, 2, 0, 5], { rtol: 1e-6, atol: 1e-6 });
    expectClose(Math.abs(r.data[0]), 5, { rtol: 1e-6 });
  });

  it('factors are constants for autograd', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 7],
      ],
      undefined,
      { dtype: 'float64', requiresGrad: true },
    );
    const { q, r } = qr(x);
    expect(q.requiresGrad).toBe(false);
    expect(r.requiresGrad).toBe(false);
    expect(listOps()).toContainEqual({ name: 'qr', differentiable: false });
  });

  it('refuses what it cannot factor, with typed errors', () => {
    const zeros = (shape: number[], dtype: DType = 'float32') =>
      tensor(
        new (dtype === 'int32' ? Int32Array : Float32Array)(shape.reduce((p, d) => p * d, 1)),
        shape,
        { dtype },
      );
    expectRecurError(() => qr(zeros([3])), 'x to be a matrix (rank 2)');
    expectRecurError(() => qr(zeros([2, 2, 2])), 'x to be a matrix (rank 2)');
    expectRecurError(() => qr(zeros([2, 3])), 'at least as many rows as columns');
    expectRecurError(() => qr(zeros([2, 2], 'int32')), 'x to be a float32 or float64 tensor');
    expectRecurError(() => qr(zeros([0, 0])), 'x to be a non-empty matrix');
    expectRecurError(() => qr(zeros([3, 0])), 'x to be a non-empty matrix');
    expectRecurError(() => qr(zeros([0, 3])), 'at least as many rows as columns');
    expectRecurError(() => qr('not a matrix' as never), 'qr');
  });

  it.runIf(backend === 'native')('runs the native kernel, and it matches the TS twin', () => {
    const random = new Random(13);
    expect(getBackend()).toBe('native');
    for (const dtype of ['float32', 'float64'] as const) {
      for (const [m, n] of [...shapes, [1024, 256] as [number, number]]) {
        const x = tensor(randomMatrix(random, m, n), [m, n], { dtype });
        const native = qr(x);
        const Kind = dtype === 'float32' ? Float32Array : Float64Array;
        const q = new Kind(m * n);
        const r = new Kind(n * n);
        jsBackend.qr(x.data as Float32Array, m, n, q, r);
        // The kernels may differ in signs (LAPACK's, or the TS CholeskyQR's positive diagonal);
        // the op's factors have diag(r) >= 0, so the TS kernel's are compared in that form.
        const twin = positiveDiagonal(q, r, m, n);
        const close =
          dtype === 'float64' ? { rtol: 1e-10, atol: 1e-11 } : { rtol: 1e-4, atol: 2e-5 };
        expectClose(native.q, twin.q, { ...close, label: `${dtype} ${m}x${n} q` });
        expectClose(native.r, twin.r, { ...close, label: `${dtype} ${m}x${n} r` });
      }
    }
  });

  it.runIf(backend === 'native')('gets the same bits on 1 and 2 threads', () => {
    const random = new Random(14);
    const x = tensor(randomMatrix(random, 1024, 256), [1024, 256], { dtype: 'float32' });
    const threads = configuredThreads();
    try {
      setNumThreads(1);
      const one = qr(x);
      setNumThreads(2);
      const two = qr(x);
      expect(Array.from(two.q.data)).toEqual(Array.from(one.q.data));
      expect(Array.from(two.r.data)).toEqual(Array.from(one.r.data));
    } finally {
      setNumThreads(threads);
    }
  });

  it.runIf(backend === 'js')(
    'the TS CholeskyQR takes well-conditioned float32 matrices, agrees with Householder, and declines the rest',
    () => {
      const random = new Random(15);
      for (const [m, n] of [
        [300, 129],
        [4, 4],
        [700, 200],
        // Past the thread pool's 2^27 multiply-adds (its Gram and solve tasks), with a last
        // column block of 44 and a last row panel of 54 (not a multiple of the 4-row tiles).
        [2102, 300],
      ] as Array<[number, number]>) {
        const a = Float32Array.from(randomMatrix(random, m, n));
        const q = new Float32Array(m * n);
        const r = new Float32Array(n * n);
        expect(choleskyQr(a, m, n, q, r), `${m}x${n} taken`).toBe(true);
        const hq = new Float32Array(m * n);
        const hr = new Float32Array(n * n);
        householderQr(a, m, n, hq, hr);
        const householder = positiveDiagonal(hq, hr, m, n);
        expectClose(q, householder.q, { rtol: 1e-4, atol: 2e-6, label: `${m}x${n} q` });
        expectClose(r, householder.r, { rtol: 1e-4, atol: 2e-6, label: `${m}x${n} r` });
        const found = invariants(a, q, r, m, n);
        expect(found.orthogonality).toBeLessThan(1e-6);
        expect(found.residual).toBeLessThan(1e-6);
      }
      // cond 1e4 (past the 1e3 guard), a zero column (A^T A singular), and non-finite entries.
      const declined: Array<[string, Float64Array, number, number]> = [
        ['condition 1e4', illConditioned(random, 80, 30, 1e4), 80, 30],
        [
          'a zero column',
          randomMatrix(random, 40, 10).map((v, i) => (i % 10 === 4 ? 0 : v)),
          40,
          10,
        ],
        [
          'an infinity',
          randomMatrix(random, 40, 10).map((v, i) => (i === 7 ? Infinity : v)),
          40,
          10,
        ],
      ];
      for (const [label, values, m, n] of declined) {
        const taken = choleskyQr(
          Float32Array.from(values),
          m,
          n,
          new Float32Array(m * n),
          new Float32Array(n * n),
        );
        expect(taken, label).toBe(false);
      }
    },
  );

  it.runIf(backend === 'js')('runs on the TS kernels', () => {
    expect(getBackend()).toBe('js');
  });
});

// The wrapper that guards the addon: every bad argument is a NativeArgumentError before native
// code runs.
const runNative = nativeRuntime().binding !== null || process.env.RECUR_BACKEND === 'native';

describeBackends('nativeQr argument checks', () => {
  it.runIf(runNative)('refuses bad arguments before native code runs', async () => {
    const { nativeQr } = await import('../src/backend/native/native-qr.js');
    const { NativeArgumentError } = await import('@recur/tensor');
    const f = (n: number) => new Float32Array(n);
    const valid = { m: 3, n: 2, a: f(6), q: f(6), r: f(4) };
    nativeQr(valid);
    const shared = new Float32Array(16);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['n', { n: 0, a: f(0), q: f(0), r: f(0) }],
      ['n', { n: 1.5 }],
      ['m', { m: -1 }],
      ['m', { m: 2 ** 31 }],
      ['m', { m: 1 }],
      ['a', { a: new Int32Array(6) }],
      ['a', { a: f(5) }],
      ['a', { a: [1, 2, 3, 4, 5, 6] }],
      ['q', { q: new Float64Array(6) }],
      ['q', { q: f(7) }],
      ['r', { r: f(3) }],
      ['r', { r: null }],
      ['q', { a: shared.subarray(0, 6), q: shared.subarray(4, 10) }],
      ['r', { a: shared.subarray(0, 6), q: f(6), r: shared.subarray(2, 6) }],
      ['r', { q: shared.subarray(0, 6), r: shared.subarray(5, 9) }],
    ];
    for (const [argument, override] of bad) {
      let error: unknown;
      try {
        nativeQr({ ...valid, ...override } as never);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(Object.keys(override))).toBeInstanceOf(NativeArgumentError);
      expect((error as InstanceType<typeof NativeArgumentError>).argument).toBe(argument);
    }
  });
});
