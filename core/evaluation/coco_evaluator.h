#pragma once
// COCO-style evaluation with the semantics of pycocotools' COCOeval (evaluate, accumulate, summarize) for boxes and
// masks. The evaluator indexes the ground truth once, so a trainer can score every epoch's detections cheaply.
#include "core/evaluation/coco_image_match.h"
#include "core/evaluation/coco_params.h"
#include "core/evaluation/eval_types.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace polytrain::evaluation {

struct ClassAp {
  int64_t categoryId = 0;
  std::string name;
  double ap = -1;   // AP@[.50:.95], area all, maxDets 100; -1 when the class has no (non-crowd) ground truth
  double ap50 = -1; // AP@.50
  double ap75 = -1; // AP@.75
  double ar100 = -1;
  size_t groundTruths = 0; // non-ignored ground truths
  size_t detections = 0;   // detections of the class (after maxDets truncation per image)
};

struct CocoEvaluation {
  IouType iouType = IouType::Box;
  CocoParams params;
  std::vector<int64_t> categoryIds; // ascending; the K axis
  std::vector<int64_t> imageIds;    // ascending
  // pycocotools' eval['precision'] [T][R][K][A][M] and eval['recall'] [T][K][A][M], flattened row-major; -1 where a
  // class has no ground truth in the area range.
  std::vector<double> precision;
  std::vector<double> recall;
  // stats[0..11] in COCOeval.summarize() order: AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl.
  std::array<double, 12> stats{};
  std::vector<ClassAp> perClass;
  int threads = 1;

  double precisionAt(size_t t, size_t r, size_t k, size_t a, size_t m) const;
  double recallAt(size_t t, size_t k, size_t a, size_t m) const;
};

// Detections of one class matched at one IoU threshold (area all, maxDets = last), as the curves need them.
struct ClassOutcomes {
  int64_t categoryId = 0;
  size_t groundTruths = 0;           // non-ignored ground truths
  std::vector<double> scores;        // descending; ignored detections left out
  std::vector<uint8_t> truePositive; // per score
};

class CocoEvaluator {
public:
  // Keeps a reference to `groundTruth`; it must outlive the evaluator.
  explicit CocoEvaluator(const GroundTruthSet& groundTruth, CocoParams params = CocoParams::standard());

  // Detections on images or of categories not in the ground truth are left out, as COCOeval does.
  CocoEvaluation evaluate(const std::vector<Detection>& detections, IouType type) const;
  std::vector<ClassOutcomes> outcomesAt(const std::vector<Detection>& detections, IouType type,
                                        double iouThreshold) const;

  const std::vector<int64_t>& categoryIds() const { return categoryIds_; }

private:
  struct CellInput;
  std::vector<std::vector<size_t>> groupDetections(const std::vector<Detection>& detections) const;
  CellInput prepareCell(size_t k, size_t i, const std::vector<size_t>& detectionIndices,
                        const std::vector<Detection>& detections, IouType type, std::vector<Rle>& rasterised) const;

  const GroundTruthSet& gt_;
  CocoParams params_;
  std::vector<int64_t> imageIds_;
  std::vector<int64_t> categoryIds_;
  std::unordered_map<int64_t, size_t> imageIndex_;
  std::vector<std::pair<int, int>> imageSizes_; // height, width per image index
  std::unordered_map<int64_t, size_t> categoryIndex_;
  std::vector<std::vector<size_t>> gtCells_; // [k * images + i] -> instance indices in input order
};

// The 12 numbers of COCOeval.summarize() from precision/recall (also used by CocoEvaluator::evaluate).
std::array<double, 12> summarizeStats(const CocoEvaluation& evaluation);

} // namespace polytrain::evaluation
