import type { FloatArray } from '../../dtype.js';
import { gemmStrided } from './gemm.js';

// Blocked Householder QR (LAPACK's dgeqrf + dorgqr, compact WY), in float64 whatever the dtype.
//
// Layout: the working copy holds A column-major, which is the row-major [n, m] array of A^T, so a
// Householder vector, a column of R and a column of Q are each contiguous and the unblocked panel
// works on unit-stride runs. A column-major product C = op(X) op(Y) is the row-major product
// C^T = op(Y)^T op(X)^T, so every block update below is a row-major gemmStrided call over
// sub-blocks of that array (leading dimension m).
//
// Two levels of blocks. An outer block of OUTER columns is factored as panels of INNER columns:
// each panel column by column (level 2, unit stride), then its block reflector
// H = H_k ... H_{k+b-1} = I - V T V^T (LAPACK dlarft, forward, columnwise) is applied to the rest
// of the outer block with GEMMs. The outer block's T is merged from its panels' T's, and its
// H^T = I - V T^T V^T is applied to the trailing columns with GEMMs of inner dimension OUTER:
// the trailing matrix is repacked by the GEMM once per outer block, a quarter as often as with
// LAPACK's 32-column blocks (packing fell from ~12% to ~6% of the time at 4096 x 1024; OUTER from
// 64 to 256 measured alike there). Q is then formed as LAPACK's dorgqr does, from the last outer
// block back to the first. Nearly all the time is in the GEMM's micro-kernel: 4096 x 1024 is
// ~16 GFLOP. Sign convention: LAPACK's (beta = -sign(alpha) ||x||), so diag(R) may be negative.
const OUTER = 128;
const INNER = 32;

/** Reduced QR of the row-major [m, n] `a` (m >= n >= 1): `q` [m, n], `r` [n, n], row-major. */
export function householderQr(
  a: FloatArray,
  m: number,
  n: number,
  q: FloatArray,
  r: FloatArray,
): void {
  const w = new Float64Array(n * m);
  transposeInto(a, m, n, w);
  const tau = new Float64Array(n);
  const workspace = new Workspace(m, n);
  const blocks: number[] = [];
  // The T of each outer block, kept for forming Q (n * OUTER doubles in all).
  const factors: Float64Array[] = [];
  for (let k = 0; k < n; k += OUTER) {
    const b = Math.min(OUTER, n - k);
    const t = factorBlock(w, m, k, b, tau, workspace);
    blocks.push(k);
    factors.push(t);
    if (k + b < n) {
      copyReflectors(w, m, k, b, workspace.v);
      applyReflectors(w, m, k, b, workspace.v, t, k + b, n - k - b, workspace);
    }
  }

  // R: the upper triangle of the factored matrix (column j of w holds R[0..j, j]).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) r[i * n + j] = j >= i ? w[j * m + i] : 0;
  }

  // Q = H_0 H_1 ... H_{n-1} I[:, :n], formed in place over w as LAPACK's dorgqr does: going back
  // from the last block, the columns right of block k already hold Q's (zero above row k + b),
  // so the block's reflectors are copied out, its columns set to the identity's, and its H
  // applied to the trailing [m - k, n - k] block.
  for (let index = blocks.length - 1; index >= 0; index--) {
    const k = blocks[index];
    const b = Math.min(OUTER, n - k);
    copyReflectors(w, m, k, b, workspace.v);
    for (let j = k; j < k + b; j++) {
      w.fill(0, j * m, (j + 1) * m);
      w[j * m + j] = 1;
    }
    formBlock(w, m, n, k, b, workspace.v, factors[index], workspace);
  }
  transposeInto(w, n, m, q);
}

/**
 * Qs = (I - V T V^T) Qs for Qs = Q[k:m, k:n] (column-major in w, rows k..), using its known
 * zeros: its first b columns are the identity's, so V^T Qs there is V's top b x b block (no
 * product), and the other columns are zero in their first b rows, so their V^T Qs skips those.
 */
function formBlock(
  w: Float64Array,
  m: number,
  n: number,
  k: number,
  b: number,
  v: Float64Array,
  t: Float64Array,
  workspace: Workspace,
): void {
  const mk = m - k;
  const count = n - k;
  const { product, scaled } = workspace;
  // product (row-major [count, b]) = (V^T Qs)^T.
  for (let j = 0; j < b; j++) {
    for (let p = 0; p < b; p++) product[j * b + p] = v[p * mk + j];
  }
  if (count > b) {
    gemmStrided({
      transposeA: false,
      transposeB: true,
      m: count - b,
      n: b,
      k: mk - b,
      alpha: 1,
      a: w,
      aOffset: (k + b) * m + k + b,
      lda: m,
      b: v,
      bOffset: b,
      ldb: mk,
      beta: 0,
      c: product,
      cOffset: b * b,
      ldc: b,
    });
  }
  subtractReflected(product, t, true, count, b, v, mk, w, k * m + k, m, scaled);
}

/** Scratch buffers sized for the largest block. */
class Workspace {
  /** Reflectors of one block, row-major [b, m - k]. */
  readonly v: Float64Array;
  /** Reflectors of one panel inside the block being factored. */
  readonly panel: Float64Array;
  readonly product: Float64Array;
  readonly scaled: Float64Array;
  constructor(m: number, n: number) {
    this.v = new Float64Array(OUTER * m);
    this.panel = new Float64Array(INNER * m);
    this.product = new Float64Array(OUTER * n);
    this.scaled = new Float64Array(OUTER * n);
  }
}

/**
 * Factors the block of columns [k, k + b) in place (its rows k..), panel by panel, and returns
 * the T of its block reflector.
 */
function factorBlock(
  w: Float64Array,
  m: number,
  k: number,
  b: number,
  tau: Float64Array,
  workspace: Workspace,
): Float64Array {
  let t: Float64Array | null = null;
  let width = 0;
  for (let p = k; p < k + b; p += INNER) {
    const pb = Math.min(INNER, k + b - p);
    factorPanel(w, m, p, pb, tau);
    copyReflectors(w, m, p, pb, workspace.panel);
    const tp = triangularFactor(workspace.panel, m - p, pb, tau, p);
    if (p + pb < k + b)
      applyReflectors(w, m, p, pb, workspace.panel, tp, p + pb, k + b - p - pb, workspace);
    t = t === null ? tp : mergeFactors(w, m, k, width, t, pb, tp);
    width += pb;
  }
  return t!;
}

/**
 * Applies H^T, H = I - V T V^T the block reflector of columns [k, k + b) (reflectors `v`,
 * row-major [b, m - k]), from the left to the columns [first, first + count) of column-major
 * `target`, rows k..: in row-major terms on target's rows, C^T -= ((C^T V) T) V^T.
 */
function applyReflectors(
  target: Float64Array,
  m: number,
  k: number,
  b: number,
  v: Float64Array,
  t: Float64Array,
  first: number,
  count: number,
  workspace: Workspace,
): void {
  const mk = m - k;
  const offset = first * m + k;
  const { product, scaled } = workspace;
  gemmStrided({
    transposeA: false,
    transposeB: true,
    m: count,
    n: b,
    k: mk,
    alpha: 1,
    a: target,
    aOffset: offset,
    lda: m,
    b: v,
    bOffset: 0,
    ldb: mk,
    beta: 0,
    c: product,
    cOffset: 0,
    ldc: b,
  });
  subtractReflected(product, t, false, count, b, v, mk, target, offset, m, scaled);
}

/**
 * The end of both block-reflector updates: with `product` = (V^T C)^T (row-major [count, b]),
 * C^T -= (product op(T)) V^T, where op(T) is T for forming Q (H C) and T^T for the factorization
 * (H^T C); C is the column-major block of `target` at `offset` with leading dimension `m`.
 */
function subtractReflected(
  product: Float64Array,
  t: Float64Array,
  transposeT: boolean,
  count: number,
  b: number,
  v: Float64Array,
  mk: number,
  target: Float64Array,
  offset: number,
  m: number,
  scaled: Float64Array,
): void {
  gemmStrided({
    transposeA: false,
    transposeB: transposeT,
    m: count,
    n: b,
    k: b,
    alpha: 1,
    a: product,
    aOffset: 0,
    lda: b,
    b: t,
    bOffset: 0,
    ldb: b,
    beta: 0,
    c: scaled,
    cOffset: 0,
    ldc: b,
  });
  gemmStrided({
    transposeA: false,
    transposeB: false,
    m: count,
    n: mk,
    k: b,
    alpha: -1,
    a: scaled,
    aOffset: 0,
    lda: b,
    b: v,
    bOffset: 0,
    ldb: mk,
    beta: 1,
    c: target,
    cOffset: offset,
    ldc: m,
  });
}

/**
 * The T of [V1 V2] from T1 (the block's first `width` reflectors, from column k) and T2 (the
 * next panel's `b2`): [[T1, -T1 (V1^T V2) T2], [0, T2]] (the dlarft recurrence taken a panel at
 * a time, so only the cross products V1^T V2 are computed).
 */
function mergeFactors(
  w: Float64Array,
  m: number,
  k: number,
  width: number,
  t1: Float64Array,
  b2: number,
  t2: Float64Array,
): Float64Array {
  const b = width + b2;
  // V2's rows are zero above its diagonal, so the products start at row k + width.
  const start = k + width;
  const cross = new Float64Array(width * b2);
  const v1 = new Float64Array(width * (m - start));
  const v2 = new Float64Array(b2 * (m - start));
  for (let p = 0; p < width; p++) {
    const column = (k + p) * m;
    for (let i = start; i < m; i++) v1[p * (m - start) + i - start] = w[column + i];
  }
  copyReflectors(w, m, start, b2, v2);
  gemmStrided({
    transposeA: false,
    transposeB: true,
    m: width,
    n: b2,
    k: m - start,
    alpha: 1,
    a: v1,
    aOffset: 0,
    lda: m - start,
    b: v2,
    bOffset: 0,
    ldb: m - start,
    beta: 0,
    c: cross,
    cOffset: 0,
    ldc: b2,
  });
  const left = new Float64Array(width * b2);
  gemmStrided({
    transposeA: false,
    transposeB: false,
    m: width,
    n: b2,
    k: width,
    alpha: 1,
    a: t1,
    aOffset: 0,
    lda: width,
    b: cross,
    bOffset: 0,
    ldb: b2,
    beta: 0,
    c: left,
    cOffset: 0,
    ldc: b2,
  });
  const t = new Float64Array(b * b);
  gemmStrided({
    transposeA: false,
    transposeB: false,
    m: width,
    n: b2,
    k: b2,
    alpha: -1,
    a: left,
    aOffset: 0,
    lda: b2,
    b: t2,
    bOffset: 0,
    ldb: b2,
    beta: 0,
    c: t,
    cOffset: width,
    ldc: b,
  });
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) t[i * b + j] = t1[i * width + j];
  }
  for (let i = 0; i < b2; i++) {
    for (let j = 0; j < b2; j++) t[(width + i) * b + width + j] = t2[i * b2 + j];
  }
  return t;
}

/**
 * `out` (row-major [cols, rows]) = the transpose of row-major [rows, cols] `x`: blocks of 64 x 64
 * in tiles of 8 x 8. With a power-of-two row length the rows a 32 x 32 tile writes all map to the
 * same L1 set and evict each other (4096 x 1024 took several times longer that way).
 */
function transposeInto(x: FloatArray, rows: number, cols: number, out: FloatArray): void {
  const BLOCK = 64;
  const TILE = 8;
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(rows, i0 + BLOCK);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = Math.min(cols, j0 + BLOCK);
      for (let ii = i0; ii < i1; ii += TILE) {
        const ie = Math.min(i1, ii + TILE);
        for (let jj = j0; jj < j1; jj += TILE) {
          const je = Math.min(j1, jj + TILE);
          for (let j = jj; j < je; j++) {
            for (let i = ii; i < ie; i++) out[j * rows + i] = x[i * cols + j];
          }
        }
      }
    }
  }
}

/**
 * Unblocked Householder QR of the panel A[k:m, k:k+b] (columns k.. of column-major `w`): column
 * j's reflector is stored below its diagonal (v[0] = 1 implied), beta on the diagonal, tau apart.
 */
function factorPanel(w: Float64Array, m: number, k: number, b: number, tau: Float64Array): void {
  for (let j = k; j < k + b; j++) {
    const start = j * m + j;
    const end = (j + 1) * m;
    const alpha = w[start];
    const xnorm = norm2(w, start + 1, end);
    if (xnorm === 0) {
      // Already upper triangular here: H = I (LAPACK dlarfg's tau = 0).
      tau[j] = 0;
      continue;
    }
    const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = start + 1; i < end; i++) w[i] *= scale;
    w[start] = beta;
    // Apply H_j = I - tau v v^T to the panel's remaining columns.
    const t = tau[j];
    const vBase = j * m;
    for (let c = j + 1; c < k + b; c++) {
      const offset = c * m;
      let dot = w[offset + j];
      for (let i = j + 1; i < m; i++) dot += w[vBase + i] * w[offset + i];
      const s = t * dot;
      w[offset + j] -= s;
      for (let i = j + 1; i < m; i++) w[offset + i] -= s * w[vBase + i];
    }
  }
}

/** ||w[start:end]||_2, scaled so that neither overflow nor underflow can spoil it. */
function norm2(w: Float64Array, start: number, end: number): number {
  let largest = 0;
  for (let i = start; i < end; i++) largest = Math.max(largest, Math.abs(w[i]));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  // Unscaled when the squares cannot overflow or lose everything to underflow.
  if (largest > 1e-150 && largest < 1e150) {
    let sum = 0;
    for (let i = start; i < end; i++) sum += w[i] * w[i];
    return Math.sqrt(sum);
  }
  const inverse = 1 / largest;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const x = w[i] * inverse;
    sum += x * x;
  }
  return largest * Math.sqrt(sum);
}

/** The panel's reflectors as a dense row-major [b, m - k] array: unit diagonal, zeros above. */
function copyReflectors(w: Float64Array, m: number, k: number, b: number, v: Float64Array): void {
  const mk = m - k;
  for (let p = 0; p < b; p++) {
    const row = p * mk;
    const column = (k + p) * m + k;
    for (let i = 0; i < p; i++) v[row + i] = 0;
    v[row + p] = 1;
    for (let i = p + 1; i < mk; i++) v[row + i] = w[column + i];
  }
}

/**
 * The upper triangular T (row-major [b, b]) with H_k ... H_{k+b-1} = I - V T V^T: from the Gram
 * matrix G = V^T V (one GEMM), T[0:p, p] = -tau_p T[0:p, 0:p] G[0:p, p] and T[p, p] = tau_p.
 */
function triangularFactor(
  v: Float64Array,
  mk: number,
  b: number,
  tau: Float64Array,
  k: number,
): Float64Array {
  const gram = new Float64Array(b * b);
  gemmStrided({
    transposeA: false,
    transposeB: true,
    m: b,
    n: b,
    k: mk,
    alpha: 1,
    a: v,
    aOffset: 0,
    lda: mk,
    b: v,
    bOffset: 0,
    ldb: mk,
    beta: 0,
    c: gram,
    cOffset: 0,
    ldc: b,
  });
  const t = new Float64Array(b * b);
  for (let p = 0; p < b; p++) {
    const tp = tau[k + p];
    t[p * b + p] = tp;
    for (let i = 0; i < p; i++) {
      let sum = 0;
      for (let l = i; l < p; l++) sum += t[i * b + l] * gram[l * b + p];
      t[i * b + p] = -tp * sum;
    }
  }
  return t;
}
