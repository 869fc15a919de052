import type { RecurrentCell, RecurrentProblem } from '../../recurrent-kernels.js';
import { gruStep } from './gru-step.js';
import { lstmStep } from './lstm-step.js';
import type { RecurrentCellStep } from './recurrent-cell-step.js';
import { simpleRnnStep } from './simple-rnn-step.js';

// A new cell is one step file plus one entry here (and its name in RECURRENT_CELLS).
const cellSteps: Record<RecurrentCell, (problem: RecurrentProblem) => RecurrentCellStep> = {
  lstm: lstmStep,
  gru: gruStep,
  simpleRnn: simpleRnnStep,
};

/** The step functions of `problem.cell`, with their scratch buffers for this call. */
export function createCellStep(problem: RecurrentProblem): RecurrentCellStep {
  return cellSteps[problem.cell](problem);
}
