#include "kernels/thread-pool.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "kernels/blas-runtime.hpp"

namespace recur {

namespace {

std::atomic<int> configuredThreads{1};

class Pool {
 public:
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  void run(int parts, const std::function<void(int)>& task) {
    // One kernel call at a time uses the pool (concurrent calls run their parts serially here).
    std::lock_guard<std::mutex> callLock(callMutex_);
    ensureWorkers(parts - 1);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &task;
      pending_ = parts - 1;
      firstError_ = nullptr;
      ++generation_;
      parts_ = parts;
    }
    wake_.notify_all();
    std::exception_ptr ownError;
    try {
      task(0);
    } catch (...) {
      ownError = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    task_ = nullptr;
    if (ownError) std::rethrow_exception(ownError);
    if (firstError_) std::rethrow_exception(firstError_);
  }

 private:
  void ensureWorkers(int count) {
    while (static_cast<int>(workers_.size()) < count) {
      const int index = static_cast<int>(workers_.size()) + 1;
      workers_.emplace_back([this, index] { work(index); });
    }
  }

  void work(int index) {
    unsigned long seen = 0;
    for (;;) {
      const std::function<void(int)>* task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (generation_ != seen && index < parts_); });
        if (stopping_) return;
        seen = generation_;
        task = task_;
      }
      std::exception_ptr error;
      try {
        (*task)(index);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error && !firstError_) firstError_ = error;
        if (--pending_ == 0) done_.notify_one();
      }
    }
  }

  std::mutex callMutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  const std::function<void(int)>* task_ = nullptr;
  std::exception_ptr firstError_;
  unsigned long generation_ = 0;
  int parts_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
};

Pool& pool() {
  static Pool instance;
  return instance;
}

}  // namespace

void setKernelThreads(int threads) { configuredThreads.store(threads < 1 ? 1 : threads); }

int kernelThreads() { return configuredThreads.load(); }

void runParallel(int parts, const std::function<void(int)>& task) {
  if (parts <= 1) {
    task(0);
    return;
  }
  pool().run(parts, task);
}

void withSingleThreadedBlas(const std::function<void()>& body) {
  const int previous = blasNumThreads();
  if (previous == 1) {
    body();
    return;
  }
  setBlasNumThreads(1);
  try {
    body();
  } catch (...) {
    setBlasNumThreads(previous);
    throw;
  }
  setBlasNumThreads(previous);
}

}  // namespace recur
