import { gemmPackedRows, gemmStrided, packedRowsLength, packRowColumns } from './gemm.js';

// The two O(m n^2) parts of CholeskyQR cut into independent tasks, so that the TS backend can
// run them on several threads (parallel/). Every output element is computed by exactly one task,
// by the same GEMM calls in the same order as one thread would make them: the result is bit for
// bit the same for any number of threads (seeded weights do not depend on the machine).

/** Column blocks of the Gram matrix, the Cholesky factorization and the solve for Q. */
export const BLOCK = 64;
/**
 * Rows of W per solve task: 32 tasks at m = 4096 balance two to four threads, and each task
 * packs R's blocks once more (1.5% extra work at 64 rows, 0.8% at 128).
 */
export const SOLVE_ROWS = 128;

/** Block row `i0 = task * BLOCK` of the upper triangle of A^T A (`a` row-major [m, n]). */
export interface GramTask {
  kind: 'gram';
  a: Float64Array;
  m: number;
  n: number;
  out: Float64Array;
}

/**
 * Rows `[task * SOLVE_ROWS, ...)` of W = W R^-1 in place, given `inverses`: the inverses of R's
 * diagonal BLOCK x BLOCK blocks, one after the other (row-major, BLOCK x BLOCK each).
 */
export interface SolveTask {
  kind: 'solve';
  w: Float64Array;
  m: number;
  n: number;
  r: Float64Array;
  inverses: Float64Array;
}

export function gramTaskCount(job: GramTask): number {
  return Math.ceil(job.n / BLOCK);
}

export function solveTaskCount(job: SolveTask): number {
  return Math.ceil(job.m / SOLVE_ROWS);
}

/** A block row against the blocks on and right of the diagonal; the first rows cost the most. */
export function gramTask({ a, m, n, out }: GramTask, task: number): void {
  const i0 = task * BLOCK;
  gemmStrided({
    transposeA: true,
    transposeB: false,
    m: Math.min(BLOCK, n - i0),
    n: n - i0,
    k: m,
    alpha: 1,
    a,
    aOffset: i0,
    lda: n,
    b: a,
    bOffset: i0,
    ldb: n,
    beta: 0,
    c: out,
    cOffset: i0 * n + i0,
    ldc: n,
  });
}

let scratch = new Float64Array(0);
let packed = new Float64Array(0);

/**
 * A column block at a time: the block first loses its product with the finished blocks on its
 * left (one GEMM; the finished columns are packed once, as they are finished), then is multiplied
 * by its diagonal block's inverse (one GEMM through a scratch copy, since GEMM cannot write over
 * its own input).
 */
export function solveTask({ w, m, n, r, inverses }: SolveTask, task: number): void {
  const row0 = task * SOLVE_ROWS;
  const rows = Math.min(SOLVE_ROWS, m - row0);
  const origin = row0 * n;
  if (scratch.length < rows * BLOCK) scratch = new Float64Array(SOLVE_ROWS * BLOCK);
  const packedLength = packedRowsLength(rows, n);
  if (packed.length < packedLength) packed = new Float64Array(packedLength);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const width = Math.min(BLOCK, n - j0);
    if (j0 > 0) gemmPackedRows(rows, width, j0, -1, packed, r, j0, n, w, origin + j0, n);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < width; c++) scratch[i * width + c] = w[origin + i * n + j0 + c];
    }
    gemmStrided({
      transposeA: false,
      transposeB: false,
      m: rows,
      n: width,
      k: width,
      alpha: 1,
      a: scratch,
      aOffset: 0,
      lda: width,
      b: inverses,
      bOffset: (j0 / BLOCK) * BLOCK * BLOCK,
      ldb: width,
      beta: 0,
      c: w,
      cOffset: origin + j0,
      ldc: n,
    });
    packRowColumns(w, origin, n, rows, j0, j0 + width, packed);
  }
}
