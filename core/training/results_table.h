#pragma once
// results.csv of a run folder, one row per epoch, in the layout Ultralytics users know:
// epoch,time,val_time,train/<loss>...,val/<loss>...,metrics/mAP50(B),metrics/mAP50-95(B),metrics/mAP50(M),
// metrics/mAP50-95(M),lr,peak_rss_mb,rss_mb. Empty cells where a value was not measured that epoch.
#include "core/common/error.h"
#include "core/training/training_events.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::training {

// The cells of one line of the run folder's CSV files (results.csv, iterations.csv): no quoting, a trailing comma
// ends with an empty cell.
std::vector<std::string> splitCsvLine(const std::string& line);

std::string formatResultsCsv(const std::vector<EpochStats>& epochs);

// Reads what formatResultsCsv wrote (and survives extra columns). Errors name the file and the line.
std::optional<std::vector<EpochStats>> parseResultsCsv(const std::string& text, const std::string& sourcePath,
                                                       Error& error);

} // namespace polytrain::training
