#pragma once
// The seeded, class-stratified train/test split of a single-folder dataset, saved as split.json so that it stays
// the same when the dataset is opened again and only new files are drawn.
#include "core/common/error.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace polytrain::dataset {

inline constexpr const char* kSplitFileName = "split.json";

struct SplitInput {
  std::string key;
  std::set<std::string> labels; // the object labels in the file
};

struct SplitAssignment {
  uint64_t seed = 0;
  double testRatio = 0.2;
  std::vector<std::string> train; // keys, in input order
  std::vector<std::string> test;
};

// Stratified by each file's rarest label (files without objects form their own stratum): in every stratum, in
// natural key order, a seeded Fisher-Yates draw (std::mt19937_64) picks round(n * testRatio) files for test.
// The same input, ratio and seed always give the same split.
SplitAssignment stratifiedSplit(const std::vector<SplitInput>& files, double testRatio, uint64_t seed);

// Keeps the side `previous` gave each key that is still there; draws only the new keys (stratified among
// themselves); keys no longer present are dropped.
SplitAssignment extendSplit(const SplitAssignment& previous, const std::vector<SplitInput>& files);

std::string splitToJson(const SplitAssignment& split);
std::optional<SplitAssignment> readSplitFile(const std::string& path, Error* error);

} // namespace polytrain::dataset
