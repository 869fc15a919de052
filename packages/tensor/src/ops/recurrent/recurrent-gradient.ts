import { registerGradient } from '../../autograd/gradient-registry.js';
import { currentBackend } from '../../backend/current-backend.js';
import { RECURRENT_CELLS, type RecurrentProblem } from '../../backend/recurrent-kernels.js';
import type { FloatArray } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { output } from '../operands.js';
import type { RecurrentBuffers } from './recurrent-buffers.js';

/** Where the optional inputs sit in a recorded recurrent node's inputs (-1: not given). */
export interface Slots {
  bias: number;
  initialH: number;
  initialC: number;
}

// Backpropagation through time: the backend's recurrentBackward reads the workspace the forward
// filled, and returns gradients only for the inputs that require them.
for (const cell of RECURRENT_CELLS) {
  registerGradient(cell, (outputGradients, node) => {
    const { problem, workspace, slots, buffers, generation, hasSequence } = node.saved as {
      problem: RecurrentProblem;
      workspace: FloatArray;
      slots: Slots;
      buffers: RecurrentBuffers | null;
      generation: number;
      hasSequence: boolean;
    };
    buffers?.checkGeneration(cell, generation);
    const [dSequence, dFinalH, dFinalC] = hasSequence
      ? outputGradients
      : [null, ...outputGradients];
    // Each gradient overwrites its buffer in full, so kept buffers need no zeroing. A leaf whose
    // .grad is still last call's buffer (gradients accumulating across calls) gets a fresh one:
    // writing into it would change the gradient it is about to be added to.
    const want = (index: number, name: string) => {
      if (index < 0 || !node.inputs[index].requiresGrad) return null;
      const input = node.inputs[index];
      const kept = buffers?.tensor(cell, name, input.dtype, input.shape);
      return kept && input.grad?.data !== kept.data ? kept : output(input.dtype, input.shape);
    };
    const grads = [want(0, 'dx'), want(1, 'dKernel'), want(2, 'dRecurrentKernel')];
    const dBias = want(slots.bias, 'dBias');
    const dInitialH = want(slots.initialH, 'dInitialH');
    const dInitialC = want(slots.initialC, 'dInitialC');
    currentBackend().recurrentBackward({
      ...problem,
      workspace,
      dSequence: (dSequence?.data as FloatArray) ?? null,
      dFinalH: (dFinalH?.data as FloatArray) ?? null,
      dFinalC: (dFinalC?.data as FloatArray) ?? null,
      dx: (grads[0]?.data as FloatArray) ?? null,
      dKernel: (grads[1]?.data as FloatArray) ?? null,
      dRecurrentKernel: (grads[2]?.data as FloatArray) ?? null,
      dBias: (dBias?.data as FloatArray) ?? null,
      dInitialH: (dInitialH?.data as FloatArray) ?? null,
      dInitialC: (dInitialC?.data as FloatArray) ?? null,
    });
    const result: (Tensor | null)[] = [...grads];
    if (slots.bias >= 0) result[slots.bias] = dBias;
    if (slots.initialH >= 0) result[slots.initialH] = dInitialH;
    if (slots.initialC >= 0) result[slots.initialC] = dInitialC;
    return result;
  });
}
