#pragma once
// Reads what a run folder recorded: its configuration, results.csv and iterations.csv. No Qt widgets; safe to call
// from a worker thread.
#include "core/common/error.h"
#include "core/training/training_config.h"
#include "core/training/training_events.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::ui {

// iterations.csv as training::IterationLog writes it: epoch,iteration,global_iteration,total_iterations,lr,
// images_per_s,eta_s,loss,<component>... Errors name the file and the line.
std::optional<std::vector<training::IterationStats>> parseIterationLog(const std::string& text,
                                                                       const std::string& sourcePath, Error& error);

struct RunSummary {
  std::string path;
  std::string name;              // the folder's name
  std::string model;             // from config.json
  long long modifiedSeconds = 0; // config.json's modification time, seconds since the epoch
};

// The run folders directly under `parent` (those RunFolder::open accepts), newest first.
std::vector<RunSummary> listRuns(const std::string& parent);

struct LoadedRun {
  std::string path;
  training::TrainingConfig config;
  std::vector<training::EpochStats> epochs;
  std::vector<training::IterationStats> iterations;
  std::optional<Error> error; // set when any part could not be read; what could be read is kept
};

LoadedRun loadRun(const std::string& path);

} // namespace polytrain::ui
