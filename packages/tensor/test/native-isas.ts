// The instruction sets the native kernels can be forced to on this CPU (setMaximumIsa), for the
// tests that check each path in turn; empty without the addon or on the TS backend.
import { nativeRuntime } from '../src/backend/native/native-runtime.js';

const binding = nativeRuntime().binding;

/** Whether the native backend is under test (the addon loaded, RECUR_BACKEND not `js`). */
export const nativeUnderTest = binding !== null && process.env.RECUR_BACKEND !== 'js';

const features = binding?.info().cpuFeatures ?? [];

/** baseline always, then avx2 and avx512 when this CPU has them. */
export const nativeIsas = (['baseline', 'avx2', 'avx512'] as const).filter(
  (isa) =>
    isa === 'baseline' ||
    (isa === 'avx2'
      ? features.includes('avx2') && features.includes('fma')
      : features.includes('avx512f')),
);

/** The ISA the activation kernels run on now. */
export const activationIsa = (): string | undefined => binding?.info().activationIsa;
