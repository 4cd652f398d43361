#pragma once
// Runs body(i) for i in [0, count) on `threads` threads (0 = one per core). Each index runs exactly once.
#include <cstddef>
#include <functional>

namespace polytrain {

// Worker threads for a request: `threads` when positive, else one per core (at least 1).
int resolveThreadCount(int threads);

void parallelFor(size_t count, int threads, const std::function<void(size_t)>& body);

} // namespace polytrain
