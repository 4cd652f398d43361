#include "core/dataset/dataset_split.h"

#include "core/common/atomic_file.h"
#include "core/dataset/natural_sort.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <random>
#include <unordered_set>

namespace polytrain::dataset {
namespace {

// FNV-1a: a stable per-stratum seed offset (std::hash is not stable across libraries).
uint64_t stableHash(const std::string& text) {
  uint64_t hash = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Uniform integer in [0, bound) from the engine's raw output (std::uniform_int_distribution differs between
// standard libraries, so a saved seed would not mean the same split everywhere).
uint64_t uniformBelow(std::mt19937_64& engine, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t value = engine();
  while (value >= limit)
    value = engine();
  return value % bound;
}

} // namespace

SplitAssignment stratifiedSplit(const std::vector<SplitInput>& files, double testRatio, uint64_t seed) {
  SplitAssignment split;
  split.seed = seed;
  split.testRatio = testRatio;
  std::map<std::string, size_t> filesPerLabel;
  for (const SplitInput& file : files)
    for (const std::string& label : file.labels)
      ++filesPerLabel[label];
  std::map<std::string, std::vector<std::string>> strata;
  for (const SplitInput& file : files) {
    std::string stratum; // "" = no objects
    size_t rarest = SIZE_MAX;
    for (const std::string& label : file.labels)
      if (filesPerLabel[label] < rarest) { // labels iterate sorted: ties go to the first name
        rarest = filesPerLabel[label];
        stratum = "label:" + label;
      }
    strata[stratum].push_back(file.key);
  }
  std::unordered_set<std::string> testKeys;
  for (auto& [stratum, keys] : strata) {
    naturalSort(keys);
    std::mt19937_64 engine(seed ^ stableHash(stratum));
    for (size_t i = keys.size(); i > 1; --i)
      std::swap(keys[i - 1], keys[uniformBelow(engine, i)]);
    const auto testCount =
        static_cast<size_t>(std::llround(static_cast<double>(keys.size()) * std::clamp(testRatio, 0.0, 1.0)));
    for (size_t i = 0; i < testCount; ++i)
      testKeys.insert(keys[i]);
  }
  for (const SplitInput& file : files)
    (testKeys.count(file.key) ? split.test : split.train).push_back(file.key);
  return split;
}

SplitAssignment extendSplit(const SplitAssignment& previous, const std::vector<SplitInput>& files) {
  const std::unordered_set<std::string> wasTrain(previous.train.begin(), previous.train.end());
  const std::unordered_set<std::string> wasTest(previous.test.begin(), previous.test.end());
  std::vector<SplitInput> fresh;
  for (const SplitInput& file : files)
    if (!wasTrain.count(file.key) && !wasTest.count(file.key))
      fresh.push_back(file);
  const SplitAssignment drawn = stratifiedSplit(fresh, previous.testRatio, previous.seed);
  const std::unordered_set<std::string> freshTest(drawn.test.begin(), drawn.test.end());
  SplitAssignment split;
  split.seed = previous.seed;
  split.testRatio = previous.testRatio;
  for (const SplitInput& file : files)
    (wasTest.count(file.key) || freshTest.count(file.key) ? split.test : split.train).push_back(file.key);
  return split;
}

std::string splitToJson(const SplitAssignment& split) {
  nlohmann::ordered_json json;
  json["seed"] = split.seed;
  json["test_ratio"] = split.testRatio;
  json["train"] = split.train;
  json["test"] = split.test;
  return json.dump(2) + "\n";
}

std::optional<SplitAssignment> readSplitFile(const std::string& path, Error* error) {
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path, bytes)) {
    if (error)
      *error = *failure;
    return std::nullopt;
  }
  const nlohmann::json json = nlohmann::json::parse(bytes, nullptr, false);
  const auto isStringArray = [&](const char* key) {
    if (!json.contains(key) || !json[key].is_array())
      return false;
    for (const auto& value : json[key])
      if (!value.is_string())
        return false;
    return true;
  };
  if (json.is_discarded() || !json.is_object() || !json.contains("seed") || !json["seed"].is_number_unsigned() ||
      !json.contains("test_ratio") || !json["test_ratio"].is_number() || !isStringArray("train") ||
      !isStringArray("test")) {
    if (error)
      *error = {path, "", "is not a split file (needs seed, test_ratio and string arrays train and test)"};
    return std::nullopt;
  }
  SplitAssignment split;
  split.seed = json["seed"].get<uint64_t>();
  split.testRatio = json["test_ratio"].get<double>();
  split.train = json["train"].get<std::vector<std::string>>();
  split.test = json["test"].get<std::vector<std::string>>();
  return split;
}

} // namespace polytrain::dataset
