import { optimizerFromConfig } from '@recur/optim';
import { describeBackends, expectClose } from '@recur/testing';
import { expect, it } from 'vitest';
import { golden, maxAbsDifference, type Problem, trajectory } from './golden.js';

// Trajectories against the Keras 3 reference computed by golden/generate-optimizer-golden.py
// (float64 torch), on a quadratic (8 steps, gradients by autograd) and on fixed gradients
// (6 steps, one skipped parameter). float64 must agree to 1e-10; float32 parameters, slots and
// gradients round every step, so they get 1e-6 absolute plus 1e-6 relative.
const PROBLEMS: Problem[] = ['quadratic', 'fixed'];

describeBackends(
  'optimizers: golden trajectories (Keras 3 formulas, torch float64 reference)',
  () => {
    it('cover every optimizer, every clipping mode and every schedule', () => {
      const classes = new Set(golden.cases.map((c) => c.className));
      expect([...classes].sort()).toEqual(
        ['Adadelta', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'Nadam', 'RMSprop', 'SGD'].sort(),
      );
      const keys = new Set(golden.cases.flatMap((c) => Object.keys(c.config)));
      for (const key of ['clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay'])
        expect(keys.has(key), key).toBe(true);
      const schedules = new Set(
        golden.cases
          .map((c) => c.config.learningRate)
          .filter((lr): lr is { className: string } => typeof lr === 'object')
          .map((lr) => lr.className),
      );
      expect([...schedules].sort()).toEqual(
        ['CosineDecay', 'ExponentialDecay', 'PiecewiseConstantDecay', 'Warmup'].sort(),
      );
    });

    for (const c of golden.cases) {
      for (const dtype of ['float64', 'float32'] as const) {
        it(`${c.name} [${dtype}]`, () => {
          for (const problem of PROBLEMS) {
            const optimizer = optimizerFromConfig({ className: c.className, config: c.config });
            const ours = trajectory(problem, optimizer, dtype);
            const tolerance =
              dtype === 'float64' ? { rtol: 0, atol: 1e-10 } : { rtol: 1e-6, atol: 1e-6 };
            expectClose(ours.flat(), c[problem].flat(), {
              ...tolerance,
              label: `${c.name} ${problem} ${dtype}`,
            });
            expect(optimizer.iterations).toBe(ours.length);
          }
        });
      }

      it(`${c.name}: relation to PyTorch (${c.pytorch.how})`, () => {
        const ours = PROBLEMS.map((problem) =>
          trajectory(
            problem,
            optimizerFromConfig({ className: c.className, config: c.config }),
            'float64',
          ),
        );
        const difference = Math.max(
          maxAbsDifference(ours[0], c.pytorch.quadratic),
          maxAbsDifference(ours[1], c.pytorch.fixed),
        );
        if (c.pytorch.maxAbsDifference <= 1e-9) {
          // Same definition as PyTorch: we match torch.optim too.
          expect(difference).toBeLessThanOrEqual(1e-9);
        } else {
          // Keras 3 and PyTorch differ here (epsilon placement, momentum form, schedules...): we
          // sit on the Keras side, exactly as far from PyTorch as the Keras reference is.
          expect(Math.abs(difference - c.pytorch.maxAbsDifference)).toBeLessThanOrEqual(1e-9);
        }
      });
    }
  },
);
