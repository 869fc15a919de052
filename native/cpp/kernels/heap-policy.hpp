// Where large buffers come from. recur's tensors and kernel workspaces are ArrayBuffers that Node
// allocates with glibc's malloc/calloc. By default glibc serves anything above 32 MiB (and, until
// its adaptive threshold has grown, anything above 128 KiB) with a fresh mmap and returns it to the
// kernel on free, so a training step whose workspaces are that large touches every page anew: on
// the IMDB benchmark (LSTM 100, batch 256, 500 steps, 375 MB of kernel workspace) about 100,000 minor page
// faults per training step, a quarter of its time. Serving them from the heap and keeping some
// freed memory there lets the next step reuse pages that are already mapped.
#pragma once

namespace recur {

// Allocations up to this size come from the heap instead of a private mmap.
constexpr long kHeapAllocationLimit = 1L << 30;  // 1 GiB
// Free memory at the top of the heap is returned to the kernel only beyond this much.
constexpr long kHeapRetainedLimit = 256L << 20;  // 256 MiB

// Applies the two limits above with mallopt. Returns false where the C library is not glibc (the
// policy is then the C library's own) or glibc refuses a value.
bool keepLargeAllocationsInHeap();

}  // namespace recur
