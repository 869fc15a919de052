/**
 * Optional fused whole-sequence recurrent kernels (LSTM, GRU, SimpleRNN), forward and backward
 * through time. Filled in by the fused-kernel work; a backend without them runs the TS twin.
 */
// biome-ignore lint/complexity/noBannedTypes: extended by the recurrent kernels.
export type RecurrentKernels = {};
