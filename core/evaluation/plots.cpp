#include "core/evaluation/plots.h"

#include <algorithm>
#include <cstdio>
#include <opencv2/imgproc.hpp>

namespace polytrain::evaluation {
namespace {

const cv::Scalar kBlack(0, 0, 0), kGrey(200, 200, 200), kWhite(255, 255, 255);

cv::Scalar seriesColour(size_t i) {
  static const cv::Scalar palette[] = {{180, 119, 31},  {14, 127, 255}, {44, 160, 44},   {40, 39, 214},
                                       {189, 103, 148}, {75, 86, 140},  {194, 119, 227}, {127, 127, 127},
                                       {34, 189, 188},  {207, 190, 23}};
  return palette[i % (sizeof palette / sizeof palette[0])];
}

std::string fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

void centredText(cv::Mat& image, const std::string& text, cv::Point centre, double scale, const cv::Scalar& colour) {
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline);
  cv::putText(image, text, {centre.x - size.width / 2, centre.y + size.height / 2}, cv::FONT_HERSHEY_SIMPLEX, scale,
              colour, 1, cv::LINE_AA);
}

} // namespace

cv::Mat drawLineChart(const std::string& title, const std::string& xLabel, const std::string& yLabel,
                      const std::vector<PlotSeries>& series, const ChartRange& range) {
  cv::Mat image(600, 800, CV_8UC3, kWhite);
  const cv::Rect plot(70, 50, 520, 480);
  const double xSpan = range.xMax > range.xMin ? range.xMax - range.xMin : 1.0;
  const double ySpan = range.yMax > range.yMin ? range.yMax - range.yMin : 1.0;
  // Fractions of the plot area -> pixels.
  auto toPixel = [&](double x, double y) {
    return cv::Point(plot.x + static_cast<int>(std::clamp(x, 0.0, 1.0) * plot.width + 0.5),
                     plot.y + plot.height - static_cast<int>(std::clamp(y, 0.0, 1.0) * plot.height + 0.5));
  };
  const auto decimals = [](double span) { return span >= 20 ? 0 : span >= 2 ? 1 : span >= 0.2 ? 2 : 3; };
  for (int tick = 0; tick <= 10; ++tick) {
    const double v = tick / 10.0;
    cv::line(image, toPixel(v, 0), toPixel(v, 1), kGrey, 1);
    cv::line(image, toPixel(0, v), toPixel(1, v), kGrey, 1);
    if (tick % 2 == 0) {
      centredText(image, fixed(range.xMin + v * xSpan, decimals(xSpan)), toPixel(v, 0) + cv::Point(0, 14), 0.4, kBlack);
      centredText(image, fixed(range.yMin + v * ySpan, decimals(ySpan)), toPixel(0, v) - cv::Point(24, 0), 0.4, kBlack);
    }
  }
  cv::rectangle(image, plot, kBlack, 1);
  centredText(image, title, {400, 22}, 0.6, kBlack);
  centredText(image, xLabel, {plot.x + plot.width / 2, plot.y + plot.height + 40}, 0.5, kBlack);
  cv::Mat yText(30, 200, CV_8UC3, kWhite);
  centredText(yText, yLabel, {100, 15}, 0.5, kBlack);
  cv::Mat rotated;
  cv::rotate(yText, rotated, cv::ROTATE_90_COUNTERCLOCKWISE);
  rotated.copyTo(image(cv::Rect(5, plot.y + plot.height / 2 - 100, rotated.cols, rotated.rows)));

  for (size_t s = 0; s < series.size(); ++s) {
    const PlotSeries& line = series[s];
    std::vector<cv::Point> points;
    for (size_t i = 0; i < std::min(line.x.size(), line.y.size()); ++i)
      if (line.y[i] >= range.yMin)
        points.push_back(toPixel((line.x[i] - range.xMin) / xSpan, (line.y[i] - range.yMin) / ySpan));
    const cv::Scalar colour = line.emphasised ? cv::Scalar(0, 0, 0) : seriesColour(s);
    if (points.size() >= 2)
      cv::polylines(image, points, false, colour, line.emphasised ? 3 : 1, cv::LINE_AA);
    if (s < 12) {
      const int y = plot.y + 10 + static_cast<int>(s) * 20;
      cv::line(image, {605, y}, {630, y}, colour, line.emphasised ? 3 : 2, cv::LINE_AA);
      cv::putText(image, line.name.substr(0, 22), {636, y + 5}, cv::FONT_HERSHEY_SIMPLEX, 0.42, kBlack, 1, cv::LINE_AA);
    }
  }
  return image;
}

cv::Mat drawConfusionMatrix(const ConfusionMatrix& matrix) {
  const int n = static_cast<int>(matrix.size());
  const int cell = std::clamp(560 / std::max(n, 1), 12, 80);
  const int left = 150, top = 60;
  cv::Mat image(top + n * cell + 20, left + n * cell + 20, CV_8UC3, kWhite);
  std::vector<std::string> labels = matrix.names;
  labels.push_back("background");
  centredText(image, "confusion matrix (rows: ground truth, columns: predicted)", {image.cols / 2, 18}, 0.45, kBlack);
  for (int row = 0; row < n; ++row) {
    size_t rowSum = 0;
    for (int col = 0; col < n; ++col)
      rowSum += matrix.at(static_cast<size_t>(row), static_cast<size_t>(col));
    for (int col = 0; col < n; ++col) {
      const size_t count = matrix.at(static_cast<size_t>(row), static_cast<size_t>(col));
      const double fraction = rowSum > 0 ? static_cast<double>(count) / static_cast<double>(rowSum) : 0.0;
      const cv::Rect r(left + col * cell, top + row * cell, cell, cell);
      const int shade = static_cast<int>(255 * (1 - fraction));
      cv::rectangle(image, r, cv::Scalar(255, shade, shade), cv::FILLED);
      cv::rectangle(image, r, kGrey, 1);
      if (cell >= 24)
        centredText(image, std::to_string(count), {r.x + cell / 2, r.y + cell / 2}, 0.4,
                    fraction > 0.6 ? kWhite : kBlack);
    }
    cv::putText(image, labels[static_cast<size_t>(row)].substr(0, 18), {5, top + row * cell + cell / 2 + 5},
                cv::FONT_HERSHEY_SIMPLEX, 0.4, kBlack, 1, cv::LINE_AA);
  }
  for (int col = 0; col < n; ++col)
    centredText(image, labels[static_cast<size_t>(col)].substr(0, std::max(3, cell / 8)),
                {left + col * cell + cell / 2, top - 12}, 0.35, kBlack);
  return image;
}

} // namespace polytrain::evaluation
