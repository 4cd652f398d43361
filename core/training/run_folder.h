#pragma once
// The folder a training run writes, laid out as Ultralytics users expect:
//   config.json  classes.txt  results.csv  iterations.csv  plots/  predictions/
//   weights/last.pt  weights/best_loss.pt  weights/best_map.pt  weights/epoch_025-val_0.55678.pt
#include "core/common/error.h"
#include "core/training/training_config.h"
#include "core/training/training_events.h"

#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::training {

class RunFolder {
public:
  // Creates parent/name, or parent/name2, parent/name3, ... when the name is taken.
  static std::optional<RunFolder> createUnique(const std::string& parent, const std::string& name, Error& error);
  // Opens an existing run (it must hold config.json).
  static std::optional<RunFolder> open(const std::string& path, Error& error);

  const std::string& path() const { return path_; }
  std::string configPath() const { return path_ + "/config.json"; }
  std::string classesPath() const { return path_ + "/classes.txt"; }
  std::string resultsPath() const { return path_ + "/results.csv"; }
  std::string iterationLogPath() const { return path_ + "/iterations.csv"; }
  std::string plotsFolder() const { return path_ + "/plots"; }
  std::string predictionsFolder() const { return path_ + "/predictions"; }
  std::string weightsFolder() const { return path_ + "/weights"; }
  std::string lastCheckpointPath() const { return weightsFolder() + "/last.pt"; }
  std::string bestLossCheckpointPath() const { return weightsFolder() + "/best_loss.pt"; }
  std::string bestMapCheckpointPath() const { return weightsFolder() + "/best_map.pt"; }
  // The best-by-validation-loss checkpoint also kept under a name that says when and how good, as PixelLib does.
  std::string namedCheckpointPath(int epoch, double validationLoss) const;

  std::optional<Error> writeConfig(const TrainingConfig& config) const;
  std::optional<TrainingConfig> readConfig(Error& error) const;
  std::optional<Error> writeClasses(const std::vector<std::string>& classes) const;
  std::optional<std::vector<std::string>> readClasses(Error& error) const;
  std::optional<Error> writeResults(const std::vector<EpochStats>& epochs) const;
  // An absent results.csv is an empty history, not an error.
  std::optional<std::vector<EpochStats>> readResults(Error& error) const;

private:
  explicit RunFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// iterations.csv: one row per step, appended and flushed as the run goes, so a crash keeps every finished step.
class IterationLog {
public:
  // Appends to an existing log (a resumed run) or starts one.
  explicit IterationLog(const std::string& path);
  bool isOpen() const { return out_.is_open(); }
  void append(const IterationStats& stats);

private:
  std::ofstream out_;
  bool headerWritten_ = false;
};

} // namespace polytrain::training
