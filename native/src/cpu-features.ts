import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** What the operating system reports about the CPU (Linux: `/proc/cpuinfo`). */
export interface CpuDescription {
  model: string;
  flags: string[];
}

/**
 * Reads the CPU model and feature flags. Returns empty flags where `/proc/cpuinfo` does not
 * exist (macOS, Windows), so callers simply skip CPU-specific tuning there.
 *
 * @example
 * ```ts
 * import { readCpuDescription } from '@recur/native';
 * console.log(readCpuDescription().flags.includes('avx2'));
 * ```
 */
export function readCpuDescription(cpuinfoPath = '/proc/cpuinfo'): CpuDescription {
  const model = cpus()[0]?.model ?? 'unknown';
  let text: string;
  try {
    text = readFileSync(cpuinfoPath, 'utf8');
  } catch {
    return { model, flags: [] };
  }
  const flagsLine = text.split('\n').find((line) => /^flags\s*:/.test(line));
  const flags = flagsLine
    ? flagsLine
        .slice(flagsLine.indexOf(':') + 1)
        .trim()
        .split(/\s+/)
    : [];
  return { model, flags };
}

/**
 * The fastest OpenBLAS core type a CPU with these flags can run, or `null` when OpenBLAS' own
 * detection is as good. Debian's OpenBLAS 0.3.21 misdetects recent CPUs as `Prescott` (its slowest
 * kernels); naming the core type explicitly gives about 3x faster sgemm there.
 *
 * @example
 * ```ts
 * import { bestOpenblasCoreType } from '@recur/native';
 * bestOpenblasCoreType(['avx2', 'fma']); // 'Haswell'
 * ```
 */
export function bestOpenblasCoreType(flags: readonly string[]): string | null {
  const has = (flag: string) => flags.includes(flag);
  // SkylakeX kernels use AVX-512 F/BW/DQ/VL/CD; Cooperlake adds the bf16 kernels on top.
  const avx512 = ['avx512f', 'avx512bw', 'avx512dq', 'avx512vl', 'avx512cd'].every(has);
  if (avx512 && has('avx512_bf16')) return 'Cooperlake';
  if (avx512) return 'SkylakeX';
  if (has('avx2') && has('fma')) return 'Haswell';
  return null;
}
