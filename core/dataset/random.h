#pragma once
// Seeded randomness with the same results on every standard library (std::*_distribution are not portable, so a
// seed would not mean the same dataset or augmentation everywhere).
#include <cstdint>
#include <random>

namespace polytrain::dataset {

// splitmix64: mixes a seed and stream ids into a well-spread engine seed.
uint64_t mixSeed(uint64_t seed, uint64_t a = 0, uint64_t b = 0);

class Random {
public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  double uniform();                        // [0, 1)
  double uniform(double low, double high); // [low, high)
  int integer(int low, int high);          // [low, high]
  bool chance(double probability) { return uniform() < probability; }
  uint64_t raw() { return engine_(); }

private:
  std::mt19937_64 engine_;
};

} // namespace polytrain::dataset
