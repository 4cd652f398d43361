#include "ui/train/run_history_loader.h"

#include "core/training/results_table.h"

#include "core/common/atomic_file.h"
#include "core/training/run_folder.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace polytrain::ui {
namespace {

bool toNumber(const std::string& text, double& value) {
  if (text.empty())
    return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

constexpr int kFixedColumns = 8; // epoch .. loss

} // namespace

std::optional<std::vector<training::IterationStats>> parseIterationLog(const std::string& text,
                                                                       const std::string& sourcePath, Error& error) {
  std::vector<training::IterationStats> rows;
  std::istringstream lines(text);
  std::string line;
  std::vector<std::string> header;
  int lineNumber = 0;
  while (std::getline(lines, line)) {
    ++lineNumber;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    const std::vector<std::string> cells = training::splitCsvLine(line);
    if (header.empty()) {
      if (cells.size() < kFixedColumns || cells[0] != "epoch" || cells[7] != "loss") {
        error = Error{sourcePath, "line 1", "not an iterations.csv header: " + line};
        return std::nullopt;
      }
      header = cells;
      continue;
    }
    if (cells.size() != header.size()) {
      error = Error{sourcePath, "line " + std::to_string(lineNumber),
                    "expected " + std::to_string(header.size()) + " cells, got " + std::to_string(cells.size())};
      return std::nullopt;
    }
    std::vector<double> values(cells.size());
    for (std::size_t column = 0; column < cells.size(); ++column)
      if (!toNumber(cells[column], values[column])) {
        error = Error{sourcePath, "line " + std::to_string(lineNumber),
                      "column " + header[column] + ": not a number: \"" + cells[column] + "\""};
        return std::nullopt;
      }
    training::IterationStats stats;
    stats.epoch = static_cast<int>(values[0]);
    stats.iteration = static_cast<int>(values[1]);
    stats.globalIteration = static_cast<long>(values[2]);
    stats.totalIterations = static_cast<long>(values[3]);
    stats.learningRate = values[4];
    stats.imagesPerSecond = values[5];
    stats.etaSeconds = values[6];
    stats.totalLoss = values[7];
    for (std::size_t column = kFixedColumns; column < cells.size(); ++column)
      stats.losses.emplace_back(header[column], values[column]);
    rows.push_back(std::move(stats));
  }
  // Iterations per epoch is not a column: the largest iteration number seen in each epoch is it.
  for (auto& stats : rows)
    stats.iterationsPerEpoch = 0;
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin;
    int largest = 0;
    while (end < rows.size() && rows[end].epoch == rows[begin].epoch)
      largest = std::max(largest, rows[end++].iteration);
    for (std::size_t index = begin; index < end; ++index)
      rows[index].iterationsPerEpoch = largest;
    begin = end;
  }
  return rows;
}

std::vector<RunSummary> listRuns(const std::string& parent) {
  std::vector<RunSummary> runs;
  std::error_code code;
  if (!fs::is_directory(parent, code))
    return runs;
  for (const fs::directory_entry& entry : fs::directory_iterator(parent, code)) {
    if (!entry.is_directory(code))
      continue;
    Error error;
    const std::optional<training::RunFolder> run = training::RunFolder::open(entry.path().string(), error);
    if (!run)
      continue;
    RunSummary summary;
    summary.path = run->path();
    summary.name = entry.path().filename().string();
    if (const auto config = run->readConfig(error))
      summary.model = config->model;
    const auto modified = fs::last_write_time(run->configPath(), code);
    if (!code) {
      const auto system = std::chrono::time_point_cast<std::chrono::seconds>(
          modified - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
      summary.modifiedSeconds = system.time_since_epoch().count();
    }
    runs.push_back(std::move(summary));
  }
  std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
    return a.modifiedSeconds != b.modifiedSeconds ? a.modifiedSeconds > b.modifiedSeconds : a.name < b.name;
  });
  return runs;
}

LoadedRun loadRun(const std::string& path) {
  LoadedRun loaded;
  loaded.path = path;
  Error error;
  const std::optional<training::RunFolder> run = training::RunFolder::open(path, error);
  if (!run) {
    loaded.error = error;
    return loaded;
  }
  if (auto config = run->readConfig(error))
    loaded.config = std::move(*config);
  else
    loaded.error = error;
  if (auto epochs = run->readResults(error))
    loaded.epochs = std::move(*epochs);
  else
    loaded.error = error;
  if (fs::exists(run->iterationLogPath())) {
    std::string text;
    if (auto readError = readWholeFile(run->iterationLogPath(), text))
      loaded.error = *readError;
    else if (auto iterations = parseIterationLog(text, run->iterationLogPath(), error))
      loaded.iterations = std::move(*iterations);
    else
      loaded.error = error;
  }
  return loaded;
}

} // namespace polytrain::ui
