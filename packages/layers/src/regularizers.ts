import { type Tensor, ValueError } from '@recur/tensor';
import {
  finiteNumber,
  isPlainObject,
  oneOf,
  optionsObject,
  rejectUnknownOptions,
} from './arguments.js';
import { describeValue } from '@recur/tensor';
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
    oneOf('Regularizer', 'className', className, KINDS);
    finiteNumber('Regularizer', 'l1', l1, undefined, { min: 0 });
    finiteNumber('Regularizer', 'l2', l2, undefined, { min: 0 });
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
  const options = optionsObject('l1l2', 'config', config);
  rejectUnknownOptions('l1l2', Object.keys(options), OPTIONS.L1L2);
  return new Regularizer('L1L2', (options.l1 ?? 0) as number, (options.l2 ?? 0) as number);
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
  return resolveRegularizer('getRegularizer', identifier);
}

/**
 * A layer's regularizer option (absent or null: none), with errors naming the layer and the
 * argument.
 *
 * @example
 * ```ts
 * import { regularizerOption } from './regularizers.js';
 * regularizerOption('dense', 'kernelRegularizer', 'l2')?.l2; // 0.01
 * ```
 */
export function regularizerOption(
  layer: string,
  argument: string,
  value: unknown,
): Regularizer | null {
  return resolveRegularizer(`${layer}.${argument}`, value);
}

const KINDS = ['L1', 'L2', 'L1L2'] as const;
// The options each kind takes (Keras' L1, L2 and L1L2 configs).
const OPTIONS: Readonly<Record<(typeof KINDS)[number], readonly string[]>> = {
  L1: ['l1'],
  L2: ['l2'],
  L1L2: ['l1', 'l2'],
};

function resolveRegularizer(op: string, identifier: unknown): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Regularizer) return identifier;
  const serialized = isPlainObject(identifier);
  const name =
    typeof identifier === 'string' ? identifier : serialized ? identifier.className : undefined;
  const kind =
    typeof name === 'string' ? KINDS.find((k) => k === pascalCase(name).toUpperCase()) : undefined;
  if (kind === undefined)
    throw new ValueError(
      op,
      "one of 'l1', 'l2', 'l1l2' (or a Regularizer, { className, config } or null)",
      describeValue(name ?? identifier),
    );
  const config = optionsObject(
    op,
    `${kind} config`,
    serialized ? (identifier.config ?? undefined) : undefined,
  );
  rejectUnknownOptions(op, Object.keys(config), OPTIONS[kind]);
  const value = (key: 'l1' | 'l2', fallback: number) =>
    finiteNumber(op, `${kind} ${key}`, config[key], fallback, { min: 0 });
  if (kind === 'L1') return l1(value('l1', 0.01));
  if (kind === 'L2') return l2(value('l2', 0.01));
  return l1l2({ l1: value('l1', 0), l2: value('l2', 0) });
}
