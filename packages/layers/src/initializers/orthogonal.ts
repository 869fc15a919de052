import { allocate, type DType, qr, randomFor, Tensor, ValueError } from '@recur/tensor';
import { Initializer, registerInitializer } from './initializer.js';

/**
 * A (semi-)orthogonal matrix times `gain` (Keras' default recurrent initializer): the QR
 * factorisation (`qr` of `@recur/tensor`, on the current backend) of a standard normal matrix,
 * sign-corrected so the distribution is uniform over orthogonal matrices. Shapes of rank > 2 are
 * flattened to `[prod(leading), last]`; a wide matrix gets orthonormal rows, a tall one
 * orthonormal columns.
 *
 * @example
 * ```ts
 * import { Orthogonal } from '@recur/layers';
 * const U = new Orthogonal({ seed: 1 }).generate([8, 32], 'float32'); // rows orthonormal
 * ```
 */
export class Orthogonal extends Initializer {
  readonly className = 'Orthogonal';
  readonly gain: number;
  readonly seed?: number;
  constructor(config: { gain?: number; seed?: number } = {}) {
    super();
    this.gain = config.gain ?? 1;
    this.seed = config.seed;
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    if (shape.length < 2)
      throw new ValueError('Orthogonal', 'a shape of rank >= 2', `[${shape.join(', ')}]`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const tall = Math.max(rows, cols);
    const narrow = Math.min(rows, cols);
    if (narrow === 0) return new Tensor(allocate(dtype, 0), shape);
    const random = randomFor(this.seed);
    // The tall x narrow standard normal matrix, drawn a column at a time (the order earlier
    // versions drew it in, so seeded weights stay the same) into qr's row-major layout. float32
    // weights factor it in float32, as Keras does: half the native QR's time, and the weights
    // differ from a float64 QR's by less than 1e-6 (2e-7 at [1024, 4096]).
    const precision = dtype === 'float32' ? 'float32' : 'float64';
    const matrix = allocate(precision, tall * narrow);
    // All draws at once, column after column, on a SharedArrayBuffer: fillNormal then has the
    // thread pool's help (a third of a native LSTM(1024) build was these 4 M draws).
    const columns = new Float64Array(new SharedArrayBuffer(tall * narrow * 8));
    random.fillNormal(columns);
    // Sixteen columns at a time, written row by row: one column at a time wrote one element per
    // row, each on its own page (4 KiB apart at 1024 columns), a TLB miss per draw.
    for (let j0 = 0; j0 < narrow; j0 += 16) {
      const j1 = Math.min(narrow, j0 + 16);
      for (let i = 0; i < tall; i++) {
        for (let j = j0; j < j1; j++) matrix[i * narrow + j] = columns[j * tall + i];
      }
    }
    // qr's R has a non-negative diagonal: Keras' sign fix (q * sign(diag(r))) is built in. That
    // factorisation is unique, so the result does not depend on the QR algorithm, and it makes
    // the distribution uniform (Haar) over orthogonal matrices.
    const { q } = qr(new Tensor(matrix, [tall, narrow]));
    const gain = this.gain;
    const values = q.data;
    // The draws are no longer needed: their storage (same size) takes the result when the dtypes
    // agree, which saves a fresh 16 MiB for LSTM(1024) (page faults cost ~10 ms here).
    const data = dtype === precision ? matrix : allocate(dtype, rows * cols);
    if (rows >= cols) {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) data[i * cols + j] = gain * values[i * cols + j];
      }
    } else {
      // Wide: orthonormal rows, the transpose of q ([tall, narrow] = [cols, rows]), in tiles of
      // 8 x 8 (with power-of-two row lengths, the rows of larger tiles evict each other).
      for (let c0 = 0; c0 < cols; c0 += 8) {
        const c1 = Math.min(cols, c0 + 8);
        for (let r0 = 0; r0 < rows; r0 += 8) {
          const r1 = Math.min(rows, r0 + 8);
          for (let r = r0; r < r1; r++) {
            for (let c = c0; c < c1; c++) data[r * cols + c] = gain * values[c * rows + r];
          }
        }
      }
    }
    return new Tensor(data, shape);
  }
  override getConfig() {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}

/**
 * `gain` times the identity matrix (2-D shapes only; rectangular ones get ones on the diagonal).
 *
 * @example
 * ```ts
 * import { Identity } from '@recur/layers';
 * new Identity().generate([2, 2], 'float32').toArray(); // [[1, 0], [0, 1]]
 * ```
 */
export class Identity extends Initializer {
  readonly className = 'Identity';
  readonly gain: number;
  constructor(config: { gain?: number } = {}) {
    super();
    this.gain = config.gain ?? 1;
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    if (shape.length !== 2)
      throw new ValueError('Identity', 'a 2-D shape', `[${shape.join(', ')}]`);
    const data = allocate(dtype, shape[0] * shape[1]);
    for (let i = 0; i < Math.min(shape[0], shape[1]); i++) data[i * shape[1] + i] = this.gain;
    return new Tensor(data, shape);
  }
  override getConfig() {
    return { gain: this.gain };
  }
}

registerInitializer(
  'Orthogonal',
  (c) =>
    new Orthogonal({
      gain: typeof c.gain === 'number' ? c.gain : 1,
      seed: typeof c.seed === 'number' ? c.seed : undefined,
    }),
);
registerInitializer(
  'Identity',
  (c) => new Identity({ gain: typeof c.gain === 'number' ? c.gain : 1 }),
);
