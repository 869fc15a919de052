import { NativeArgumentError } from '../backend-errors.js';
import {
  RECURRENT_ACTIVATIONS,
  RECURRENT_CELLS,
  type RecurrentBackwardArguments,
  type RecurrentForwardArguments,
} from '../recurrent-kernels.js';
import { recurrentArrayLengths } from '../recurrent-shapes.js';
import { requireBinding } from './native-runtime.js';

// Keeps every size product far below 2^53 elements.
const MAXIMUM_DIMENSION = 2 ** 31;

type Float32Forward = RecurrentForwardArguments<Float32Array>;
type Float32Backward = RecurrentBackwardArguments<Float32Array>;

function describe(value: unknown): string {
  if (value instanceof Float32Array) return `Float32Array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (value === null || value === undefined) return String(value);
  return typeof value === 'number' || typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value;
}

function overlaps(x: Float32Array, y: Float32Array): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * Checks the record against the contract of recurrent-kernels.ts (the sizes, the names, each
 * buffer's length from {@link recurrentArrayLengths}, outputs sharing no memory) so that the addon,
 * which can be handed any object, is reached with a typed error rather than its last-line check.
 * `arrays` lists the record's buffers as [name, required, output].
 */
function checkRecord(
  fn: string,
  o: Float32Forward | Float32Backward,
  arrays: ReadonlyArray<readonly [string, boolean, boolean]>,
): void {
  const fail = (name: string, expected: string, value: unknown): never => {
    throw new NativeArgumentError(fn, name, expected, describe(value));
  };
  if (typeof o !== 'object' || o === null) fail('options', 'an options object', o);
  if (!RECURRENT_CELLS.includes(o.cell)) fail('cell', RECURRENT_CELLS.join(', '), o.cell);
  for (const name of ['resetAfter', 'goBackwards'] as const)
    if (typeof o[name] !== 'boolean') fail(name, 'a boolean', o[name]);
  for (const name of ['batch', 'steps', 'inputSize', 'units'] as const) {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAXIMUM_DIMENSION)
      fail(name, `an integer in [1, ${MAXIMUM_DIMENSION}]`, v);
  }
  for (const name of ['activation', 'recurrentActivation'] as const) {
    if (!RECURRENT_ACTIVATIONS.includes(o[name]))
      fail(name, `one of ${RECURRENT_ACTIVATIONS.join(', ')}`, o[name]);
  }
  const lengths = recurrentArrayLengths(o);
  const record = o as unknown as Record<string, unknown>;
  const seen: Array<[string, Float32Array, boolean]> = [];
  for (const [name, required, isOutput] of arrays) {
    const value = record[name];
    if (!required && (value === null || value === undefined)) continue;
    if (!(value instanceof Float32Array) || value.length !== lengths[name])
      fail(name, `a Float32Array of length ${lengths[name]}${required ? '' : ' or null'}`, value);
    seen.push([name, value as Float32Array, isOutput]);
  }
  if (o.initialC && o.cell !== 'lstm')
    fail('initialC', 'null (only LSTM has a cell state)', o.initialC);
  for (const [name, out, isOutput] of seen) {
    if (!isOutput) continue;
    for (const [otherName, other] of seen) {
      if (other !== out && overlaps(out, other))
        fail(name, `memory not shared with '${otherName}'`, 'an overlapping view');
    }
  }
}

const PROBLEM_ARRAYS = [
  ['x', true, false],
  ['kernel', true, false],
  ['recurrentKernel', true, false],
  ['bias', false, false],
  ['initialH', false, false],
  ['initialC', false, false],
  ['mask', false, false],
  ['recurrentDropoutMask', false, false],
] as const;

/**
 * The fused forward pass of an LSTM, GRU or SimpleRNN layer over a whole sequence, in one native
 * call, after {@link checkRecord}. The native backend's `recurrentForward` (internal to
 * `@recur/tensor`; the op has validated the tensors already).
 */
export function recurrentForward(options: Float32Forward): void {
  const lstm = options.cell === 'lstm';
  checkRecord('recurrentForward', options, [
    ...PROBLEM_ARRAYS,
    ['sequence', false, true],
    ['finalH', true, true],
    ['finalC', lstm, true],
    ['workspace', false, true],
  ]);
  if (!lstm && options.finalC)
    throw new NativeArgumentError(
      'recurrentForward',
      'finalC',
      'null (only LSTM has a cell state)',
      describe(options.finalC),
    );
  requireBinding().recurrentForward(options);
}

/** The fused backward pass through time, from the workspace a training forward pass filled. */
export function recurrentBackward(options: Float32Backward): void {
  checkRecord('recurrentBackward', options, [
    ...PROBLEM_ARRAYS,
    ['workspace', true, false],
    ['dSequence', false, false],
    ['dFinalH', false, false],
    ['dFinalC', false, false],
    ['dx', false, true],
    ['dKernel', false, true],
    ['dRecurrentKernel', false, true],
    ['dBias', false, true],
    ['dInitialH', false, true],
    ['dInitialC', false, true],
  ]);
  requireBinding().recurrentBackward(options);
}
