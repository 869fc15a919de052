import {
  getLoss,
  getMetric,
  type Loss,
  type LossIdentifier,
  Mean,
  type Metric,
  type MetricIdentifier,
} from '@recur/losses';
import { noGrad, type Tensor, ValueError } from '@recur/tensor';
import type { Logs } from '../callbacks/callback.js';
import type { GraphValue } from '../model-graph.js';

/** Losses per output: one for all, a list in output order, or an object by output name. */
export type LossSpec = LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
/** Metrics: one list for all outputs, a list per output, or an object by output name. */
export type MetricSpec =
  | MetricIdentifier[]
  | MetricIdentifier[][]
  | Record<string, MetricIdentifier[]>;

function perOutput<T>(
  spec: T | T[] | Record<string, T>,
  outputNames: readonly string[],
  what: string,
  isList: (v: unknown) => boolean,
): T[] {
  if (isList(spec)) {
    const list = spec as T[];
    if (list.length !== outputNames.length)
      throw new ValueError(
        'compile',
        `${outputNames.length} ${what} (one per output: ${outputNames.join(', ')})`,
        `${list.length}`,
      );
    return list;
  }
  if (
    spec !== null &&
    typeof spec === 'object' &&
    !Array.isArray(spec) &&
    outputNames.every((name) => Object.hasOwn(spec as object, name)) &&
    outputNames.length > 0 &&
    !('className' in (spec as object))
  ) {
    return outputNames.map((name) => (spec as Record<string, T>)[name]);
  }
  return outputNames.map(() => spec as T);
}

/**
 * Metrics see the output mask as (part of) the sample weight, as in Keras 3, so padded steps of a
 * sequence output count neither in the loss nor in accuracies.
 */
function metricWeight(sampleWeight: Tensor | null, mask: Tensor | null): Tensor | null {
  if (!mask) return sampleWeight;
  if (!sampleWeight) return mask;
  const aligned =
    sampleWeight.rank < mask.rank
      ? sampleWeight.reshape([
          ...sampleWeight.shape,
          ...new Array<number>(mask.rank - sampleWeight.rank).fill(1),
        ])
      : sampleWeight;
  return mask.mul(aligned.cast(mask.dtype));
}

/** Metrics per output: a flat list applies to every output; nested lists or an object by name per output. */
function metricsPerOutput(spec: MetricSpec, outputNames: readonly string[]): MetricIdentifier[][] {
  if (Array.isArray(spec)) {
    const nested = spec.length > 0 && spec.every((m) => Array.isArray(m));
    if (!nested) return outputNames.map(() => spec as MetricIdentifier[]);
    if (spec.length !== outputNames.length)
      throw new ValueError(
        'compile',
        `${outputNames.length} metric lists (one per output)`,
        `${spec.length}`,
      );
    return spec as MetricIdentifier[][];
  }
  if (spec === null || typeof spec !== 'object')
    throw new ValueError(
      'compile',
      'metrics a list of metrics, a list per output, or an object by output name',
      String(spec),
    );
  for (const name of Object.keys(spec))
    if (!outputNames.includes(name))
      throw new ValueError(
        'compile',
        `metrics keyed by output names (${outputNames.join(', ')})`,
        `'${name}'`,
      );
  return outputNames.map((name) =>
    Object.hasOwn(spec, name) ? (spec as Record<string, MetricIdentifier[]>)[name] : [],
  );
}

/**
 * Resolves every metric name now, so a misspelt one fails at compile (and a model file naming an
 * unknown metric fails at load), not at the first batch. 'accuracy' is resolved again on the
 * first batch, when the shapes that choose its kind are known.
 */
function checkMetricNames(specs: MetricIdentifier[][]): void {
  for (const list of specs) {
    if (!Array.isArray(list))
      throw new ValueError('compile', 'metrics as lists of metrics', String(list));
    for (const spec of list) {
      if (typeof spec === 'string' && /^acc(uracy)?$/i.test(spec)) continue;
      try {
        getMetric(spec);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        throw new ValueError(
          'compile',
          `metrics to be known metrics (${error.expected})`,
          error.received,
        );
      }
    }
  }
}

/** Loss weights: finite numbers, one per output in a list or by output name. */
function checkLossWeights(weights: unknown, outputNames: readonly string[]): void {
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const valid = Array.isArray(weights)
    ? weights.every(finite)
    : weights !== null &&
      typeof weights === 'object' &&
      Object.entries(weights).every(([name, v]) => outputNames.includes(name) && finite(v));
  if (!valid)
    throw new ValueError(
      'compile',
      `lossWeights finite numbers, a list or an object by output name (${outputNames.join(', ')})`,
      JSON.stringify(weights) ?? String(weights),
    );
}

/**
 * What `compile` sets up: a loss and a weight per output, metrics per output (built on the first
 * batch, when shapes are known, so `'accuracy'` resolves like Keras), and the running means the
 * logs report.
 */
export class CompiledState {
  readonly losses: Loss[];
  readonly lossWeights: number[];
  private readonly metricSpecs: MetricIdentifier[][];
  private metrics: Metric[][] | null = null;
  private readonly lossTracker = new Mean('loss');
  private readonly outputLossTrackers: Mean[];

  constructor(
    readonly outputNames: readonly string[],
    loss: LossSpec,
    metrics: MetricSpec | undefined,
    lossWeights: number[] | Record<string, number> | undefined,
  ) {
    const multiple = outputNames.length > 1;
    this.losses = perOutput(loss as LossIdentifier, outputNames, 'losses', (v) =>
      Array.isArray(v),
    ).map((identifier) => getLoss(identifier));
    if (lossWeights !== undefined) checkLossWeights(lossWeights, outputNames);
    this.lossWeights =
      lossWeights === undefined
        ? outputNames.map(() => 1)
        : Array.isArray(lossWeights)
          ? perOutput(lossWeights as unknown as number, outputNames, 'lossWeights', () => true)
          : outputNames.map((name) => (Object.hasOwn(lossWeights, name) ? lossWeights[name] : 1));
    this.metricSpecs = metricsPerOutput(metrics ?? [], outputNames);
    checkMetricNames(this.metricSpecs);
    this.outputLossTrackers = multiple ? outputNames.map((name) => new Mean(`${name}_loss`)) : [];
  }

  /** Loss of every output and their weighted total (a scalar on the autograd tape). */
  computeLoss(
    ys: readonly Tensor[],
    outputs: readonly GraphValue[],
    sampleWeights: readonly (Tensor | null)[],
  ): { total: Tensor; perOutput: Tensor[] } {
    if (ys.length !== outputs.length)
      throw new ValueError(
        'fit',
        `${outputs.length} target array(s) (one per output)`,
        `${ys.length}`,
      );
    const perOutput = outputs.map((out, k) =>
      this.losses[k].compute(ys[k], out.tensor, sampleWeights[k] ?? null, out.mask),
    );
    let total = perOutput[0].mul(this.lossWeights[0]);
    for (let k = 1; k < perOutput.length; k++)
      total = total.add(perOutput[k].mul(this.lossWeights[k]));
    return { total, perOutput };
  }

  /** Folds a batch into the running loss and metrics (never recorded). */
  update(
    ys: readonly Tensor[],
    outputs: readonly GraphValue[],
    sampleWeights: readonly (Tensor | null)[],
    total: Tensor,
    perOutput: readonly Tensor[],
    batchSize: number,
  ): void {
    noGrad(() => {
      if (!this.metrics) {
        this.metrics = this.metricSpecs.map((specs, k) =>
          specs.map((spec) =>
            getMetric(spec, {
              loss: this.losses[k],
              yTrueShape: ys[k].shape,
              yPredShape: outputs[k].tensor.shape,
            }),
          ),
        );
      }
      this.lossTracker.updateState(total.item(), batchSize);
      this.outputLossTrackers.forEach((tracker, k) => {
        tracker.updateState(perOutput[k].item(), batchSize);
      });
      this.metrics.forEach((list, k) => {
        const weight = metricWeight(sampleWeights[k] ?? null, outputs[k].mask);
        for (const metric of list) metric.updateState(ys[k], outputs[k].tensor, weight);
      });
    });
  }

  /** The running values: `loss`, per-output losses, then metrics (prefixed by output name when several). */
  results(): Logs {
    const logs: Logs = { loss: this.lossTracker.result() };
    for (const tracker of this.outputLossTrackers) logs[tracker.name] = tracker.result();
    const multiple = this.outputNames.length > 1;
    this.metrics?.forEach((list, k) => {
      for (const metric of list)
        logs[multiple ? `${this.outputNames[k]}_${metric.name}` : metric.name] = metric.result();
    });
    return logs;
  }

  /** Names that will appear in the logs (before the first batch built the metrics, as far as known). */
  metricNames(): string[] {
    const names = ['loss', ...this.outputLossTrackers.map((t) => t.name)];
    const multiple = this.outputNames.length > 1;
    this.metricSpecs.forEach((specs, k) => {
      for (const spec of specs) {
        const name =
          typeof spec === 'string' ? spec : ((spec as { name?: string }).name ?? 'metric');
        names.push(multiple ? `${this.outputNames[k]}_${name}` : name);
      }
    });
    return names;
  }

  /** The built metrics with their log names and directions (for callbacks' mode 'auto'). */
  metricDirections(): { name: string; direction: 'up' | 'down' }[] {
    const multiple = this.outputNames.length > 1;
    return (this.metrics ?? []).flatMap((list, k) =>
      list.map((metric) => ({
        name: multiple ? `${this.outputNames[k]}_${metric.name}` : metric.name,
        direction: metric.direction,
      })),
    );
  }

  reset(): void {
    this.lossTracker.resetState();
    for (const tracker of this.outputLossTrackers) tracker.resetState();
    this.metrics?.forEach((list) => {
      for (const metric of list) metric.resetState();
    });
  }
}
