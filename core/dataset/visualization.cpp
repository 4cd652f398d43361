#include "core/dataset/visualization.h"

#include "core/dataset/random.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace polytrain::dataset {
namespace {

// colorsys.hsv_to_rgb for s = v = 1.
cv::Vec3d hueToRgb(double hue) {
  const double h6 = hue * 6.0;
  const int sector = static_cast<int>(std::floor(h6)) % 6;
  const double f = h6 - std::floor(h6);
  switch (sector) {
  case 0:
    return {1, f, 0};
  case 1:
    return {1 - f, 1, 0};
  case 2:
    return {0, 1, f};
  case 3:
    return {0, 1 - f, 1};
  case 4:
    return {f, 0, 1};
  default:
    return {1, 0, 1 - f};
  }
}

} // namespace

std::vector<cv::Scalar> randomColours(size_t count, uint64_t seed) {
  std::vector<cv::Scalar> colours;
  for (size_t i = 0; i < count; ++i) {
    const cv::Vec3d rgb = hueToRgb(static_cast<double>(i) / static_cast<double>(count));
    colours.emplace_back(rgb[2] * 255.0, rgb[1] * 255.0, rgb[0] * 255.0);
  }
  Random random(mixSeed(seed, 0xC0105));
  for (size_t i = count; i > 1; --i)
    std::swap(colours[i - 1], colours[static_cast<size_t>(random.integer(0, static_cast<int>(i) - 1))]);
  return colours;
}

cv::Mat renderSample(const TrainingSample& sample, const ClassList& classes, const VisualizeOptions& options) {
  cv::Mat canvas;
  if (sample.image.channels() == 1)
    cv::cvtColor(sample.image, canvas, cv::COLOR_GRAY2BGR);
  else
    canvas = sample.image.clone();
  const std::vector<cv::Scalar> colours = randomColours(sample.masks.size(), options.seed);
  if (options.masks)
    for (size_t i = 0; i < sample.masks.size(); ++i) {
      cv::Mat tinted;
      cv::addWeighted(canvas, 1.0 - options.maskAlpha, cv::Mat(canvas.size(), canvas.type(), colours[i]),
                      options.maskAlpha, 0.0, tinted);
      tinted.copyTo(canvas, sample.masks[i]);
    }
  for (size_t i = 0; i < sample.boxes.size(); ++i) {
    const Box& box = sample.boxes[i];
    const cv::Point topLeft(static_cast<int>(box.x1), static_cast<int>(box.y1));
    const cv::Point bottomRight(static_cast<int>(box.x2) - 1, static_cast<int>(box.y2) - 1);
    if (options.boxes)
      cv::rectangle(canvas, topLeft, bottomRight, colours[i], options.lineWidth);
    if (options.labels && i < sample.labels.size()) {
      const int id = sample.labels[i];
      const std::string name = id >= 0 && static_cast<size_t>(id) < classes.names.size()
                                   ? classes.names[static_cast<size_t>(id)]
                                   : "class " + std::to_string(id);
      int baseline = 0;
      const double scale = 0.45;
      const cv::Size text = cv::getTextSize(name, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline);
      const int y = std::max(topLeft.y, text.height + 4);
      cv::rectangle(canvas, cv::Point(topLeft.x, y - text.height - 4), cv::Point(topLeft.x + text.width + 4, y),
                    colours[i], cv::FILLED);
      cv::putText(canvas, name, cv::Point(topLeft.x + 2, y - 3), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar::all(0), 1,
                  cv::LINE_AA);
    }
  }
  return canvas;
}

} // namespace polytrain::dataset
