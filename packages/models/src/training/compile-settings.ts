import type { Serialized } from '@recur/layers';
import { Loss, Metric } from '@recur/losses';
import type { Optimizer } from '@recur/optim';
import { describeValue, ValueError } from '@recur/tensor';
import type { LossSpec, MetricSpec } from './compiled-state.js';

/** What `compile` takes: optimizer, loss(es), metrics and loss weights. */
export interface CompileOptions {
  /** An optimizer instance, a Keras name ('adam', 'rmsprop', 'sgd', ...) or `{ className, config }`. Default 'rmsprop' (Keras). */
  optimizer?: string | Optimizer | { className: string; config: Record<string, unknown> };
  /** A loss for every output, a list per output, or an object by output name. */
  loss: LossSpec;
  metrics?: MetricSpec;
  /** Weights of the output losses in the total (default 1 each). */
  lossWeights?: number[] | Record<string, number>;
  /**
   * Compiled steps (Keras' name; default `'auto'`, the same as `true`): `fit`, `trainOnBatch`,
   * `evaluate` and `predict` keep each recurrent layer's outputs, workspace and gradients between
   * batches of the same shape instead of allocating them every step. Results are bit for bit the
   * same; `false` allocates every step (as a custom loop over `model.apply` does).
   */
  jitCompile?: boolean | 'auto';
}

/** Whether compile options ask for compiled steps (see {@link CompileOptions.jitCompile}). */
export function compiledSteps(options: CompileOptions): boolean {
  const { jitCompile = 'auto' } = options;
  if (jitCompile !== 'auto' && typeof jitCompile !== 'boolean')
    throw new ValueError('compile', "jitCompile true, false or 'auto'", describeValue(jitCompile));
  return jitCompile !== false;
}

/**
 * The compile settings as JSON (what model.json stores under `compile`): losses and metrics by
 * name or as `{ className, config }`, the loss weights, and the optimizer's current config. Passed
 * back to `compile` (with `null`s left out) it compiles a model the same way.
 */
export interface CompileConfig {
  loss: LossSpec;
  metrics: MetricSpec;
  lossWeights: number[] | Record<string, number> | null;
  optimizer: Serialized | null;
}

/** A loss or metric identifier as JSON: names stay names, objects become `{ className, config }`. */
function serializeIdentifier(identifier: unknown, what: string, op: string): unknown {
  if (typeof identifier === 'string') return identifier;
  if (identifier instanceof Loss || identifier instanceof Metric) return identifier.getConfig();
  if (identifier !== null && typeof identifier === 'object' && 'className' in identifier)
    return identifier;
  throw new ValueError(
    op,
    `${what} given by name or as objects (a plain function cannot be saved)`,
    typeof identifier,
  );
}

/** Serializes every identifier of a spec: one, a list, nested lists, or an object by output name. */
function serializeSpec(spec: unknown, what: string, op: string): unknown {
  if (Array.isArray(spec)) return spec.map((item) => serializeSpec(item, what, op));
  if (
    spec !== null &&
    typeof spec === 'object' &&
    !(spec instanceof Loss) &&
    !(spec instanceof Metric) &&
    !('className' in spec)
  ) {
    return Object.fromEntries(
      Object.entries(spec).map(([name, value]) => [name, serializeSpec(value, what, op)]),
    );
  }
  return serializeIdentifier(spec, what, op);
}

/**
 * The JSON form of compile options with the optimizer as it is now (its learning rate may have
 * changed since compile). Fails with a ValueError from `op` on a loss or metric given as a plain
 * function, which has no JSON form.
 */
export function toCompileConfig(
  options: CompileOptions,
  optimizer: Optimizer,
  op: string,
): CompileConfig {
  return {
    loss: serializeSpec(options.loss, 'losses', op) as LossSpec,
    metrics: serializeSpec(options.metrics ?? [], 'metrics', op) as MetricSpec,
    lossWeights: options.lossWeights ?? null,
    optimizer: optimizer.getConfig() as Serialized,
  };
}
