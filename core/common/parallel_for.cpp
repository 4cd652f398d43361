#include "core/common/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace polytrain {

int resolveThreadCount(int threads) {
  if (threads > 0)
    return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void parallelFor(size_t count, int threads, const std::function<void(size_t)>& body) {
  const size_t workers = std::min(count, static_cast<size_t>(resolveThreadCount(threads)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i)
      body(i);
    return;
  }
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < count; i = next++)
      body(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t)
    pool.emplace_back(work);
  work();
  for (std::thread& thread : pool)
    thread.join();
}

} // namespace polytrain
