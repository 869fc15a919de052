#include "kernels/heap-policy.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace recur {

bool keepLargeAllocationsInHeap() {
#if defined(__GLIBC__)
  // Setting M_MMAP_THRESHOLD also turns off glibc's adaptive threshold, which would otherwise
  // raise the trim threshold along with it: both are set, so freed workspaces stay mapped.
  const bool mmapSet = mallopt(M_MMAP_THRESHOLD, static_cast<int>(kHeapAllocationLimit)) == 1;
  const bool trimSet = mallopt(M_TRIM_THRESHOLD, static_cast<int>(kHeapRetainedLimit)) == 1;
  return mmapSet && trimSet;
#else
  return false;
#endif
}

}  // namespace recur
