// Per-thread scratch memory reused across kernel calls, so the time loops never allocate.
#pragma once
#include <cstddef>
#include <vector>

namespace recur {

class Scratch {
 public:
  // A zeroed region of `count` floats, valid until the next reset(). Grows the buffer only when a
  // call needs more than any earlier one.
  float* take(std::size_t count);
  void reset(std::size_t totalFloats);
  // The floats take(count) consumes (regions are rounded up to whole 64-byte lines).
  static std::size_t rounded(std::size_t count) { return (count + 15) / 16 * 16; }

 private:
  std::vector<float> buffer_;
  std::size_t used_ = 0;
};

Scratch& threadScratch();

}  // namespace recur
