#pragma once
// The values evaluation works on, filled from a COCO file or in-process by the trainer and the GUI.
#include "core/evaluation/rle.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::evaluation {

struct ImageInfo {
  int64_t id = 0;
  int width = 0;
  int height = 0;
  std::string fileName;
};

struct Category {
  int64_t id = 0;
  std::string name;
};

// One ground-truth object. `area` is the annotation's area (COCO files carry it; area ranges use it as given).
// `mask` is needed for mask evaluation; `iscrowd` objects (and `ignore` ones) never count as misses, and detections
// matched to them are ignored. `id` must be unique and non-zero.
struct GroundTruthInstance {
  int64_t id = 0;
  int64_t imageId = 0;
  int64_t categoryId = 0;
  BoxXywh box;
  std::optional<Rle> mask;
  bool iscrowd = false;
  bool ignore = false;
  double area = 0;
};

// One detection. When `area` is absent, box evaluation uses the box area and mask evaluation the mask area.
struct Detection {
  int64_t imageId = 0;
  int64_t categoryId = 0;
  BoxXywh box;
  double score = 0;
  std::optional<Rle> mask;
  std::optional<double> area;
};

struct GroundTruthSet {
  std::vector<ImageInfo> images;
  std::vector<Category> categories;
  std::vector<GroundTruthInstance> instances;

  bool hasMasks() const; // every instance has a mask (and there is at least one)
  const Category* category(int64_t id) const;
};

enum class IouType { Box, Mask };
inline const char* iouTypeName(IouType type) {
  return type == IouType::Box ? "bbox" : "segm";
}

bool allDetectionsHaveMasks(const std::vector<Detection>& detections);

} // namespace polytrain::evaluation
