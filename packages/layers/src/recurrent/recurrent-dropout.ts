import { dropout, ones, type Random, type Tensor } from '@recur/tensor';

/** The inputs with input dropout applied, and the keep-mask for h_{t-1} (null when none). */
export interface SequenceDropout {
  x: Tensor;
  recurrentDropoutMask: Tensor | null;
}

/**
 * Keras' recurrent dropout, active only in training: one input keep-mask `[batch, 1, features]`
 * per sequence, broadcast over every step, and one `[batch, units]` keep-mask for h_{t-1}, which
 * the fused kernels apply where h_{t-1} enters the recurrent matmul (every gate, every step).
 * The input mask is drawn first, then the recurrent one, so a seeded layer repeats its masks.
 */
export function sequenceDropout(
  inputs: Tensor,
  options: {
    training?: boolean;
    dropout: number;
    recurrentDropout: number;
    units: number;
    random: Random;
  },
): SequenceDropout {
  const [batch, , features] = inputs.shape;
  let x = inputs;
  if (options.training && options.dropout > 0)
    x = x.mul(
      dropout(
        ones([batch, 1, features], { dtype: x.dtype }),
        options.dropout,
        options.random.nextUint32(),
      ),
    );
  const recurrentDropoutMask =
    options.training && options.recurrentDropout > 0
      ? dropout(
          ones([batch, options.units], { dtype: x.dtype }),
          options.recurrentDropout,
          options.random.nextUint32(),
        )
      : null;
  return { x, recurrentDropoutMask };
}
