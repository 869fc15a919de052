import { cast, noGrad, Random, Tensor, tensor } from '@recur/tensor';

export interface GradcheckOptions {
  /** Central-difference step. */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Seed of the random projection that reduces the outputs to a scalar. */
  seed?: number;
  /**
   * Use the given float64 tensors themselves (perturbed in place and restored) instead of copies:
   * for checking gradients w.r.t. a layer's own weights, which `fn` reaches through the layer.
   */
  inPlace?: boolean;
}

export interface GradcheckResult {
  /** Largest `|analytic - numeric| / (atol + rtol |numeric|)` seen (passes when <= 1). */
  worstRatio: number;
  checked: number;
}

// A tensor, a list of tensors, or an object whose tensor-valued fields are the outputs.
type Outputs = Tensor | readonly (Tensor | null | undefined)[] | object;

/**
 * Compares autograd's gradients with float64 central differences (eps 1e-6, atol 1e-5,
 * rtol 1e-3) for every element of every float input. Inputs are copied to float64 (so the TS
 * kernels run); int32 inputs (indices, labels) pass through unchanged. Outputs (a tensor, a list,
 * or an object of tensors) are reduced to one scalar with fixed random weights, which checks every
 * output element's gradient at once. Throws with the offending elements on a mismatch.
 *
 * @example
 * ```ts
 * import { gradcheck } from '@recur/testing';
 * import { tensor } from '@recur/tensor';
 * gradcheck((x, y) => x.mul(y).tanh(), [tensor([[0.5, -1]]), tensor([2, 3])]);
 * ```
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Outputs,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, seed = 1234 } = options;
  const prepared = inputs.map((input) =>
    input.dtype === 'int32'
      ? input
      : tensor(cast(input, 'float64'), undefined, { requiresGrad: true }),
  );
  const weights: Tensor[] = [];
  const random = new Random(seed);
  const objective = (): Tensor => {
    const outputs = collect(fn(...prepared));
    let total: Tensor | null = null;
    outputs.forEach((output, k) => {
      if (output.dtype !== 'float64')
        throw new Error(
          `gradcheck: output ${k} has dtype ${output.dtype}; expected float64 (does the op keep its input dtype?)`,
        );
      if (!weights[k])
        weights[k] = tensor(
          Float64Array.from({ length: output.size }, () => random.uniform() * 2 - 1),
          output.shape,
        );
      const term = output.mul(weights[k]).sum();
      total = total === null ? term : total.add(term);
    });
    if (total === null) throw new Error('gradcheck: the function returned no outputs');
    return total;
  };

  const loss = objective();
  if (!loss.requiresGrad)
    throw new Error('gradcheck: the output does not depend on any input with gradients');
  loss.backward();

  const failures: string[] = [];
  let worstRatio = 0;
  let checked = 0;
  prepared.forEach((input, index) => {
    if (input.dtype === 'int32') return;
    const analytic = input.grad?.data ?? new Float64Array(input.size);
    const data = input.data as Float64Array;
    for (let i = 0; i < data.length; i++) {
      const original = data[i];
      data[i] = original + eps;
      const plus = noGrad(objective).item();
      data[i] = original - eps;
      const minus = noGrad(objective).item();
      data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const error = Math.abs(analytic[i] - numeric);
      const allowed = atol + rtol * Math.abs(numeric);
      const ratio = Number.isFinite(error) ? error / allowed : Number.POSITIVE_INFINITY;
      worstRatio = Math.max(worstRatio, ratio);
      checked++;
      if (!(error <= allowed))
        failures.push(`input ${index} [${i}]: analytic ${analytic[i]}, numeric ${numeric}`);
    }
  });
  if (failures.length > 0) {
    throw new Error(
      `gradcheck: ${failures.length} of ${checked} gradient entries differ (atol ${atol}, rtol ${rtol}):\n  ${failures.slice(0, 10).join('\n  ')}`,
    );
  }
  if (checked === 0) throw new Error('gradcheck: no float inputs to check');
  return { worstRatio, checked };
}

function collect(outputs: Outputs): Tensor[] {
  if (outputs instanceof Tensor) return [outputs];
  const list = Array.isArray(outputs) ? outputs : Object.values(outputs);
  return list.filter((t): t is Tensor => t instanceof Tensor);
}
