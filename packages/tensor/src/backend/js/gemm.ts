import type { GemmArguments } from '../backend.js';

// Cache-blocked, register-tiled GEMM. Blocks of A (MC x KC) and B (KC x NC) are packed into
// contiguous float64 panels of MR rows / NR columns (packing also absorbs the transposes and the
// float32 -> float64 conversion, done once per element instead of once per use), then a 4x4
// micro-kernel keeps its 16 accumulators in locals. KC x NR doubles of B (256 x 4 x 8 = 8 KiB) stay in L1;
// the packed A block (MC x KC x 8 = 128 KiB) in L2.
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NC);

/** `c = alpha * op(a) * op(b) + beta * c` on the TS backend (float32 or float64). */
export function gemm({
  transposeA,
  transposeB,
  m,
  n,
  k,
  alpha,
  a,
  b,
  beta,
  c,
}: GemmArguments): void {
  // Positional, not a spread into a new options object: that object costs more than a 4x8x8
  // product itself (0.5 us became 8 us per call).
  gemmBlocks(
    transposeA,
    transposeB,
    m,
    n,
    k,
    alpha,
    a,
    0,
    transposeA ? m : k,
    b,
    0,
    transposeB ? k : n,
    beta,
    c,
    0,
    n,
  );
}

/**
 * {@link gemm} on sub-blocks of larger row-major matrices (what the blocked QR's trailing updates
 * need): stored row `i` of A starts at `a[aOffset + i * lda]`, likewise B and C. `a`, `b` and `c`
 * need not have any particular length; the block must lie inside them.
 */
export interface StridedGemmArguments extends GemmArguments {
  aOffset: number;
  lda: number;
  bOffset: number;
  ldb: number;
  cOffset: number;
  ldc: number;
}

/** `C = alpha * op(A) * op(B) + beta * C` on blocks with leading dimensions (see above). */
export function gemmStrided(args: StridedGemmArguments): void {
  gemmBlocks(
    args.transposeA,
    args.transposeB,
    args.m,
    args.n,
    args.k,
    args.alpha,
    args.a,
    args.aOffset,
    args.lda,
    args.b,
    args.bOffset,
    args.ldb,
    args.beta,
    args.c,
    args.cOffset,
    args.ldc,
  );
}

function gemmBlocks(
  transposeA: boolean,
  transposeB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: GemmArguments['a'],
  aOffset: number,
  lda: number,
  b: GemmArguments['b'],
  bOffset: number,
  ldb: number,
  beta: number,
  c: GemmArguments['c'],
  cOffset: number,
  ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (beta !== 1 && ldc === n) {
    // A contiguous C (every call but the QR's blocks): one pass.
    const end = cOffset + m * n;
    if (beta === 0) c.fill(0, cOffset, end);
    else for (let j = cOffset; j < end; j++) c[j] *= beta;
  } else if (beta !== 1) {
    for (let i = 0; i < m; i++) {
      const row = cOffset + i * ldc;
      if (beta === 0) c.fill(0, row, row + n);
      else for (let j = row; j < row + n; j++) c[j] *= beta;
    }
  }
  if (k === 0 || alpha === 0) return;

  // Row/column strides of op(A) and op(B) in their stored layouts.
  const aRowStride = transposeA ? 1 : lda;
  const aColStride = transposeA ? lda : 1;
  const bRowStride = transposeB ? 1 : ldb;
  const bColStride = transposeB ? ldb : 1;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPadded = Math.ceil(nc / NR) * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      if (packedB.length < kc * ncPadded) packedB = new Float64Array(kc * ncPadded);
      packB(b, bOffset, bRowStride, bColStride, pc, kc, jc, nc, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const mcPadded = Math.ceil(mc / MR) * MR;
        if (packedA.length < mcPadded * kc) packedA = new Float64Array(mcPadded * kc);
        packA(a, aOffset, aRowStride, aColStride, ic, mc, pc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(
              kc,
              packedA,
              ir * kc,
              packedB,
              jr * kc,
              c,
              ldc,
              cOffset + (ic + ir) * ldc + jc + jr,
              Math.min(MR, mc - ir),
              Math.min(NR, nc - jr),
              alpha,
            );
          }
        }
      }
    }
  }
}

/** Packs op(A)[ic:ic+mc, pc:pc+kc] as panels of MR rows: panel-major, then p, then row. */
function packA(
  a: ArrayLike<number>,
  offset: number,
  rowStride: number,
  colStride: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
  out: Float64Array,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const base = ir * kc;
    const rows = Math.min(MR, mc - ir);
    if (rowStride === 1 && rows === MR) {
      // A transposed (the Gram matrix A^T A): a panel's MR rows are adjacent in memory, and
      // walking one row along p would jump a stored row per element (a TLB miss each at 8 KiB).
      let source = offset + ic + ir + pc * colStride;
      for (let p = 0; p < kc; p++, source += colStride) {
        const target = base + p * MR;
        out[target] = a[source];
        out[target + 1] = a[source + 1];
        out[target + 2] = a[source + 2];
        out[target + 3] = a[source + 3];
      }
      continue;
    }
    for (let r = 0; r < MR; r++) {
      if (r < rows) {
        let source = offset + (ic + ir + r) * rowStride + pc * colStride;
        for (let p = 0; p < kc; p++, source += colStride) out[base + p * MR + r] = a[source];
      } else {
        for (let p = 0; p < kc; p++) out[base + p * MR + r] = 0;
      }
    }
  }
}

/** Packs op(B)[pc:pc+kc, jc:jc+nc] as panels of NR columns: panel-major, then p, then column. */
function packB(
  b: ArrayLike<number>,
  offset: number,
  rowStride: number,
  colStride: number,
  pc: number,
  kc: number,
  jc: number,
  nc: number,
  out: Float64Array,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const base = jr * kc;
    const cols = Math.min(NR, nc - jr);
    if (cols === NR) {
      // Full panels written out: the general loop below, with its per-element test, cost
      // ~6 ns an element, a tenth of building an LSTM(1024) on this backend.
      let source = offset + pc * rowStride + (jc + jr) * colStride;
      for (let p = 0; p < kc; p++, source += rowStride) {
        const target = base + p * NR;
        out[target] = b[source];
        out[target + 1] = b[source + colStride];
        out[target + 2] = b[source + 2 * colStride];
        out[target + 3] = b[source + 3 * colStride];
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      const source = offset + (pc + p) * rowStride + (jc + jr) * colStride;
      const target = base + p * NR;
      for (let col = 0; col < NR; col++)
        out[target + col] = col < cols ? b[source + col * colStride] : 0;
    }
  }
}

function microKernel(
  kc: number,
  pa: Float64Array,
  aOffset: number,
  pb: Float64Array,
  bOffset: number,
  c: Float32Array | Float64Array,
  ldc: number,
  origin: number,
  rows: number,
  cols: number,
  alpha: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let ai = aOffset;
  let bi = bOffset;
  for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
    const a0 = pa[ai],
      a1 = pa[ai + 1],
      a2 = pa[ai + 2],
      a3 = pa[ai + 3];
    const b0 = pb[bi],
      b1 = pb[bi + 1],
      b2 = pb[bi + 2],
      b3 = pb[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let o = origin;
    c[o] += alpha * c00;
    c[o + 1] += alpha * c01;
    c[o + 2] += alpha * c02;
    c[o + 3] += alpha * c03;
    o += ldc;
    c[o] += alpha * c10;
    c[o + 1] += alpha * c11;
    c[o + 2] += alpha * c12;
    c[o + 3] += alpha * c13;
    o += ldc;
    c[o] += alpha * c20;
    c[o + 1] += alpha * c21;
    c[o + 2] += alpha * c22;
    c[o + 3] += alpha * c23;
    o += ldc;
    c[o] += alpha * c30;
    c[o + 1] += alpha * c31;
    c[o + 2] += alpha * c32;
    c[o + 3] += alpha * c33;
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < cols; s++) c[origin + r * ldc + s] += alpha * tile[r * NR + s];
  }
}

/**
 * The length {@link packRowColumns} needs for `rows` rows of `n` columns: every KC chunk of
 * columns holds ceil(rows / MR) panels of MR rows at a fixed stride of KC * MR, so columns can be
 * appended as they are finished.
 */
export function packedRowsLength(rows: number, n: number): number {
  return Math.ceil(n / KC) * Math.ceil(rows / MR) * MR * KC;
}

/**
 * Packs columns `[col0, col1)` of the row-major `rows x n` block at `a[offset]` (row stride `lda`)
 * into `out`, in the layout gemmBlocks packs A into (rows past `rows` are zero).
 */
export function packRowColumns(
  a: ArrayLike<number>,
  offset: number,
  lda: number,
  rows: number,
  col0: number,
  col1: number,
  out: Float64Array,
): void {
  const padded = Math.ceil(rows / MR) * MR;
  for (let row = 0; row < padded; row++) {
    const source = offset + row * lda;
    const within = row % MR;
    const panel = (row - within) * KC;
    for (let col = col0; col < col1; col++) {
      const chunk = Math.floor(col / KC);
      out[chunk * padded * KC + panel + (col - chunk * KC) * MR + within] =
        row < rows ? a[source + col] : 0;
    }
  }
}

/**
 * `C += alpha * A[:, :k] * B` for a `rows x k` A already packed by {@link packRowColumns} and a
 * row-major `k x n` B (stride `ldb`) into C (stride `ldc`): gemmBlocks' products in its order,
 * so the same bits, without packing A again for every call (the CholeskyQR solve multiplies the
 * same rows by growing k, 16 times at n = 1024).
 */
export function gemmPackedRows(
  rows: number,
  n: number,
  k: number,
  alpha: number,
  packed: Float64Array,
  b: ArrayLike<number>,
  bOffset: number,
  ldb: number,
  c: Float32Array | Float64Array,
  cOffset: number,
  ldc: number,
): void {
  const padded = Math.ceil(rows / MR) * MR;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPadded = Math.ceil(nc / NR) * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      if (packedB.length < kc * ncPadded) packedB = new Float64Array(kc * ncPadded);
      packB(b, bOffset, ldb, 1, pc, kc, jc, nc, packedB);
      const chunk = (pc / KC) * padded * KC;
      for (let jr = 0; jr < nc; jr += NR) {
        for (let ir = 0; ir < rows; ir += MR) {
          microKernel(
            kc,
            packed,
            chunk + ir * KC,
            packedB,
            jr * kc,
            c,
            ldc,
            cOffset + ir * ldc + jc + jr,
            Math.min(MR, rows - ir),
            Math.min(NR, nc - jr),
            alpha,
          );
        }
      }
    }
  }
}
