#pragma once
// Simple PNG charts drawn with OpenCV (no plotting library in core): line charts for PR/F1 curves and a heat map
// for the confusion matrix.
#include "core/evaluation/confusion_matrix.h"

#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

namespace polytrain::evaluation {

struct PlotSeries {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
  bool emphasised = false; // drawn thicker (the mean curve)
};

// The span of each axis; PR and F1 curves use the unit square.
struct ChartRange {
  double xMin = 0, xMax = 1;
  double yMin = 0, yMax = 1;
};

// 800x600 BGR image with title, axis ticks, labels and a legend (first 12 series). Points with y < range.yMin are
// left out (AP of -1 means "no ground truth").
cv::Mat drawLineChart(const std::string& title, const std::string& xLabel, const std::string& yLabel,
                      const std::vector<PlotSeries>& series, const ChartRange& range = {});
// Counts normalised per ground-truth row for the colour; the cells show the raw counts.
cv::Mat drawConfusionMatrix(const ConfusionMatrix& matrix);

} // namespace polytrain::evaluation
