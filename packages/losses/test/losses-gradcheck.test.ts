import { lossFromConfig } from '@recur/losses';
import type { Tensor } from '@recur/tensor';
import { gradcheck } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { golden, toTensor } from './golden.js';

// Float64 central differences through Loss.compute (sample weights, masks, options included) for
// every golden case with a smooth neighbourhood. Left out: extreme logits (a 1e-6 step is lost in
// 1e30), probabilities clipped exactly at 0 or 1, and zero targets clipped by KL divergence (clip
// kinks sit right at those inputs).
const KINKED = /extreme|clipped|zero-targets/;

describe('losses: float64 gradcheck through Loss.compute', () => {
  const cases = golden.losses.filter((c) => !KINKED.test(c.name));

  it('covers every loss class', () => {
    expect(new Set(cases.map((c) => c.loss)).size).toBe(9);
  });

  for (const c of cases) {
    it(c.name, () => {
      const loss = lossFromConfig({ className: c.loss, config: c.config });
      const sampleWeight = c.sampleWeight ? toTensor(c.sampleWeight, 'float64') : null;
      const mask = c.mask ? toTensor(c.mask, 'float64') : null;
      const inputs = [toTensor(c.yTrue, 'float64'), toTensor(c.yPred, 'float64')];
      const result = gradcheck(
        (yTrue: Tensor, yPred: Tensor) => loss.compute(yTrue, yPred, sampleWeight, mask),
        inputs,
      );
      expect(result.checked).toBeGreaterThan(0);
      expect(result.worstRatio).toBeLessThanOrEqual(1);
    });
  }
});
