import { gradcheck } from '@recur/testing';
import { describe, expect, it } from 'vitest';
import { recurrentCases, recurrentInputs, runCase } from './recurrent-cases.js';

describe('fused recurrent ops: float64 gradcheck of every output w.r.t. every input (TS twin)', () => {
  for (const c of recurrentCases) {
    it(c.label, () => {
      const { inputs, mask, dropout } = recurrentInputs(c);
      const result = gradcheck((...xs) => runCase(c, xs, mask, dropout), inputs);
      expect(result.checked).toBe(inputs.reduce((n, t) => n + t.size, 0));
    });
  }
});
