#include "core/training/run_plots.h"

#include "core/common/atomic_file.h"
#include "core/evaluation/plots.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>

namespace polytrain::training {
namespace {

std::string shortName(const std::string& name) {
  return name.rfind("loss_", 0) == 0 ? name.substr(5) : name;
}

std::optional<Error> writePng(const std::string& path, const cv::Mat& image) {
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", image, bytes))
    return Error{path, "", "cannot encode the chart"};
  return writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// One series per loss component (train), plus the train and validation totals, emphasised.
std::vector<evaluation::PlotSeries> lossSeries(const std::vector<EpochStats>& history) {
  std::map<std::string, evaluation::PlotSeries> components;
  std::vector<std::string> order;
  evaluation::PlotSeries train{"train total", {}, {}, true};
  evaluation::PlotSeries validation{"val total", {}, {}, false};
  for (const EpochStats& epoch : history) {
    for (const auto& [name, value] : epoch.trainLosses) {
      if (!components.count(name)) {
        order.push_back(name);
        components[name].name = "train " + shortName(name);
      }
      components[name].x.push_back(epoch.epoch);
      components[name].y.push_back(value);
    }
    train.x.push_back(epoch.epoch);
    train.y.push_back(totalOf(epoch.trainLosses));
    if (!epoch.validationLosses.empty()) {
      validation.x.push_back(epoch.epoch);
      validation.y.push_back(totalOf(epoch.validationLosses));
    }
  }
  std::vector<evaluation::PlotSeries> series{train};
  if (!validation.x.empty())
    series.push_back(validation);
  for (const std::string& name : order)
    series.push_back(components[name]);
  return series;
}

std::vector<evaluation::PlotSeries> mapSeries(const std::vector<EpochStats>& history) {
  evaluation::PlotSeries box50{"box mAP50", {}, {}, false}, box{"box mAP50-95", {}, {}, false};
  evaluation::PlotSeries mask50{"mask mAP50", {}, {}, true}, mask{"mask mAP50-95", {}, {}, false};
  for (const EpochStats& epoch : history) {
    if (epoch.boxMetrics) {
      box50.x.push_back(epoch.epoch);
      box50.y.push_back(epoch.boxMetrics->map50);
      box.x.push_back(epoch.epoch);
      box.y.push_back(epoch.boxMetrics->map50_95);
    }
    if (epoch.maskMetrics) {
      mask50.x.push_back(epoch.epoch);
      mask50.y.push_back(epoch.maskMetrics->map50);
      mask.x.push_back(epoch.epoch);
      mask.y.push_back(epoch.maskMetrics->map50_95);
    }
  }
  std::vector<evaluation::PlotSeries> series;
  for (auto* line : {&mask50, &mask, &box50, &box})
    if (!line->x.empty())
      series.push_back(*line);
  return series;
}

evaluation::ChartRange rangeOf(const std::vector<evaluation::PlotSeries>& series, double yMinFloor) {
  evaluation::ChartRange range{1e300, -1e300, yMinFloor, -1e300};
  for (const auto& line : series) {
    for (double x : line.x) {
      range.xMin = std::min(range.xMin, x);
      range.xMax = std::max(range.xMax, x);
    }
    for (double y : line.y)
      range.yMax = std::max(range.yMax, y);
  }
  if (range.xMax <= range.xMin) { // one epoch: a visible span around it
    range.xMin -= 0.5;
    range.xMax += 0.5;
  }
  range.yMax = range.yMax > range.yMin ? range.yMax * 1.05 : range.yMin + 1;
  return range;
}

} // namespace

std::optional<Error> writeRunPlots(const std::string& plotsFolder, const std::vector<EpochStats>& history) {
  if (history.empty())
    return std::nullopt;
  std::error_code error;
  std::filesystem::create_directories(plotsFolder, error);
  const auto losses = lossSeries(history);
  if (auto failed = writePng(plotsFolder + "/losses.png", evaluation::drawLineChart("losses per epoch", "epoch", "loss",
                                                                                    losses, rangeOf(losses, 0.0))))
    return failed;
  const auto maps = mapSeries(history);
  if (maps.empty())
    return std::nullopt;
  evaluation::ChartRange range = rangeOf(maps, 0.0);
  range.yMax = 1.0; // mAP is a fraction: the whole scale, so runs compare at a glance
  return writePng(plotsFolder + "/map.png",
                  evaluation::drawLineChart("mAP per epoch (test split)", "epoch", "mAP", maps, range));
}

} // namespace polytrain::training
