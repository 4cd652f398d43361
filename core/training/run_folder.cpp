#include "core/training/run_folder.h"

#include "core/common/atomic_file.h"
#include "core/training/results_table.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace polytrain::training {

std::optional<RunFolder> RunFolder::createUnique(const std::string& parent, const std::string& name, Error& error) {
  std::error_code code;
  fs::create_directories(parent, code);
  if (code) {
    error = Error{parent, "", "cannot create the folder: " + code.message()};
    return std::nullopt;
  }
  for (int suffix = 1; suffix < 10000; ++suffix) {
    const fs::path candidate = fs::path(parent) / (suffix == 1 ? name : name + std::to_string(suffix));
    // create_directory is the atomic claim: two runs started at once never share a folder.
    if (!fs::create_directory(candidate, code)) {
      if (code) {
        error = Error{candidate.string(), "", "cannot create the run folder: " + code.message()};
        return std::nullopt;
      }
      continue;
    }
    RunFolder run(candidate.string());
    for (const std::string& sub : {run.weightsFolder(), run.plotsFolder(), run.predictionsFolder()})
      fs::create_directories(sub, code);
    return run;
  }
  error = Error{parent, "", "no free run folder name for \"" + name + "\""};
  return std::nullopt;
}

std::optional<RunFolder> RunFolder::open(const std::string& path, Error& error) {
  RunFolder run(path);
  if (!fs::is_regular_file(run.configPath())) {
    error = Error{path, "", "not a run folder: config.json is missing"};
    return std::nullopt;
  }
  std::error_code code;
  fs::create_directories(run.weightsFolder(), code);
  return run;
}

std::string RunFolder::namedCheckpointPath(int epoch, double validationLoss) const {
  char name[64];
  std::snprintf(name, sizeof name, "/epoch_%03d-val_%.5f.pt", epoch, validationLoss);
  return weightsFolder() + name;
}

std::optional<Error> RunFolder::writeConfig(const TrainingConfig& config) const {
  return saveConfig(config, configPath());
}

std::optional<TrainingConfig> RunFolder::readConfig(Error& error) const {
  return loadConfig(configPath(), error);
}

std::optional<Error> RunFolder::writeClasses(const std::vector<std::string>& classes) const {
  std::string text;
  for (const std::string& name : classes)
    text += name + "\n";
  return writeFileAtomically(classesPath(), text);
}

std::optional<std::vector<std::string>> RunFolder::readClasses(Error& error) const {
  std::string text;
  if (auto readError = readWholeFile(classesPath(), text)) {
    error = *readError;
    return std::nullopt;
  }
  std::vector<std::string> classes;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    if (!line.empty())
      classes.push_back(line);
  return classes;
}

std::optional<Error> RunFolder::writeResults(const std::vector<EpochStats>& epochs) const {
  return writeFileAtomically(resultsPath(), formatResultsCsv(epochs));
}

std::optional<std::vector<EpochStats>> RunFolder::readResults(Error& error) const {
  if (!fs::exists(resultsPath()))
    return std::vector<EpochStats>{};
  std::string text;
  if (auto readError = readWholeFile(resultsPath(), text)) {
    error = *readError;
    return std::nullopt;
  }
  return parseResultsCsv(text, resultsPath(), error);
}

IterationLog::IterationLog(const std::string& path)
    : out_(path, std::ios::app), headerWritten_(fs::exists(path) && fs::file_size(path) > 0) {}

void IterationLog::append(const IterationStats& stats) {
  if (!out_)
    return;
  if (!headerWritten_) {
    out_ << "epoch,iteration,global_iteration,total_iterations,lr,images_per_s,eta_s,loss";
    for (const auto& entry : stats.losses)
      out_ << "," << entry.first;
    out_ << "\n";
    headerWritten_ = true;
  }
  out_ << stats.epoch << "," << stats.iteration << "," << stats.globalIteration << "," << stats.totalIterations << ","
       << stats.learningRate << "," << stats.imagesPerSecond << "," << stats.etaSeconds << "," << stats.totalLoss;
  for (const auto& entry : stats.losses)
    out_ << "," << entry.second;
  out_ << "\n";
  out_.flush();
}

} // namespace polytrain::training
