#include "kernels/blas-runtime.hpp"

#include <cblas.h>

namespace recur {

std::string blasCoreName() {
  const char* name = openblas_get_corename();
  return name ? name : "";
}

std::string blasConfig() {
  const char* config = openblas_get_config();
  return config ? config : "";
}

int blasNumThreads() { return openblas_get_num_threads(); }

void setBlasNumThreads(int threads) { openblas_set_num_threads(threads); }

}  // namespace recur
