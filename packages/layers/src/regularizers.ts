import { type Tensor, ValueError } from '@recur/tensor';
import { pascalCase, type Serialized } from './serialization.js';

/**
 * A weight penalty added to the training loss: `l1 * sum(|w|) + l2 * sum(w^2)`.
 *
 * @example
 * ```ts
 * import { Dense, l2 } from '@recur/layers';
 * new Dense({ units: 8, kernelRegularizer: l2(1e-4) });
 * ```
 */
export class Regularizer {
  constructor(
    readonly className: 'L1' | 'L2' | 'L1L2',
    readonly l1: number,
    readonly l2: number,
  ) {
    if (!(l1 >= 0 && l2 >= 0))
      throw new ValueError('Regularizer', 'non-negative l1 and l2', `l1 ${l1}, l2 ${l2}`);
  }
  apply(weight: Tensor): Tensor {
    let penalty: Tensor | null = null;
    if (this.l1 > 0) penalty = weight.abs().sum().mul(this.l1);
    if (this.l2 > 0) {
      const term = weight.square().sum().mul(this.l2);
      penalty = penalty ? penalty.add(term) : term;
    }
    return penalty ?? weight.sum().mul(0);
  }
  getConfig(): Record<string, unknown> {
    return this.className === 'L1'
      ? { l1: this.l1 }
      : this.className === 'L2'
        ? { l2: this.l2 }
        : { l1: this.l1, l2: this.l2 };
  }
  serialize(): Serialized {
    return { className: this.className, config: this.getConfig() };
  }
}

/** L1 penalty (Keras default 0.01). @example `l1(1e-5)` */
export function l1(value = 0.01): Regularizer {
  return new Regularizer('L1', value, 0);
}
/** L2 penalty (Keras default 0.01). @example `l2(1e-4)` */
export function l2(value = 0.01): Regularizer {
  return new Regularizer('L2', 0, value);
}
/** Both penalties (Keras defaults 0). @example `l1l2({ l1: 1e-5, l2: 1e-4 })` */
export function l1l2(config: { l1?: number; l2?: number } = {}): Regularizer {
  return new Regularizer('L1L2', config.l1 ?? 0, config.l2 ?? 0);
}

/**
 * A regularizer from a Keras name (`'l2'`), a serialized object, or an instance; null stays null.
 *
 * @example
 * ```ts
 * import { getRegularizer } from '@recur/layers';
 * getRegularizer({ className: 'L2', config: { l2: 1e-3 } });
 * ```
 */
export function getRegularizer(
  identifier: string | Serialized | Regularizer | null | undefined,
): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Regularizer) return identifier;
  const className =
    typeof identifier === 'string'
      ? pascalCase(identifier).toUpperCase()
      : identifier.className.toUpperCase();
  const config = (typeof identifier === 'string' ? {} : identifier.config) as {
    l1?: number;
    l2?: number;
  };
  if (className === 'L1') return l1(config.l1);
  if (className === 'L2') return l2(config.l2);
  if (className === 'L1L2') return l1l2(config);
  throw new ValueError(
    'getRegularizer',
    "'l1', 'l2' or 'l1l2'",
    JSON.stringify(typeof identifier === 'string' ? identifier : identifier.className),
  );
}
