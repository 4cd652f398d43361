#pragma once
// Matching of one (image, category, area range) cell with COCOeval.evaluateImg's rules:
// - ground truths that are ignored (iscrowd, ignore, or area outside the range) are moved after the others;
// - detections, already in descending score order, are matched greedily at each IoU threshold: each takes the
//   unmatched (or crowd) ground truth with the highest IoU >= threshold, preferring regular ground truths over
//   ignored ones; a crowd ground truth can absorb any number of detections;
// - a detection matched to an ignored ground truth is ignored, and so is an unmatched one whose area is outside
//   the range.
#include "core/evaluation/coco_params.h"
#include "core/evaluation/iou.h"

#include <cstdint>
#include <vector>

namespace polytrain::evaluation {

struct CellGroundTruth {
  bool ignore = false; // iscrowd or ignore flag
  bool crowd = false;
  double area = 0;
};

struct CellMatch {
  size_t numDetections = 0;       // D (after truncation to maxDet)
  size_t numThresholds = 0;       // T
  std::vector<double> scores;     // D
  std::vector<uint8_t> matched;   // T x D
  std::vector<uint8_t> ignored;   // T x D
  std::vector<int> matchedGt;     // T x D: index into the cell's ground truths (input order), -1 if none
  std::vector<uint8_t> gtIgnored; // G, in input order
  size_t numRegularGt() const;    // ground truths that count (not ignored)
};

// `ious` rows are the detections in descending score order, columns the ground truths in input order.
CellMatch matchCell(const IouMatrix& ious, const std::vector<CellGroundTruth>& groundTruths,
                    const std::vector<double>& detectionScores, const std::vector<double>& detectionAreas,
                    const AreaRange& range, size_t maxDetections, const std::vector<double>& thresholds);

} // namespace polytrain::evaluation
