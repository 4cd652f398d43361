#include "core/evaluation/iou.h"

#include <algorithm>

namespace polytrain::evaluation {

double boxIou(const BoxXywh& d, const BoxXywh& g, bool crowd) {
  const double w = std::min(d.x + d.width, g.x + g.width) - std::max(d.x, g.x);
  if (w <= 0)
    return 0.0;
  const double h = std::min(d.y + d.height, g.y + g.height) - std::max(d.y, g.y);
  if (h <= 0)
    return 0.0;
  const double intersection = w * h;
  const double unionArea = crowd ? d.area() : d.area() + g.area() - intersection;
  return intersection / unionArea;
}

IouMatrix boxIouMatrix(const std::vector<const BoxXywh*>& detections, const std::vector<const BoxXywh*>& groundTruths,
                       const std::vector<bool>& crowd) {
  IouMatrix m;
  m.rows = detections.size();
  m.cols = groundTruths.size();
  m.values.resize(m.rows * m.cols);
  for (size_t d = 0; d < m.rows; ++d)
    for (size_t g = 0; g < m.cols; ++g)
      m.values[d * m.cols + g] = boxIou(*detections[d], *groundTruths[g], crowd[g]);
  return m;
}

MaskRef makeMaskRef(const Rle& rle) {
  return MaskRef{&rle, rleToBox(rle), rleArea(rle)};
}

double maskIou(const MaskRef& d, const MaskRef& g, bool crowd) {
  if (boxIou(d.box, g.box, crowd) <= 0)
    return 0.0;
  if (d.rle->height != g.rle->height || d.rle->width != g.rle->width)
    return -1.0;
  const uint64_t intersection = rleIntersectionArea(*d.rle, *g.rle);
  if (intersection == 0)
    return 0.0;
  const uint64_t unionArea = crowd ? d.area : d.area + g.area - intersection;
  return static_cast<double>(intersection) / static_cast<double>(unionArea);
}

IouMatrix maskIouMatrix(const std::vector<MaskRef>& detections, const std::vector<MaskRef>& groundTruths,
                        const std::vector<bool>& crowd) {
  IouMatrix m;
  m.rows = detections.size();
  m.cols = groundTruths.size();
  m.values.resize(m.rows * m.cols);
  for (size_t d = 0; d < m.rows; ++d)
    for (size_t g = 0; g < m.cols; ++g)
      m.values[d * m.cols + g] = maskIou(detections[d], groundTruths[g], crowd[g]);
  return m;
}

} // namespace polytrain::evaluation
