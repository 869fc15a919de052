#include "kernels/scratch.hpp"

#include <algorithm>
#include <stdexcept>

namespace recur {

void Scratch::reset(std::size_t totalFloats) {
  if (buffer_.size() < totalFloats) buffer_.resize(totalFloats);
  used_ = 0;
}

float* Scratch::take(std::size_t count) {
  if (used_ + count > buffer_.size()) throw std::logic_error("scratch: reset() reserved too little");
  float* region = buffer_.data() + used_;
  std::fill(region, region + count, 0.0f);
  // Keep every region 64-byte aligned relative to the buffer start for vector loads.
  used_ += rounded(count);
  return region;
}

Scratch& threadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace recur
