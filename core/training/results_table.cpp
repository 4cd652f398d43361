#include "core/training/results_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace polytrain::training {
namespace {

constexpr const char* kTrainPrefix = "train/";
constexpr const char* kValPrefix = "val/";
constexpr const char* kBoxMap50 = "metrics/mAP50(B)";
constexpr const char* kBoxMap = "metrics/mAP50-95(B)";
constexpr const char* kMaskMap50 = "metrics/mAP50(M)";
constexpr const char* kMaskMap = "metrics/mAP50-95(M)";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Loss names in first-seen order over all epochs, so a column never moves.
std::vector<std::string> lossColumns(const std::vector<EpochStats>& epochs, bool validation) {
  std::vector<std::string> names;
  for (const EpochStats& epoch : epochs)
    for (const auto& entry : validation ? epoch.validationLosses : epoch.trainLosses)
      if (std::find(names.begin(), names.end(), entry.first) == names.end())
        names.push_back(entry.first);
  return names;
}

std::string lossCell(const LossValues& losses, const std::string& name) {
  for (const auto& entry : losses)
    if (entry.first == name)
      return number(entry.second);
  return "";
}

} // namespace

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream stream(line);
  while (std::getline(stream, cell, ','))
    cells.push_back(cell);
  if (!line.empty() && line.back() == ',')
    cells.emplace_back();
  return cells;
}

std::string formatResultsCsv(const std::vector<EpochStats>& epochs) {
  const std::vector<std::string> trainNames = lossColumns(epochs, false);
  const std::vector<std::string> valNames = lossColumns(epochs, true);
  std::string csv = "epoch,time,val_time";
  for (const std::string& name : trainNames)
    csv += std::string(",") + kTrainPrefix + name;
  for (const std::string& name : valNames)
    csv += std::string(",") + kValPrefix + name;
  csv += std::string(",") + kBoxMap50 + "," + kBoxMap + "," + kMaskMap50 + "," + kMaskMap + ",lr,peak_rss_mb,rss_mb\n";
  for (const EpochStats& epoch : epochs) {
    csv += std::to_string(epoch.epoch) + "," + number(epoch.seconds) + "," + number(epoch.validationSeconds);
    for (const std::string& name : trainNames)
      csv += "," + lossCell(epoch.trainLosses, name);
    for (const std::string& name : valNames)
      csv += "," + lossCell(epoch.validationLosses, name);
    const auto metric = [](const std::optional<DetectionMetrics>& metrics, bool strict) {
      return metrics ? number(strict ? metrics->map50_95 : metrics->map50) : std::string();
    };
    csv += "," + metric(epoch.boxMetrics, false) + "," + metric(epoch.boxMetrics, true) + "," +
           metric(epoch.maskMetrics, false) + "," + metric(epoch.maskMetrics, true);
    csv += "," + number(epoch.learningRate) + "," +
           number(static_cast<double>(epoch.peakRssBytes) / (1024.0 * 1024.0)) + "," +
           number(static_cast<double>(epoch.rssBytes) / (1024.0 * 1024.0));
    csv += "\n";
  }
  return csv;
}

std::optional<std::vector<EpochStats>> parseResultsCsv(const std::string& text, const std::string& sourcePath,
                                                       Error& error) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line.rfind("epoch,", 0) != 0) {
    error = Error{sourcePath, "line 1", "expected a header starting with \"epoch,\""};
    return std::nullopt;
  }
  const std::vector<std::string> header = splitCsvLine(line);
  std::vector<EpochStats> epochs;
  int lineNumber = 1;
  while (std::getline(lines, line)) {
    ++lineNumber;
    if (line.empty())
      continue;
    const std::vector<std::string> cells = splitCsvLine(line);
    if (cells.size() != header.size()) {
      error = Error{sourcePath, "line " + std::to_string(lineNumber),
                    "has " + std::to_string(cells.size()) + " cells, the header has " + std::to_string(header.size())};
      return std::nullopt;
    }
    EpochStats epoch;
    DetectionMetrics box, mask;
    bool hasBox = false, hasMask = false;
    for (size_t column = 0; column < header.size(); ++column) {
      const std::string& name = header[column];
      const std::string& cell = cells[column];
      if (cell.empty())
        continue;
      double value = 0.0;
      try {
        size_t used = 0;
        value = std::stod(cell, &used);
        if (used != cell.size())
          throw std::invalid_argument(cell);
      } catch (const std::exception&) {
        error = Error{sourcePath, "line " + std::to_string(lineNumber) + ", column " + name,
                      "\"" + cell + "\" is not a number"};
        return std::nullopt;
      }
      if (name == "epoch")
        epoch.epoch = static_cast<int>(value);
      else if (name == "time")
        epoch.seconds = value;
      else if (name == "val_time")
        epoch.validationSeconds = value;
      else if (name == "lr")
        epoch.learningRate = value;
      else if (name == "peak_rss_mb")
        epoch.peakRssBytes = std::lround(value * 1024.0 * 1024.0);
      else if (name == "rss_mb")
        epoch.rssBytes = std::lround(value * 1024.0 * 1024.0);
      else if (name.rfind(kTrainPrefix, 0) == 0)
        epoch.trainLosses.emplace_back(name.substr(std::string(kTrainPrefix).size()), value);
      else if (name.rfind(kValPrefix, 0) == 0)
        epoch.validationLosses.emplace_back(name.substr(std::string(kValPrefix).size()), value);
      else if (name == kBoxMap50)
        box.map50 = value, hasBox = true;
      else if (name == kBoxMap)
        box.map50_95 = value, hasBox = true;
      else if (name == kMaskMap50)
        mask.map50 = value, hasMask = true;
      else if (name == kMaskMap)
        mask.map50_95 = value, hasMask = true;
    }
    if (hasBox)
      epoch.boxMetrics = box;
    if (hasMask)
      epoch.maskMetrics = mask;
    epochs.push_back(std::move(epoch));
  }
  return epochs;
}

} // namespace polytrain::training
