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

// x and y axes span [0, 1]. 800x600 BGR image with title, axis ticks, labels and a legend (first 12 series).
cv::Mat drawLineChart(const std::string& title, const std::string& xLabel, const std::string& yLabel,
                      const std::vector<PlotSeries>& series);
// Counts normalised per ground-truth row for the colour; the cells show the raw counts.
cv::Mat drawConfusionMatrix(const ConfusionMatrix& matrix);

} // namespace polytrain::evaluation
