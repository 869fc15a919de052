import { NativeArgumentError } from '../backend-errors.js';
import { gateCount, recurrentWorkspaceLayout } from '../recurrent-kernels.js';
import { requireBinding } from './native-runtime.js';
import type {
  NativeRecurrentBackward,
  NativeRecurrentForward,
  NativeRecurrentProblem,
} from '@recur/native';

const CELLS = ['lstm', 'gru', 'simpleRnn'];
const ACTIVATIONS = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'];
// Keeps every size product far below 2^53 elements.
const MAXIMUM_DIMENSION = 2 ** 31;

function describe(value: unknown): string {
  if (value instanceof Float32Array) return `Float32Array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (value === null || value === undefined) return String(value);
  return typeof value === 'number' || typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value;
}

interface Checked {
  arrays: Array<[string, Float32Array | null, boolean]>;
  G: number;
}

function checkProblem(fn: string, o: NativeRecurrentProblem): Checked {
  const fail = (name: string, expected: string, value: unknown): never => {
    throw new NativeArgumentError(fn, name, expected, describe(value));
  };
  if (typeof o !== 'object' || o === null) fail('options', 'an options object', o);
  if (!CELLS.includes(o.cell)) fail('cell', "'lstm', 'gru' or 'simpleRnn'", o.cell);
  for (const name of ['resetAfter', 'goBackwards'] as const)
    if (typeof o[name] !== 'boolean') fail(name, 'a boolean', o[name]);
  for (const name of ['batch', 'steps', 'inputSize', 'units'] as const) {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAXIMUM_DIMENSION)
      fail(name, `an integer in [1, ${MAXIMUM_DIMENSION}]`, v);
  }
  for (const name of ['activation', 'recurrentActivation'] as const) {
    if (!ACTIVATIONS.includes(o[name])) fail(name, `one of ${ACTIVATIONS.join(', ')}`, o[name]);
  }
  const { batch: B, steps: T, inputSize: D, units: H } = o;
  const G = gateCount(o.cell);
  const arrays: Checked['arrays'] = [];
  const array = (name: keyof NativeRecurrentProblem, length: number, optional: boolean) => {
    const value = o[name] as unknown;
    if (optional && (value === null || value === undefined)) {
      arrays.push([name, null, false]);
      return;
    }
    if (!(value instanceof Float32Array) || value.length !== length)
      fail(name, `a Float32Array of length ${length}${optional ? ' or null' : ''}`, value);
    arrays.push([name, value as Float32Array, false]);
  };
  array('x', B * T * D, false);
  array('kernel', D * G * H, false);
  array('recurrentKernel', H * G * H, false);
  array('bias', (o.cell === 'gru' && o.resetAfter ? 2 : 1) * G * H, true);
  array('initialH', B * H, true);
  array('initialC', B * H, true);
  if (o.initialC && o.cell !== 'lstm')
    fail('initialC', 'null (only LSTM has a cell state)', o.initialC);
  array('mask', B * T, true);
  array('recurrentDropoutMask', B * H, true);
  return { arrays, G };
}

function addOutput<T extends object>(
  fn: string,
  checked: Checked,
  o: T,
  name: keyof T & string,
  length: number,
  optional: boolean,
): void {
  const value = o[name] as unknown;
  if (optional && (value === null || value === undefined)) return;
  if (!(value instanceof Float32Array) || value.length !== length) {
    throw new NativeArgumentError(
      fn,
      name,
      `a Float32Array of length ${length}${optional ? ' or null' : ''}`,
      describe(value),
    );
  }
  checked.arrays.push([name, value, true]);
}

function overlaps(x: Float32Array, y: Float32Array): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

function checkDisjointOutputs(fn: string, checked: Checked): void {
  for (const [name, out, isOutput] of checked.arrays) {
    if (!isOutput || !out) continue;
    for (const [otherName, other] of checked.arrays) {
      if (other && other !== out && overlaps(out, other)) {
        throw new NativeArgumentError(
          fn,
          name,
          `memory not shared with '${otherName}'`,
          'an overlapping view',
        );
      }
    }
  }
}

/**
 * The fused forward pass of an LSTM, GRU or SimpleRNN layer over a whole sequence, in one native
 * call. Every buffer is checked (type, exact length, no output aliasing) before native code runs.
 * The native backend calls it for the `lstm`/`gru`/`simpleRnn` ops (internal to `@recur/tensor`).
 */
export function recurrentForward(options: NativeRecurrentForward): void {
  const fn = 'recurrentForward';
  const checked = checkProblem(fn, options);
  const { batch: B, steps: T, inputSize: D, units: H } = options;
  addOutput(fn, checked, options, 'sequence', B * T * H, false);
  addOutput(fn, checked, options, 'finalH', B * H, false);
  addOutput(fn, checked, options, 'finalC', B * H, options.cell !== 'lstm');
  if (options.cell === 'lstm' && !options.finalC)
    throw new NativeArgumentError(
      fn,
      'finalC',
      'a Float32Array for LSTM',
      describe(options.finalC),
    );
  if (options.cell !== 'lstm' && options.finalC)
    throw new NativeArgumentError(
      fn,
      'finalC',
      'null (only LSTM has a cell state)',
      describe(options.finalC),
    );
  addOutput(
    fn,
    checked,
    options,
    'workspace',
    recurrentWorkspaceLayout(options.cell, B, T, D, H).size,
    true,
  );
  checkDisjointOutputs(fn, checked);
  requireBinding().recurrentForward(options);
}

/** The fused backward pass through time, from the workspace a training forward pass filled. */
export function recurrentBackward(options: NativeRecurrentBackward): void {
  const fn = 'recurrentBackward';
  const checked = checkProblem(fn, options);
  const { batch: B, steps: T, inputSize: D, units: H } = options;
  const { G } = checked;
  const workspace = options.workspace as unknown;
  const size = recurrentWorkspaceLayout(options.cell, B, T, D, H).size;
  if (!(workspace instanceof Float32Array) || workspace.length !== size) {
    throw new NativeArgumentError(
      fn,
      'workspace',
      `a Float32Array of length ${size}`,
      describe(workspace),
    );
  }
  checked.arrays.push(['workspace', workspace, false]);
  for (const [name, length] of [
    ['dSequence', B * T * H],
    ['dFinalH', B * H],
    ['dFinalC', B * H],
  ] as const) {
    const value = options[name] as unknown;
    if (value === null || value === undefined) continue;
    if (!(value instanceof Float32Array) || value.length !== length)
      throw new NativeArgumentError(
        fn,
        name,
        `a Float32Array of length ${length} or null`,
        describe(value),
      );
    checked.arrays.push([name, value, false]);
  }
  addOutput(fn, checked, options, 'dx', B * T * D, true);
  addOutput(fn, checked, options, 'dKernel', D * G * H, true);
  addOutput(fn, checked, options, 'dRecurrentKernel', H * G * H, true);
  addOutput(
    fn,
    checked,
    options,
    'dBias',
    (options.cell === 'gru' && options.resetAfter ? 2 : 1) * G * H,
    true,
  );
  addOutput(fn, checked, options, 'dInitialH', B * H, true);
  addOutput(fn, checked, options, 'dInitialC', B * H, true);
  checkDisjointOutputs(fn, checked);
  requireBinding().recurrentBackward(options);
}
