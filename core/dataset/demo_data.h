#pragma once
// A Labelme-format dataset of coloured shapes (circle, square, triangle, hexagon, star) with random sizes,
// colours, rotations and some overlap, on textured or noisy backgrounds; the same seed gives the same files.
// Writes OUT/train and OUT/test (PixelLib layout: PNG + Labelme JSON pairs) and OUT/labels.txt. Object pixels are
// painted through the annotation's own mask (Labelme's shape_to_mask rules), so image and annotation agree exactly.
#include "core/common/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polytrain::dataset {

// Class names in id order (ids 1..5).
const std::vector<std::string>& demoClassNames();

struct DemoOptions {
  int images = 100;
  uint64_t seed = 0;
  int width = 256;
  int height = 256;
  double testRatio = 0.2; // the last round(images * testRatio) images go to test/
  int minObjects = 1;
  int maxObjects = 4;
  double maxOverlap = 0.25; // a new shape may cover at most this share of an earlier one (and vice versa)
  int threads = 0;          // 0 = one per core
};

struct DemoResult {
  int trainImages = 0;
  int testImages = 0;
  int instances = 0;
  std::vector<Error> errors; // files that could not be written
};

DemoResult makeDemoDataset(const std::string& outFolder, const DemoOptions& options);

} // namespace polytrain::dataset
