#include "core/dataset/random.h"

namespace polytrain::dataset {

uint64_t mixSeed(uint64_t seed, uint64_t a, uint64_t b) {
  uint64_t z = seed;
  for (const uint64_t part : {a, b}) {
    z += 0x9E3779B97F4A7C15ULL + part * 0xD1B54A32D192ED03ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
  }
  return z;
}

double Random::uniform() {
  return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);
}

double Random::uniform(double low, double high) {
  return low + (high - low) * uniform();
}

int Random::integer(int low, int high) {
  if (high <= low)
    return low;
  const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(high) - low) + 1;
  const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  uint64_t value = engine_();
  while (value >= limit)
    value = engine_();
  return static_cast<int>(low + static_cast<int64_t>(value % span));
}

} // namespace polytrain::dataset
