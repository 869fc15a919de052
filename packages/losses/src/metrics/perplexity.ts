import { noGrad, type Tensor } from '@recur/tensor';
import { alignSampleWeight } from '../align.js';
import { sparseCategoricalCrossentropy } from '../functions/sparse-categorical-crossentropy.js';
import type { SerializedObject } from '../loss.js';
import { checkBoolean, checkInteger, optionalTensor } from '../validation.js';
import { metricName } from './metric-classes.js';
import { Metric } from './metric.js';

/** Options of {@link Perplexity} (KerasNLP names). */
export interface PerplexityConfig {
  name?: string;
  /** Whether predictions are logits (the usual language-model output). Default false. */
  fromLogits?: boolean;
  /** A label id (e.g. padding) whose positions are left out entirely. Default null. */
  maskTokenId?: number | null;
}

/**
 * Perplexity of a sparse classifier / language model, defined here as
 *
 * `exp( sum_i w_i * CE_i / sum_i w_i )`
 *
 * where `CE_i` is the sparse categorical cross-entropy (natural log) at every labelled position
 * `i` (every timestep of every sequence) seen since the last reset and `w_i` its weight: the
 * sample weight (`[batch]` or `[batch, T]`, default 1) times 0 at `maskTokenId`. It is the
 * exponential of the token-weighted mean cross-entropy over the whole evaluation, the usual
 * corpus perplexity. (KerasNLP's `Perplexity` instead averages per-batch means weighted by batch
 * size; the two agree when every batch has the same number of counted tokens.) Result 0 before
 * any token is counted.
 *
 * @example
 * ```ts
 * import { Perplexity } from '@recur/losses';
 * import { tensor, zeros } from '@recur/tensor';
 * const m = new Perplexity({ fromLogits: true });
 * m.updateState(tensor([[1, 2]], undefined, { dtype: 'int32' }), zeros([1, 2, 4]));
 * m.result(); // 4: uniform over 4 classes
 * ```
 */
export class Perplexity extends Metric {
  readonly className = 'Perplexity';
  readonly fromLogits: boolean;
  readonly maskTokenId: number | null;
  private totalCrossentropy = 0;
  private totalWeight = 0;

  constructor(config: PerplexityConfig = {}) {
    super(metricName('Perplexity', config, ['fromLogits', 'maskTokenId'], 'perplexity'), 'down');
    this.fromLogits = checkBoolean('Perplexity', 'fromLogits', config.fromLogits, false);
    this.maskTokenId = checkInteger('Perplexity', 'maskTokenId', config.maskTokenId ?? null, {
      nullable: true,
    });
  }

  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void {
    optionalTensor('Perplexity.updateState', 'sampleWeight', sampleWeight);
    noGrad(() => {
      const crossentropy = sparseCategoricalCrossentropy(yTrue, yPred, {
        fromLogits: this.fromLogits,
        ignoreClass: this.maskTokenId,
      });
      let weight: Tensor | null = null;
      if (sampleWeight) {
        // Aligned as for a loss ([batch] weights cover every timestep), then one weight per value.
        const aligned = alignSampleWeight('Perplexity sampleWeight', sampleWeight, crossentropy);
        weight = aligned.weight.broadcastTo(aligned.values.shape);
      }
      const values = crossentropy.data;
      const labels = yTrue.data;
      for (let i = 0; i < values.length; i++) {
        if (this.maskTokenId !== null && labels[i] === this.maskTokenId) continue;
        const w = weight === null ? 1 : weight.data[i];
        this.totalCrossentropy += w * values[i];
        this.totalWeight += w;
      }
    });
  }

  result(): number {
    return this.totalWeight === 0 ? 0 : Math.exp(this.totalCrossentropy / this.totalWeight);
  }

  resetState(): void {
    this.totalCrossentropy = 0;
    this.totalWeight = 0;
  }

  override getConfig(): SerializedObject {
    const base = super.getConfig();
    const { fromLogits, maskTokenId } = this;
    return { ...base, config: { ...base.config, fromLogits, maskTokenId } };
  }
}
