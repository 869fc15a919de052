import { type DType, randomFor, type Tensor } from '@recur/tensor';
import { finiteNumber, oneOf, seedOption } from '../arguments.js';
import { computeFans, Initializer, initializerConfig, registerInitializer } from './initializer.js';
import { fill, truncatedStandardNormal } from './random-initializers.js';

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type VarianceDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

const FAN_MODES: readonly FanMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly VarianceDistribution[] = [
  'truncatedNormal',
  'untruncatedNormal',
  'uniform',
];

export interface VarianceScalingConfig {
  scale?: number;
  mode?: FanMode;
  distribution?: VarianceDistribution;
  seed?: number;
}

// Standard deviation of a standard normal truncated to [-2, 2]; dividing by it gives the truncated
// distribution the intended variance (as Keras does).
const TRUNCATED_STDDEV = 0.8796256610342398;

/**
 * Keras' VarianceScaling: variance `scale / n` with `n` the fan in, fan out or their average; the
 * base of Glorot, He and LeCun initializers.
 *
 * @example
 * ```ts
 * import { VarianceScaling } from '@recur/layers';
 * new VarianceScaling({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: 3 }).generate([64, 32], 'float32');
 * ```
 */
export class VarianceScaling extends Initializer {
  readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: VarianceDistribution;
  readonly seed?: number;
  constructor(config: VarianceScalingConfig = {}) {
    super();
    const op = 'VarianceScaling';
    const options = initializerConfig(op, config, ['scale', 'mode', 'distribution', 'seed']);
    this.scale = finiteNumber(op, 'scale', options.scale, 1, { min: 0, openMin: true });
    this.mode = oneOf(op, 'mode', options.mode ?? 'fanIn', FAN_MODES);
    this.distribution = oneOf(
      op,
      'distribution',
      options.distribution ?? 'truncatedNormal',
      DISTRIBUTIONS,
    );
    this.seed = seedOption(op, 'seed', options.seed);
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    const n =
      this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const random = randomFor(this.seed);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return fill(shape, dtype, () => (2 * random.uniform() - 1) * limit);
    }
    if (this.distribution === 'untruncatedNormal') {
      const stddev = Math.sqrt(variance);
      return fill(shape, dtype, () => stddev * random.normal());
    }
    const stddev = Math.sqrt(variance) / TRUNCATED_STDDEV;
    return fill(shape, dtype, () => stddev * truncatedStandardNormal(random));
  }
  override getConfig(): Record<string, unknown> {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      seed: this.seed ?? null,
    };
  }
}

function preset(
  className: string,
  scale: number,
  mode: FanMode,
  distribution: VarianceDistribution,
) {
  return class extends VarianceScaling {
    override readonly className = className;
    constructor(config: { seed?: number } = {}) {
      const options = initializerConfig(className, config, ['seed']);
      super({ scale, mode, distribution, seed: options.seed as number | undefined });
    }
    override getConfig() {
      return { seed: this.seed ?? null };
    }
  };
}

/** Uniform in `+-sqrt(6 / (fanIn + fanOut))` (Keras' default kernel initializer). @example `new GlorotUniform({ seed: 1 }).generate([3, 4], 'float32')` */
export const GlorotUniform = preset('GlorotUniform', 1, 'fanAvg', 'uniform');
/** Truncated normal with variance `2 / (fanIn + fanOut)`. @example `new GlorotNormal({ seed: 1 }).generate([3, 4], 'float32')` */
export const GlorotNormal = preset('GlorotNormal', 1, 'fanAvg', 'truncatedNormal');
/** Truncated normal with variance `2 / fanIn` (for ReLU). @example `new HeNormal({ seed: 1 }).generate([3, 4], 'float32')` */
export const HeNormal = preset('HeNormal', 2, 'fanIn', 'truncatedNormal');
/** Uniform with variance `2 / fanIn`. @example `new HeUniform({ seed: 1 }).generate([3, 4], 'float32')` */
export const HeUniform = preset('HeUniform', 2, 'fanIn', 'uniform');
/** Truncated normal with variance `1 / fanIn` (for SELU). @example `new LecunNormal({ seed: 1 }).generate([3, 4], 'float32')` */
export const LecunNormal = preset('LecunNormal', 1, 'fanIn', 'truncatedNormal');
/** Uniform with variance `1 / fanIn`. @example `new LecunUniform({ seed: 1 }).generate([3, 4], 'float32')` */
export const LecunUniform = preset('LecunUniform', 1, 'fanIn', 'uniform');

registerInitializer('VarianceScaling', (c) => new VarianceScaling(c));
for (const [name, Class] of Object.entries({
  GlorotUniform,
  GlorotNormal,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
})) {
  registerInitializer(name, (c) => new Class(c));
}
