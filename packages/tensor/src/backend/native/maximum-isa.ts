import { NativeArgumentError } from '../backend-errors.js';
import { requireBinding } from './native-runtime.js';

/** The vector instruction sets the native kernels are compiled for, from oldest to newest. */
export type KernelIsa = 'baseline' | 'avx2' | 'avx512';

const ISAS: readonly KernelIsa[] = ['baseline', 'avx2', 'avx512'];

/**
 * Caps the instruction set the native kernels dispatch to. By default they use the best the CPU
 * supports; capping runs the older paths on a newer machine (to test them, or to get the same
 * rounding across a fleet of mixed CPUs). A cap above what the CPU supports changes nothing.
 * `backendInfo().native.kernelIsa` reports the path in use.
 *
 * @example
 * ```ts
 * import { backendInfo, setMaximumIsa } from '@recur/tensor';
 * setMaximumIsa('avx2');
 * console.log(backendInfo().native.kernelIsa); // 'avx2' on AVX2 and AVX-512 machines
 * setMaximumIsa('avx512'); // back to the best available
 * ```
 */
export function setMaximumIsa(isa: KernelIsa): void {
  if (!ISAS.includes(isa)) {
    throw new NativeArgumentError(
      'setMaximumIsa',
      'isa',
      "'baseline', 'avx2' or 'avx512'",
      JSON.stringify(isa),
    );
  }
  requireBinding().setMaximumIsa(isa);
}
