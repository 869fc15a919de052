import { setBackend, setMaximumIsa } from '@recur/tensor';
import { expectClose } from '@recur/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { activationIsa, nativeIsas, nativeUnderTest } from './native-isas.js';
import { recurrentCases, recurrentInputs, runWithGradients } from './recurrent-cases.js';

// The native kernels pick AVX-512, AVX2 or baseline code at run time; this CPU normally takes
// only one path, so each path is forced in turn and checked against the float64 TS twin on the
// cases large enough to use the packed recurrent weights.
const cases = recurrentCases.filter((c) => c.B * c.T >= 32);

describe.runIf(nativeUnderTest)('native recurrent kernels on every instruction set', () => {
  afterAll(() => setMaximumIsa('avx512'));
  it('covers several cases', () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const isa of nativeIsas) {
    for (const c of cases) {
      it(`${isa}: ${c.label}`, () => {
        const given = recurrentInputs(c);
        setBackend('js');
        const reference = runWithGradients(c, given, 'float64');
        setBackend('native');
        setMaximumIsa(isa);
        expect(activationIsa()).toBe(isa);
        const actual = runWithGradients(c, given, 'float32');
        actual.outputs.forEach((y, k) => {
          expectClose(y, reference.outputs[k], {
            rtol: 1e-5,
            atol: 2e-6,
            label: `${isa} ${c.label} output ${k}`,
          });
        });
        actual.grads.forEach((g, k) => {
          expectClose(g, reference.grads[k], {
            rtol: 1e-4,
            atol: 2e-5,
            label: `${isa} ${c.label} gradient ${k}`,
          });
        });
      });
    }
  }
});
