import type { Backend } from '../backend.js';
import { binary } from './binary.js';
import { gemm } from './gemm.js';
import { gather, scatterAdd } from './indexing.js';
import { insertSlice, slice, transpose } from './layout.js';
import { qr } from './qr.js';
import { recurrentBackward, recurrentForward } from './recurrent/recurrent-time-loop.js';
import { argMax, reduce } from './reduce.js';
import { softmax, softmaxGrad } from './softmax.js';
import { unary, unaryGrad } from './unary.js';
import { where } from './where.js';

/**
 * The pure-TypeScript backend: every kernel, for every dtype. It is the fallback where the addon
 * is not built and the reference twin the native kernels are tested against.
 */
export const jsBackend: Backend = {
  name: 'js',
  gemm,
  unary,
  unaryGrad,
  binary,
  where,
  reduce,
  argMax,
  softmax,
  softmaxGrad,
  transpose,
  slice,
  insertSlice,
  gather,
  scatterAdd,
  qr,
  recurrentForward,
  recurrentBackward,
};
