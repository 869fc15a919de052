import { DTypeError, formatShape, ShapeError, Tensor, ValueError } from '@recur/tensor';
import { LearningRateSchedule, type SerializedObject } from './schedules/learning-rate-schedule.js';
import {
  checkKeys,
  checkName,
  checkNumber,
  checkTensors,
  describeValue,
  isPlainObject,
  orDefault,
} from './validation.js';

/** Storage of a float parameter, a gradient or an optimizer slot. */
export type FloatArray = Float32Array | Float64Array;

/** Options every optimizer takes (Keras 3 names in camelCase). */
export interface OptimizerConfig {
  /** A number or a schedule evaluated at `iterations`. Default: the optimizer's Keras default. */
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay: before each update `p -= p * weightDecay * learningRate`. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm (per parameter). */
  clipnorm?: number | null;
  /** Clip each gradient element to `[-clipvalue, clipvalue]`. */
  clipvalue?: number | null;
  /** Scale all gradients together so their joint L2 norm is at most this. */
  globalClipnorm?: number | null;
  name?: string;
}

/**
 * An optimizer's training state for checkpoints: the step count and every slot (moment
 * estimates, accumulators) as copies, in parameter order. Restoring it into a fresh optimizer
 * with the same config continues training bit for bit.
 */
export interface OptimizerState {
  iterations: number;
  slots: Record<string, FloatArray[]>;
}

const BASE_KEYS = [
  'learningRate',
  'weightDecay',
  'clipnorm',
  'clipvalue',
  'globalClipnorm',
  'name',
];

/**
 * Base class of the optimizers (Keras 3 `Optimizer` semantics). `apply` updates parameters in
 * place, with plain loops over their typed arrays and no autograd recording:
 *
 * 1. parameters whose gradient is null are skipped (at least one must have a gradient);
 * 2. gradients are clipped: `clipnorm` per parameter (`g * c / max(||g||, c)`), or
 *    `globalClipnorm` over all of them (`g * c / max(||all||, c)`), or `clipvalue` element-wise;
 *    at most one of the three may be set, as in Keras 3;
 * 3. with `weightDecay`, every updated parameter decays: `p -= p * weightDecay * learningRate`;
 * 4. each parameter takes the optimizer's update step with the learning rate at `iterations`;
 * 5. `iterations` goes up by one.
 *
 * Slots are created on a parameter's first update, keyed by the parameter `Tensor` object, with
 * the parameter's dtype (float32 or float64). Arithmetic is done in float64 and stored in the
 * slot's and parameter's own precision.
 *
 * @example
 * ```ts
 * import { Adam } from '@recur/optim';
 * import { tensor } from '@recur/tensor';
 * const w = tensor([1, -2], undefined, { requiresGrad: true });
 * const optimizer = new Adam({ learningRate: 0.1 });
 * for (let step = 0; step < 10; step++) {
 *   w.zeroGrad();
 *   w.square().sum().backward();
 *   optimizer.apply([w]);
 * }
 * ```
 */
export abstract class Optimizer {
  /** Name of the class in serialised configs. */
  abstract readonly className: string;
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  #learningRate: number | LearningRateSchedule;
  #iterations = 0;
  readonly #slots = new WeakMap<Tensor, FloatArray[]>();
  #scratch32 = new Float32Array(0);
  #scratch64 = new Float64Array(0);

  protected constructor(
    config: OptimizerConfig,
    defaults: { className: string; name: string; learningRate: number; keys: readonly string[] },
  ) {
    const op = defaults.className;
    const options = checkKeys(op, config, [...BASE_KEYS, ...defaults.keys]);
    this.name = checkName(op, 'name', options.name ?? defaults.name);
    this.#learningRate = checkLearningRate(
      op,
      orDefault(options.learningRate, defaults.learningRate),
    );
    this.weightDecay = optional(op, 'weightDecay', options.weightDecay, { min: 0 });
    this.clipnorm = optional(op, 'clipnorm', options.clipnorm, { min: 0, openMin: true });
    this.clipvalue = optional(op, 'clipvalue', options.clipvalue, { min: 0, openMin: true });
    this.globalClipnorm = optional(op, 'globalClipnorm', options.globalClipnorm, {
      min: 0,
      openMin: true,
    });
    const clips = [this.clipnorm, this.clipvalue, this.globalClipnorm].filter((c) => c !== null);
    if (clips.length > 1)
      throw new ValueError(
        op,
        'at most one of clipnorm, clipvalue and globalClipnorm',
        `clipnorm ${this.clipnorm}, clipvalue ${this.clipvalue}, globalClipnorm ${this.globalClipnorm}`,
      );
  }

  /** Number of `apply` calls that updated parameters so far. */
  get iterations(): number {
    return this.#iterations;
  }

  /** The configured rate: a number or a schedule (settable, e.g. by ReduceLROnPlateau). */
  get learningRate(): number | LearningRateSchedule {
    return this.#learningRate;
  }

  set learningRate(value: number | LearningRateSchedule) {
    this.#learningRate = checkLearningRate(this.className, value);
  }

  /** The learning rate the next `apply` uses: the schedule evaluated at `iterations`. */
  currentLearningRate(): number {
    const rate = this.#learningRate;
    if (typeof rate === 'number') return rate;
    // A custom schedule may return anything; a NaN or negative rate would corrupt every weight.
    return checkNumber(
      `${this.className} learningRate schedule ${rate.className}`,
      `valueAt(${this.#iterations})`,
      rate.valueAt(this.#iterations),
      { min: 0 },
    );
  }

  /** Slot names in order, e.g. `['momentum', 'velocity']` (depends on the configuration). */
  abstract slotNames(): readonly string[];

  /** Initial value of a slot's entries (0 unless an optimizer says otherwise). */
  protected slotInitialValue(_slot: string): number {
    return 0;
  }

  /**
   * One parameter's update: `parameter` and `slots` are updated in place from `gradient` (already
   * clipped). `iteration` is the number of previous updates (Keras' `iterations`).
   */
  protected abstract updateStep(
    parameter: FloatArray,
    gradient: FloatArray,
    slots: FloatArray[],
    learningRate: number,
    iteration: number,
  ): void;

  /** Optimizer-wide work once per `apply`, before the per-parameter steps (Nadam's product). */
  protected beforeUpdates(_iteration: number): void {}

  /** Rebuilds optimizer-wide values after `setState` (they derive from `iterations`). */
  protected afterStateRestored(_iterations: number): void {}

  /** The optimizer's own hyperparameters for `getConfig`. */
  protected abstract hyperparameters(): Record<string, unknown>;

  /**
   * Updates `params` in place from `gradients` (default: each parameter's `.grad`). A null
   * gradient skips that parameter; see the class description for the order of the steps.
   */
  apply(params: readonly Tensor[], gradients?: readonly (Tensor | null | undefined)[]): void {
    const op = `${this.className}.apply`;
    checkTensors(op, 'params', params);
    if (gradients !== undefined && !Array.isArray(gradients))
      throw new ValueError(
        op,
        'gradients an array of tensors (null skips a parameter) or nothing',
        describeValue(gradients),
      );
    const grads = gradients ?? params.map((p) => p.grad);
    if (grads.length !== params.length)
      throw new ValueError(
        op,
        `one gradient per parameter (${params.length})`,
        `${grads.length} gradients`,
      );
    if (params.length === 0) return;
    const parameters: Tensor[] = [];
    const active: FloatArray[] = [];
    params.forEach((param, i) => {
      const gradient = grads[i];
      if (gradient === null || gradient === undefined) return;
      if (!(gradient instanceof Tensor))
        throw new ValueError(op, `gradients[${i}] a Tensor or null`, describeValue(gradient));
      checkParameter(op, param, i);
      if (gradient.dtype === 'int32')
        throw new DTypeError(op, `a float gradient for parameter ${i}`, 'int32');
      if (
        gradient.rank !== param.rank ||
        gradient.shape.some((dimension, axis) => dimension !== param.shape[axis])
      )
        throw new ShapeError(
          op,
          `a gradient of shape ${formatShape(param.shape)} for parameter ${i}`,
          formatShape(gradient.shape),
        );
      parameters.push(param);
      active.push(gradient.data as FloatArray);
    });
    if (parameters.length === 0)
      throw new ValueError(op, 'a gradient for at least one parameter', 'null for every parameter');

    const learningRate = this.currentLearningRate();
    const iteration = this.#iterations;
    const globalScale =
      this.globalClipnorm === null ? 1 : globalClipScale(active, this.globalClipnorm);
    if (this.weightDecay !== null) {
      const decay = this.weightDecay;
      for (const param of parameters) {
        const p = param.data as FloatArray;
        for (let i = 0; i < p.length; i++) p[i] = p[i] - p[i] * decay * learningRate;
      }
    }
    this.beforeUpdates(iteration);
    for (let k = 0; k < parameters.length; k++) {
      const param = parameters[k];
      const gradient = this.#clipped(active[k], param.data as FloatArray, globalScale);
      this.updateStep(
        param.data as FloatArray,
        gradient,
        this.#slotsFor(param),
        learningRate,
        iteration,
      );
    }
    this.#iterations = iteration + 1;
  }

  /**
   * The training state for a checkpoint: copies of every slot in `params` order (a parameter
   * never updated reports its initial slot values) and `iterations`.
   */
  getState(params: readonly Tensor[]): OptimizerState {
    const names = this.slotNames();
    checkTensors(`${this.className}.getState`, 'params', params);
    for (const [i, param] of params.entries())
      checkParameter(`${this.className}.getState`, param, i);
    const slots: Record<string, FloatArray[]> = {};
    names.forEach((name, k) => {
      slots[name] = params.map((param) => {
        const existing = this.#slots.get(param);
        return existing ? existing[k].slice() : this.#freshSlot(param, name);
      });
    });
    return { iterations: this.#iterations, slots };
  }

  /**
   * Restores a state from {@link getState} for `params` (same order). Everything is validated
   * before anything changes: slot names, one array per parameter, and lengths; the arrays are
   * copied (and converted to each parameter's dtype if needed).
   */
  setState(params: readonly Tensor[], state: OptimizerState): void {
    const op = `${this.className}.setState`;
    const names = this.slotNames();
    checkTensors(op, 'params', params);
    if (!isPlainObject(state))
      throw new ValueError(op, 'state an object { iterations, slots }', describeValue(state));
    const { iterations, slots } = state as unknown as OptimizerState;
    if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 0)
      throw new ValueError(op, 'iterations a non-negative integer', describeValue(iterations));
    if (!isPlainObject(slots))
      throw new ValueError(op, 'slots an object of slot arrays', describeValue(slots));
    const given = Object.keys(slots).sort();
    if (given.join() !== [...names].sort().join())
      throw new ValueError(op, `slots ${JSON.stringify(names)}`, JSON.stringify(given));
    for (const [i, param] of params.entries()) checkParameter(op, param, i);
    for (const name of names) {
      const arrays = slots[name];
      if (!Array.isArray(arrays) || arrays.length !== params.length)
        throw new ValueError(
          op,
          `${params.length} arrays for slot '${name}' (one per parameter)`,
          Array.isArray(arrays) ? `${arrays.length}` : describeValue(arrays),
        );
      arrays.forEach((array, i) => {
        if (!(array instanceof Float32Array || array instanceof Float64Array))
          throw new DTypeError(
            op,
            `a Float32Array or Float64Array for slot '${name}' [${i}]`,
            describeValue(array),
          );
        if (array.length !== params[i].size)
          throw new ShapeError(
            op,
            `${params[i].size} values for slot '${name}' of parameter ${i} ${formatShape(params[i].shape)}`,
            `${array.length}`,
          );
      });
    }
    params.forEach((param, i) => {
      this.#slots.set(
        param,
        names.map((name) => {
          const copy = newArrayLike(param);
          copy.set(slots[name][i]);
          return copy;
        }),
      );
    });
    this.#iterations = iterations;
    this.afterStateRestored(iterations);
  }

  /** `{ className, config }`, JSON-serialisable (schedules as their own `{ className, config }`). */
  getConfig(): SerializedObject {
    const rate = this.#learningRate;
    return {
      className: this.className,
      config: {
        name: this.name,
        learningRate: typeof rate === 'number' ? rate : rate.getConfig(),
        weightDecay: this.weightDecay,
        clipnorm: this.clipnorm,
        clipvalue: this.clipvalue,
        globalClipnorm: this.globalClipnorm,
        ...this.hyperparameters(),
      },
    };
  }

  #slotsFor(param: Tensor): FloatArray[] {
    let slots = this.#slots.get(param);
    if (slots === undefined) {
      slots = this.slotNames().map((name) => this.#freshSlot(param, name));
      this.#slots.set(param, slots);
    }
    return slots;
  }

  #freshSlot(param: Tensor, name: string): FloatArray {
    const slot = newArrayLike(param);
    const initial = this.slotInitialValue(name);
    if (initial !== 0) slot.fill(initial);
    return slot;
  }

  /** The gradient after clipping, in a reused scratch buffer of the parameter's precision. */
  #clipped(gradient: FloatArray, parameter: FloatArray, globalScale: number): FloatArray {
    const { clipnorm, clipvalue, globalClipnorm } = this;
    if (clipnorm === null && clipvalue === null && globalClipnorm === null) return gradient;
    const n = gradient.length;
    const out = this.#scratch(parameter, n);
    if (clipnorm !== null) {
      let squares = 0;
      for (let i = 0; i < n; i++) squares += gradient[i] * gradient[i];
      const denominator = Math.max(Math.sqrt(squares), clipnorm);
      for (let i = 0; i < n; i++) out[i] = (gradient[i] * clipnorm) / denominator;
    } else if (globalClipnorm !== null) {
      for (let i = 0; i < n; i++) out[i] = gradient[i] * globalScale;
    } else {
      const limit = clipvalue as number;
      for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(gradient[i], -limit), limit);
    }
    return out;
  }

  #scratch(like: FloatArray, n: number): FloatArray {
    if (like instanceof Float32Array) {
      if (this.#scratch32.length < n) this.#scratch32 = new Float32Array(n);
      return this.#scratch32.subarray(0, n);
    }
    if (this.#scratch64.length < n) this.#scratch64 = new Float64Array(n);
    return this.#scratch64.subarray(0, n);
  }
}

/**
 * Keras' `clip_by_global_norm` factor: `c * min(1 / norm, 1 / c)`, plus `norm - norm` so a
 * non-finite norm makes the factor NaN (as Keras does) instead of silently passing.
 */
function globalClipScale(gradients: readonly FloatArray[], clipnorm: number): number {
  let squares = 0;
  for (const g of gradients) for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
  const norm = Math.sqrt(squares);
  return clipnorm * Math.min(1 / norm, 1 / clipnorm) + (norm - norm);
}

function checkParameter(op: string, param: Tensor, index: number): void {
  if (param.dtype === 'int32')
    throw new DTypeError(op, `a float32 or float64 parameter at index ${index}`, 'int32');
}

function newArrayLike(param: Tensor): FloatArray {
  return param.dtype === 'float64' ? new Float64Array(param.size) : new Float32Array(param.size);
}

function checkLearningRate(op: string, value: unknown): number | LearningRateSchedule {
  if (value instanceof LearningRateSchedule) return value;
  return checkNumber(op, 'learningRate', value, { min: 0 });
}

function optional(
  op: string,
  label: string,
  value: unknown,
  range: { min?: number; openMin?: boolean },
): number | null {
  return value === undefined || value === null ? null : checkNumber(op, label, value, range);
}
