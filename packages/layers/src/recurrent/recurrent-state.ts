import { type DType, describeValue, type Tensor, ValueError, zeros } from '@recur/tensor';
import { tensorArgument } from '../arguments.js';
import type { Shape } from '../shape.js';
import { checkShapeIs } from './check-shape-is.js';

/** The state of a recurrent layer between streaming steps: `h` (and `c` for LSTM), `[batch, units]`. */
export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/** A cell's states in the kernels' order: `h` first (it is also the output), then the others. */
export type StateNames = readonly (keyof RecurrentState)[];

/** A stateful layer carries its states between calls, so its batch size must be fixed. */
export function checkStatefulBatch(layer: string, batchInputShape: Shape | null): void {
  if (!batchInputShape || batchInputShape[0] === null)
    throw new ValueError(
      layer,
      'a fixed batch size for a stateful layer (batchSize with inputShape, or batchInputShape)',
      'no batch size',
    );
}

/** The initial states given to a call, one `[batch, units]` tensor per state, each checked then cast. */
export function initialStateList(
  layer: string,
  states: Tensor[],
  count: number,
  batchUnits: readonly number[],
  cast: (state: Tensor) => Tensor,
): Tensor[] {
  if (states.length !== count)
    throw new ValueError(
      layer,
      `${count} initial state tensor${count > 1 ? 's' : ''}`,
      `${states.length}`,
    );
  return states.map((state, i) => {
    checkShapeIs(layer, `initialState[${i}]`, state, batchUnits, '[batch, units]');
    return cast(state);
  });
}

/** A stateful layer's carried states, or zeros when there are none yet or the batch size changed. */
export function carriedStates(
  states: Tensor[] | null,
  count: number,
  batchUnits: readonly number[],
  dtype: DType,
): Tensor[] {
  if (states && states[0].shape[0] === batchUnits[0]) return states;
  return Array.from({ length: count }, () => zeros([...batchUnits], { dtype }));
}

/**
 * The state given to `step` as the kernels' list (null when none): `h` is required, a state the
 * cell has but the caller left out starts at zeros, and one the cell does not have is ignored.
 */
export function stepStateList(
  op: string,
  state: unknown,
  names: StateNames,
  batchUnits: readonly number[],
): Tensor[] | null {
  if (state === undefined) return null;
  if (state === null || typeof state !== 'object')
    throw new ValueError(op, 'state { h } or { h, c } (or nothing)', describeValue(state));
  const given = state as Partial<RecurrentState>;
  for (const name of names)
    if (name === 'h' || given[name] !== undefined)
      checkShapeIs(
        op,
        `state.${name}`,
        tensorArgument(op, `state.${name}`, given[name]),
        batchUnits,
        '[batch, units]',
      );
  const h = given.h!;
  return names.map((name) => given[name] ?? zeros(h.shape, { dtype: h.dtype }));
}
