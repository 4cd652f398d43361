#pragma once
// Confusion matrix with a background row and column, per image and class-agnostic:
//  - detections with score >= minScore and ground truths (crowd and ignore ones left out) of known categories;
//  - all pairs with IoU >= threshold are matched one to one greedily, highest IoU first (ties: higher detection
//    score, then input order);
//  - a matched pair counts at [ground-truth class][detected class]; an unmatched ground truth at
//    [class][background] (missed); an unmatched detection at [background][class] (false alarm), unless it lies on
//    a crowd region (crowd IoU >= threshold), where it is not counted at all.
// Rows are the ground truth, columns the prediction; index K (the last) is background.
#include "core/evaluation/eval_types.h"

#include <string>
#include <vector>

namespace polytrain::evaluation {

struct ConfusionOptions {
  double iouThreshold = 0.5;
  double minScore = 0.25;
  IouType iouType = IouType::Box;
};

struct ConfusionMatrix {
  std::vector<int64_t> categoryIds; // ascending; background is index categoryIds.size()
  std::vector<std::string> names;
  std::vector<size_t> counts; // (K + 1) x (K + 1), row-major

  size_t size() const { return categoryIds.size() + 1; }
  size_t at(size_t groundTruthRow, size_t predictedColumn) const {
    return counts[groundTruthRow * size() + predictedColumn];
  }
};

ConfusionMatrix computeConfusionMatrix(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                                       const ConfusionOptions& options = {});
// CSV with a header row of predicted classes and a first column of ground-truth classes, "background" last.
std::string confusionMatrixCsv(const ConfusionMatrix& matrix);

} // namespace polytrain::evaluation
