import { allocate, type DType, randomFor, Tensor } from '@recur/tensor';
import { finiteNumber, seedOption } from '../arguments.js';
import { Initializer, initializerConfig, registerInitializer } from './initializer.js';

export interface RandomConfig {
  mean?: number;
  stddev?: number;
  seed?: number;
}

/** Normal values (Keras default stddev 0.05). @example `new RandomNormal({ stddev: 0.1, seed: 1 }).generate([3], 'float32')` */
export class RandomNormal extends Initializer {
  readonly className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed?: number;
  constructor(config: RandomConfig = {}) {
    super();
    const options = initializerConfig('RandomNormal', config, ['mean', 'stddev', 'seed']);
    this.mean = finiteNumber('RandomNormal', 'mean', options.mean, 0);
    this.stddev = finiteNumber('RandomNormal', 'stddev', options.stddev, 0.05, { min: 0 });
    this.seed = seedOption('RandomNormal', 'seed', options.seed);
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    const random = randomFor(this.seed);
    return fill(shape, dtype, () => this.mean + this.stddev * random.normal());
  }
  override getConfig() {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** Normal values redrawn beyond two standard deviations (Keras default stddev 0.05). @example `new TruncatedNormal({ seed: 1 }).generate([3], 'float32')` */
export class TruncatedNormal extends Initializer {
  readonly className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  readonly seed?: number;
  constructor(config: RandomConfig = {}) {
    super();
    const options = initializerConfig('TruncatedNormal', config, ['mean', 'stddev', 'seed']);
    this.mean = finiteNumber('TruncatedNormal', 'mean', options.mean, 0);
    this.stddev = finiteNumber('TruncatedNormal', 'stddev', options.stddev, 0.05, { min: 0 });
    this.seed = seedOption('TruncatedNormal', 'seed', options.seed);
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    const random = randomFor(this.seed);
    return fill(shape, dtype, () => this.mean + this.stddev * truncatedStandardNormal(random));
  }
  override getConfig() {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** Uniform values in [minval, maxval) (Keras default [-0.05, 0.05)). @example `new RandomUniform({ seed: 1 }).generate([3], 'float32')` */
export class RandomUniform extends Initializer {
  readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed?: number;
  constructor(config: { minval?: number; maxval?: number; seed?: number } = {}) {
    super();
    const options = initializerConfig('RandomUniform', config, ['minval', 'maxval', 'seed']);
    this.minval = finiteNumber('RandomUniform', 'minval', options.minval, -0.05);
    this.maxval = finiteNumber('RandomUniform', 'maxval', options.maxval, 0.05, {
      min: this.minval,
    });
    this.seed = seedOption('RandomUniform', 'seed', options.seed);
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    const random = randomFor(this.seed);
    return fill(shape, dtype, () => this.minval + (this.maxval - this.minval) * random.uniform());
  }
  override getConfig() {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }
}

/** A standard normal draw within [-2, 2] (rejection, as TensorFlow's truncated_normal). */
export function truncatedStandardNormal(random: { normal(): number }): number {
  for (;;) {
    const value = random.normal();
    if (value >= -2 && value <= 2) return value;
  }
}

export function fill(shape: readonly number[], dtype: DType, draw: () => number): Tensor {
  const data = allocate(
    dtype,
    shape.reduce((a, b) => a * b, 1),
  );
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return new Tensor(data, shape);
}

registerInitializer('RandomNormal', (c) => new RandomNormal(c));
registerInitializer('TruncatedNormal', (c) => new TruncatedNormal(c));
registerInitializer('RandomUniform', (c) => new RandomUniform(c));
