import { type DType, full, type Tensor } from '@recur/tensor';
import { finiteNumber } from '../arguments.js';
import { Initializer, initializerConfig, registerInitializer } from './initializer.js';

/** All zeros. @example `new Zeros().generate([2], 'float32')` */
export class Zeros extends Initializer {
  readonly className = 'Zeros';
  generate(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, 0, { dtype });
  }
}

/** All ones. @example `new Ones().generate([2], 'float32')` */
export class Ones extends Initializer {
  readonly className = 'Ones';
  generate(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, 1, { dtype });
  }
}

/** A constant value. @example `new Constant({ value: 0.5 }).generate([2], 'float32')` */
export class Constant extends Initializer {
  readonly className = 'Constant';
  readonly value: number;
  constructor(config: { value?: number } = {}) {
    super();
    const options = initializerConfig('Constant', config, ['value']);
    this.value = finiteNumber('Constant', 'value', options.value, 0);
  }
  generate(shape: readonly number[], dtype: DType): Tensor {
    return full(shape, this.value, { dtype });
  }
  override getConfig() {
    return { value: this.value };
  }
}

registerInitializer('Zeros', () => new Zeros());
registerInitializer('Ones', () => new Ones());
registerInitializer('Constant', (config) => new Constant(config));
