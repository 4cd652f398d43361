#pragma once
// Everything `polytrain-cli eval` and the studio show after scoring detections against a ground truth: COCO AP for
// boxes (and masks when both sides have them), PixelLib's mAP@0.5, per-class AP, curves and a confusion matrix,
// and the files written into a run folder.
#include "core/common/error.h"
#include "core/evaluation/coco_evaluator.h"
#include "core/evaluation/confusion_matrix.h"
#include "core/evaluation/pixellib_map.h"
#include "core/evaluation/pr_curves.h"

#include <optional>
#include <string>

namespace polytrain::evaluation {

struct EvaluationOptions {
  double iouThreshold = 0.5;       // PixelLib mAP, curves and confusion matrix
  double confusionMinScore = 0.25; // detections below this score stay out of the confusion matrix
  int threads = 0;                 // 0 = one per core
  // The detections come from a model that predicts masks: with none at all (an early epoch, a high threshold) masks
  // are still scored (AP 0), where a detection list alone cannot say whether it had masks.
  bool fromMaskModel = false;
};

struct EvaluationReport {
  CocoEvaluation box;
  std::optional<CocoEvaluation> mask; // when the ground truth and every detection have masks
  PixelLibMap pixellib;
  Curves curves;             // on masks when evaluated, else boxes
  ConfusionMatrix confusion; // likewise
  IouType curveType = IouType::Box;
  EvaluationOptions options;
  size_t images = 0;
  size_t groundTruths = 0;
  size_t detections = 0;
};

EvaluationReport evaluateDetections(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                                    const EvaluationOptions& options = {});

// metrics JSON: {"bbox": {"stats": {...12 named numbers}, "per_class": [...]}, "segm": {...}, "pixellib_map50": ...}
// AP values of -1 (no ground truth) are written as null.
std::string metricsJson(const EvaluationReport& report);
// Per-class AP as CSV: category_id,name,ground_truths,detections,box_ap,box_ap50,box_ap75,mask_ap,mask_ap50,mask_ap75
std::string perClassApCsv(const EvaluationReport& report);
// The same as an aligned text table for the terminal.
std::string perClassApTable(const EvaluationReport& report);
// COCO summaries, PixelLib mAP and the per-class table, as the CLI prints them.
std::string reportText(const EvaluationReport& report);

// Writes metrics.json, coco_summary.txt, per_class_ap.csv, pr_curve.csv, f1_curve.csv, confusion_matrix.csv and
// pr_curve.png, f1_curve.png, confusion_matrix.png into `folder` (created when missing), each atomically.
std::optional<Error> writeEvaluationFolder(const std::string& folder, const EvaluationReport& report);

} // namespace polytrain::evaluation
