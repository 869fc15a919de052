// A small persistent thread pool for the recurrent kernels. The batch rows of a recurrence are
// independent, so a kernel splits the rows into parts and each part runs the whole time loop on
// its own thread: one dispatch per kernel call, no synchronization inside the loop.
#pragma once
#include <functional>

namespace recur {

// Threads the kernels may use (set with OpenBLAS' count through setNumThreads; default 1 until set).
void setKernelThreads(int threads);
int kernelThreads();

// Runs task(0) .. task(parts - 1), part 0 on the calling thread and the others on pool workers,
// and returns when all are done. An exception in any part is rethrown here (the first one).
void runParallel(int parts, const std::function<void(int)>& task);

// Runs `body` with OpenBLAS restricted to one thread (each kernel thread calls BLAS itself, so BLAS'
// own threads would oversubscribe the cores), then restores the previous count.
void withSingleThreadedBlas(const std::function<void()>& body);

}  // namespace recur
