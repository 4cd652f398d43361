#pragma once
// PixelLib's evaluate_model: a checkpoint (or every checkpoint in a folder) predicts the dataset's test split and is
// scored with COCO AP for boxes and masks, PixelLib's mAP@0.5 and per-class AP; a folder gives a table sorted by
// score. Torch-free header.
#include "core/common/error.h"
#include "core/evaluation/evaluation_report.h"
#include "core/inference/predictor.h"

#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace polytrain::inference {

struct CheckpointEvaluationOptions {
  std::string dataRoot;       ///< a dataset root as training takes it
  std::string weights;        ///< one checkpoint, a run folder (its weights/*.pt) or a folder of checkpoints
  PredictorOptions predictor; ///< weightsPath is set per checkpoint; scoreThreshold low (0.05) for AP
  evaluation::EvaluationOptions evaluation;
  bool trainSplit = false; ///< score the train split instead of test
};

struct CheckpointScore {
  std::string weightsPath;
  evaluation::EvaluationReport report;
  size_t unmatchedClassDetections = 0; ///< detections of classes the dataset does not have (left out)
  double seconds = 0;
};

/// The checkpoints `path` stands for: the file itself, or the .pt/.pth files of the folder (and of its weights/
/// folder), in natural order.
std::vector<std::string> checkpointFiles(const std::string& path);

/// Errors name the dataset, the checkpoint or the mismatch (a model whose classes the dataset lacks entirely).
/// onCheckpoint is called as each checkpoint is done.
std::variant<std::vector<CheckpointScore>, Error>
evaluateCheckpoints(const CheckpointEvaluationOptions& options,
                    const std::function<void(const CheckpointScore&, size_t done, size_t total)>& onCheckpoint = {});

/// Mask mAP@0.5 when there are masks, else box mAP@0.5 — the number the table is sorted by.
double rankingScore(const CheckpointScore& score);

/// A text table of the scores, best first: checkpoint, box AP, AP50, mask AP, AP50, PixelLib mAP@0.5.
std::string checkpointTable(std::vector<CheckpointScore> scores);

} // namespace polytrain::inference
