#include "core/evaluation/eval_types.h"

#include <algorithm>

namespace polytrain::evaluation {

bool GroundTruthSet::hasMasks() const {
  return !instances.empty() &&
         std::all_of(instances.begin(), instances.end(), [](const auto& g) { return g.mask.has_value(); });
}

const Category* GroundTruthSet::category(int64_t id) const {
  for (const Category& c : categories)
    if (c.id == id)
      return &c;
  return nullptr;
}

bool allDetectionsHaveMasks(const std::vector<Detection>& detections) {
  return std::all_of(detections.begin(), detections.end(), [](const auto& d) { return d.mask.has_value(); });
}

} // namespace polytrain::evaluation
