import { allocate, type DType, randomFor, Tensor, ValueError } from '@recur/tensor';
import { Initializer, registerInitializer } from './initializer.js';

/**
 * A (semi-)orthogonal matrix times `gain` (Keras' default recurrent initializer): the QR
 * factorisation of a standard normal matrix, sign-corrected so the distribution is uniform over
 * orthogonal matrices. Shapes of rank > 2 are flattened to `[prod(leading), last]`; a wide matrix
 * gets orthonormal rows, a tall one orthonormal columns.
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
    const random = randomFor(this.seed);
    // Columns of a tall x narrow normal matrix, orthonormalised by Gram-Schmidt applied twice
    // ("twice is enough" for full working precision); positive R diagonal = Keras' sign fix.
    const q = Array.from({ length: narrow }, () =>
      Float64Array.from({ length: tall }, () => random.normal()),
    );
    for (let j = 0; j < narrow; j++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < j; k++) {
          let dot = 0;
          for (let i = 0; i < tall; i++) dot += q[k][i] * q[j][i];
          for (let i = 0; i < tall; i++) q[j][i] -= dot * q[k][i];
        }
      }
      let norm = 0;
      for (let i = 0; i < tall; i++) norm += q[j][i] * q[j][i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < tall; i++) q[j][i] /= norm;
    }
    const data = allocate(dtype, rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        // rows >= cols: element (r, c) is column c's r-th entry; otherwise the transpose.
        data[r * cols + c] = this.gain * (rows >= cols ? q[c][r] : q[r][c]);
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
