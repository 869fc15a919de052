// A small persistent thread pool for the recurrent kernels. The batch rows of a recurrence are
// independent, so a kernel splits the rows into parts and each part runs the whole time loop on
// its own thread: one dispatch per kernel call, no synchronization inside the loop.
#pragma once
#include <functional>

namespace recur {

// Threads the kernels and GEMMs may use (setNumThreads; default 1 until set). OpenBLAS itself runs
// single-threaded: its idle workers spin for a while after each call, and on a 2-core machine a
// spinning BLAS worker and a pool worker sharing a core made 2 threads slower than 1. recur owns
// the threads instead and splits large GEMMs itself (gemm.cpp).
void setKernelThreads(int threads);
int kernelThreads();

// Runs task(0) .. task(parts - 1), part 0 on the calling thread and the others on pool workers,
// and returns when all are done. An exception in any part is rethrown here (the first one).
// Called from inside a part (a GEMM inside a recurrent kernel's part), it runs the parts in order
// on the calling thread: the pool serves one level of parallelism.
void runParallel(int parts, const std::function<void(int)>& task);

}  // namespace recur
