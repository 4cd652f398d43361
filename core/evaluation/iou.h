#pragma once
// IoU matrices with COCO's crowd rule: against a crowd ground truth the union is the detection's own area, so a
// detection lying inside a crowd region scores its covered fraction.
#include "core/evaluation/rle.h"

#include <vector>

namespace polytrain::evaluation {

// Row-major [detections x groundTruths].
struct IouMatrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> values;

  double at(size_t detection, size_t groundTruth) const { return values[detection * cols + groundTruth]; }
};

// Box IoU (pycocotools' bbIou): no +1 on widths; zero when the boxes do not overlap.
double boxIou(const BoxXywh& detection, const BoxXywh& groundTruth, bool crowd);
IouMatrix boxIouMatrix(const std::vector<const BoxXywh*>& detections, const std::vector<const BoxXywh*>& groundTruths,
                       const std::vector<bool>& crowd);

// Mask IoU (pycocotools' rleIou). Masks of different sizes give -1 (never a match), as in pycocotools.
struct MaskRef {
  const Rle* rle = nullptr;
  BoxXywh box;       // rleToBox(*rle), used to skip pairs that cannot overlap
  uint64_t area = 0; // rleArea(*rle)
};
MaskRef makeMaskRef(const Rle& rle);
double maskIou(const MaskRef& detection, const MaskRef& groundTruth, bool crowd);
IouMatrix maskIouMatrix(const std::vector<MaskRef>& detections, const std::vector<MaskRef>& groundTruths,
                        const std::vector<bool>& crowd);

} // namespace polytrain::evaluation
