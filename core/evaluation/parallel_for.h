#pragma once
#include <cstddef>
#include <functional>

namespace polytrain::evaluation {

// Number of worker threads for `requested` (0 = one per core, at least 1).
int resolveThreads(int requested);
// Calls body(i) for i in [0, count) on up to `threads` threads (work handed out one index at a time).
void parallelFor(size_t count, int threads, const std::function<void(size_t)>& body);

} // namespace polytrain::evaluation
