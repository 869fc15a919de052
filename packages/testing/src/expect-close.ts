import { type NestedArray, Tensor } from '@recur/tensor';

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  /** Prefix for the failure message. */
  label?: string;
}

type Values = Tensor | NestedArray | number | ArrayLike<number>;

function flat(values: Values): { data: ArrayLike<number>; shape: number[] | null } {
  if (values instanceof Tensor) return { data: values.data, shape: [...values.shape] };
  if (typeof values === 'number') return { data: [values], shape: null };
  if (Array.isArray(values))
    return { data: (values as unknown[]).flat(Number.POSITIVE_INFINITY) as number[], shape: null };
  return { data: values as ArrayLike<number>, shape: null };
}

/**
 * Asserts `|actual - expected| <= atol + rtol * |expected|` element-wise (defaults rtol 1e-5,
 * atol 1e-7). NaN-aware: NaN matches only NaN, never a number; infinities must match exactly.
 * Tensors must also agree in shape.
 *
 * @example
 * ```ts
 * import { expectClose } from '@recur/testing';
 * import { tensor } from '@recur/tensor';
 * expectClose(tensor([0.1 + 0.2]), [0.3]);
 * ```
 */
export function expectClose(actual: Values, expected: Values, options: CloseOptions = {}): void {
  const { rtol = 1e-5, atol = 1e-7, label = 'expectClose' } = options;
  const a = flat(actual);
  const e = flat(expected);
  if (
    a.shape &&
    e.shape &&
    (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape![i]))
  ) {
    throw new Error(`${label}: shape [${a.shape}] differs from expected [${e.shape}]`);
  }
  if (a.data.length !== e.data.length) {
    throw new Error(`${label}: ${a.data.length} values, expected ${e.data.length}`);
  }
  const failures: string[] = [];
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = e.data[i];
    let ok: boolean;
    if (Number.isNaN(y) || Number.isNaN(x)) ok = Number.isNaN(x) && Number.isNaN(y);
    else if (!Number.isFinite(y) || !Number.isFinite(x)) ok = x === y;
    else {
      const error = Math.abs(x - y);
      ok = error <= atol + rtol * Math.abs(y);
      worst = Math.max(worst, error / (atol + rtol * Math.abs(y)));
    }
    if (!ok && failures.length < 8) failures.push(`[${i}] actual ${x}, expected ${y}`);
    else if (!ok) failures.push('');
  }
  if (failures.length > 0) {
    const shown = failures.filter((f) => f !== '');
    throw new Error(
      `${label}: ${failures.length} of ${a.data.length} values differ (rtol ${rtol}, atol ${atol}; worst ratio ${worst.toPrecision(3)}):\n  ${shown.join('\n  ')}`,
    );
  }
}
