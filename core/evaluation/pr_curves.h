#pragma once
// Precision-recall and F1 curves per class at one IoU threshold (COCO matching, area all, maxDets 100).
//  - The PR curve is COCO's interpolated precision at 101 recall levels (precision made monotone from the right,
//    0 beyond the reached recall), i.e. the curve whose mean is AP at that IoU.
//  - The confidence curves sweep a score threshold c over 0, 0.01, ..., 1: precision(c) = TP / detections with
//    score >= c (1 when no detection passes, so the curve ends where nothing is predicted), recall(c) =
//    TP / ground truths, F1 = 2PR / (P + R) (0 when both are 0).
// The "all" rows average the classes that have ground truth.
#include "core/evaluation/coco_evaluator.h"

#include <string>
#include <vector>

namespace polytrain::evaluation {

struct ClassCurves {
  int64_t categoryId = 0; // -1 for the mean over classes
  std::string name;
  size_t groundTruths = 0;
  std::vector<double> recallLevels;      // 101
  std::vector<double> precisionAtRecall; // 101 (empty precision -1 when the class has no ground truth)
  std::vector<double> confidences;       // 101
  std::vector<double> precision, recall, f1;
  double bestF1 = 0;
  double bestF1Confidence = 0;
};

struct Curves {
  double iouThreshold = 0.5;
  std::vector<ClassCurves> classes; // per category, then the mean ("all", categoryId -1)
};

ClassCurves curvesFromOutcomes(const ClassOutcomes& outcomes, const std::vector<double>& recallLevels);
Curves computeCurves(const CocoEvaluator& evaluator, const GroundTruthSet& groundTruth,
                     const std::vector<Detection>& detections, IouType type, double iouThreshold);

// CSV: category_id,name,recall,precision (101 rows per class).
std::string prCurveCsv(const Curves& curves);
// CSV: category_id,name,confidence,precision,recall,f1 (101 rows per class).
std::string f1CurveCsv(const Curves& curves);

} // namespace polytrain::evaluation
