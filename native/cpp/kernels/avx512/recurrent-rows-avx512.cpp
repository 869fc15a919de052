// The fused GRU and LSTM row kernels compiled for avx512 (see recurrent-rows-impl.inc).
#include "kernels/recurrent-rows.hpp"

#include "kernels/activations-impl.inc"
#include "kernels/recurrent-rows-impl.inc"

namespace recur::avx512 {

const GruRowKernels& gruRows() {
  static const GruRowKernels table{gruForwardRows, gruBackwardRows};
  return table;
}

const LstmRowKernels& lstmRows() {
  static const LstmRowKernels table{lstmBackwardRows};
  return table;
}

}  // namespace recur::avx512
