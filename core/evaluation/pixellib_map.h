#pragma once
// mAP@0.5 as PixelLib reports it: the Matterport Mask R-CNN `utils.compute_ap` procedure, per image, averaged over
// images. Re-implemented from its documented behaviour:
//   1. predictions of the image sorted by score, high to low (ties: the later prediction first, as numpy's
//      argsort(...)[::-1] gives for stable ties);
//   2. IoU of every prediction with every ground truth of the image, all classes together (masks when both sides
//      have them, otherwise boxes; a mask pair with an empty union has IoU 0);
//   3. each prediction in turn walks the ground truths by descending IoU (ties: higher index first), skips those
//      already matched, stops at the first IoU below the threshold, and matches the first one of its own class
//      (a better-overlapping ground truth of another class does not stop it);
//   4. precision_i = matches so far / (i + 1), recall_i = matches so far / ground truths; the curve gets (0, 0)
//      and (recall 1, precision 0) end points, precision is made monotone from the right, and AP is the sum of
//      (r_i - r_{i-1}) * p_i where recall changes (VOC all-point interpolation, no 11-point sampling);
//   5. mAP = mean of the per-image APs.
// Differences to PixelLib, by choice: images without ground truth are skipped and counted (Matterport divides by
// zero and the mean becomes NaN); crowd and ignore ground truths are left out (Matterport has no crowd notion);
// IoU is computed at the image's own resolution (PixelLib resizes image and masks to the model input first) and in
// double precision (Matterport's recall is float32). There is no score threshold unless `minScore` is set; PixelLib
// sees only the detections its model kept (DETECTION_MIN_CONFIDENCE, 0.7 by default).
#include "core/evaluation/eval_types.h"

#include <vector>

namespace polytrain::evaluation {

struct PixelLibOptions {
  double iouThreshold = 0.5;
  double minScore = 0.0;
  bool useMasks = true; // use masks when the ground truth and all detections have them
  int threads = 0;
};

struct PixelLibMap {
  double map = 0; // mean over images with ground truth
  IouType iouType = IouType::Box;
  double iouThreshold = 0.5;
  std::vector<int64_t> imageIds; // images that were scored
  std::vector<double> imageAps;  // AP per scored image
  size_t imagesWithoutGroundTruth = 0;
};

// AP of one image from its match flags in prediction order (step 4 above).
double matterportAp(const std::vector<bool>& predictionMatched, size_t groundTruths);

PixelLibMap computePixelLibMap(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                               const PixelLibOptions& options = {});

} // namespace polytrain::evaluation
