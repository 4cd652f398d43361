// Our own checkpoint: the model's weights, the optimiser's state, the random state and what is needed to rebuild
// and continue the run (model name, classes, the run's config as JSON, epoch and step). Written atomically.
#pragma once

#include "core/models/detector.h"

#include <optional>
#include <string>
#include <torch/optim/optimizer.h>
#include <vector>

namespace polytrain::models {

struct CheckpointInfo {
  std::string model_name;
  std::vector<std::string> classes; ///< without the background
  std::string config_json;          ///< the run's TrainingConfig
  int64_t epoch = 0;                ///< epochs completed
  int64_t global_iteration = 0;     ///< steps completed
  int64_t epoch_iteration = 0;      ///< steps completed within the epoch that was running (0 at an epoch boundary)
  double best_validation_loss = 0;  ///< 0: none yet
  double best_map = -1;             ///< -1: none yet
  /// Read back only: save_checkpoint records the detector's own build options that its name and classes do not
  /// give (checkpoints from before the option read as torchvision's defaults).
  bool reduced_tail = true; ///< DetectorOptions::reduced_tail
};

/// Writes to a temporary file beside `path`, syncs it and renames it over `path`. Throws c10::Error naming the file
/// (a full disk included); `path` is then as it was and no temporary is left.
void save_checkpoint(const std::string& path, Detector& detector, torch::optim::Optimizer* optimizer,
                     const CheckpointInfo& info);

/// Puts the checkpoint at `existing` also at `path`, atomically: a hard link, so the best and the last checkpoint
/// of an epoch take the disk once (a copy where the file system has no links). Renaming a new checkpoint over
/// either name later leaves the other intact. Throws c10::Error naming both files.
void share_checkpoint(const std::string& existing, const std::string& path);

/// Removes what writes into `folder` that never finished left behind (the temporaries of a killed process), for
/// a run about to continue there.
void remove_unfinished_checkpoints(const std::string& folder);

/// Reads only the information part (cheap enough for a run list). Throws c10::Error naming the file.
CheckpointInfo read_checkpoint_info(const std::string& path);

/// Loads weights (and the optimiser's state and the random state when `optimizer` is given) into a detector built
/// for the same model name and class count. Throws c10::Error naming the file and the mismatch.
CheckpointInfo load_checkpoint(const std::string& path, Detector& detector, torch::optim::Optimizer* optimizer);

} // namespace polytrain::models
