#pragma once
// Small builders for hand-computed evaluation cases.
#include "core/evaluation/eval_types.h"
#include "core/evaluation/polygon_rle.h"

#include <opencv2/core.hpp>

namespace polytrain::evaluation::testing {

inline GroundTruthSet dataset(std::vector<int64_t> imageIds, std::vector<int64_t> categoryIds, int size = 200) {
  GroundTruthSet gt;
  for (const int64_t id : imageIds)
    gt.images.push_back({id, size, size, "image" + std::to_string(id) + ".jpg"});
  for (const int64_t id : categoryIds)
    gt.categories.push_back({id, "class" + std::to_string(id)});
  return gt;
}

// A ground-truth box; area = box area unless given.
inline GroundTruthInstance& addGt(GroundTruthSet& gt, int64_t image, int64_t category, BoxXywh box,
                                  bool crowd = false) {
  GroundTruthInstance g;
  g.id = static_cast<int64_t>(gt.instances.size()) + 1;
  g.imageId = image;
  g.categoryId = category;
  g.box = box;
  g.iscrowd = crowd;
  g.area = box.area();
  gt.instances.push_back(g);
  return gt.instances.back();
}

inline Detection det(int64_t image, int64_t category, BoxXywh box, double score) {
  Detection d;
  d.imageId = image;
  d.categoryId = category;
  d.box = box;
  d.score = score;
  return d;
}

// A mask of `size` x `size` with the given rectangles filled.
inline Rle rectanglesMask(int size, const std::vector<cv::Rect>& rects) {
  cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
  for (const auto& r : rects)
    mask(r).setTo(1);
  return encodeMask(mask);
}

} // namespace polytrain::evaluation::testing
