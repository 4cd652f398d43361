#include "core/inference/overlay_renderer.h"

#include "core/dataset/visualization.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>

namespace polytrain::inference {
namespace {

// Sizes that read the same on a thumbnail and on 4K: proportional to the longer side, never below one pixel.
struct Scale {
  int line = 1;
  double font = 0.4;
  int textThickness = 1;
};

Scale scaleFor(const cv::Mat& image) {
  const double side = std::max(image.cols, image.rows);
  Scale scale;
  scale.line = std::max(1, static_cast<int>(std::lround(side / 500.0)));
  scale.font = std::max(0.35, side / 1400.0);
  scale.textThickness = std::max(1, static_cast<int>(std::lround(side / 1000.0)));
  return scale;
}

void blendMask(cv::Mat& image, const cv::Mat1b& mask, const cv::Scalar& colour, double alpha, int line) {
  const cv::Rect area = cv::boundingRect(mask) & cv::Rect(0, 0, image.cols, image.rows);
  if (area.empty())
    return;
  cv::Mat region = image(area);
  const cv::Mat1b inside = mask(area);
  cv::Mat tinted;
  cv::addWeighted(region, 1.0 - alpha, cv::Mat(region.size(), region.type(), colour), alpha, 0.0, tinted);
  tinted.copyTo(region, inside);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(inside.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  cv::drawContours(region, contours, -1, colour, line, cv::LINE_AA);
}

// Black text on light colours, white on dark ones.
cv::Scalar textColourOn(const cv::Scalar& colour) {
  const double luminance = 0.114 * colour[0] + 0.587 * colour[1] + 0.299 * colour[2];
  return luminance > 140 ? cv::Scalar(0, 0, 0) : cv::Scalar(255, 255, 255);
}

void drawTag(cv::Mat& image, const std::string& text, cv::Point anchor, const cv::Scalar& colour, const Scale& scale) {
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale.font, scale.textThickness, &baseline);
  const int pad = std::max(1, scale.line);
  const int height = size.height + baseline + 2 * pad;
  // Above the box when there is room, else just inside it; never outside the image.
  int top = anchor.y - height;
  if (top < 0)
    top = anchor.y;
  top = std::clamp(top, 0, std::max(0, image.rows - height));
  const int left = std::clamp(anchor.x, 0, std::max(0, image.cols - size.width - 2 * pad));
  const cv::Rect background(left, top, size.width + 2 * pad, height);
  cv::rectangle(image, background & cv::Rect(0, 0, image.cols, image.rows), colour, cv::FILLED);
  cv::putText(image, text, cv::Point(left + pad, top + pad + size.height), cv::FONT_HERSHEY_SIMPLEX, scale.font,
              textColourOn(colour), scale.textThickness, cv::LINE_AA);
}

} // namespace

namespace {

// Per instance: a fixed palette of 32 hues, so an instance's colour does not depend on how many were found.
constexpr size_t kInstancePalette = 32;

// The colours of one drawing, made once rather than per instance (every frame of a video or the camera draws).
std::vector<cv::Scalar> paletteFor(const OverlayOptions& options, size_t classCount) {
  return dataset::randomColours(
      options.colourBy == ColourBy::Class ? std::max<size_t>(1, classCount) : kInstancePalette, options.seed);
}

cv::Scalar colourFrom(const std::vector<cv::Scalar>& palette, const OverlayOptions& options, int label, size_t index) {
  if (options.colourBy == ColourBy::Class)
    return palette[static_cast<size_t>(std::max(1, label) - 1) % palette.size()];
  return palette[index % palette.size()];
}

} // namespace

cv::Scalar overlayColour(const OverlayOptions& options, int label, size_t index, size_t classCount) {
  return colourFrom(paletteFor(options, classCount), options, label, index);
}

void drawOverlay(cv::Mat& image, const Prediction& prediction, const OverlayOptions& options, size_t classCount) {
  if (image.empty())
    return;
  const Scale scale = scaleFor(image);
  const size_t count = prediction.instances.size();
  const std::vector<cv::Scalar> palette = paletteFor(options, classCount);
  // Lowest score first, so the most confident detection is drawn on top.
  for (size_t order = count; order-- > 0;) {
    const Instance& instance = prediction.instances[order];
    const cv::Scalar colour = colourFrom(palette, options, instance.label, order);
    if (options.masks && !instance.mask.empty() && instance.mask.size() == image.size())
      blendMask(image, instance.mask, colour, options.maskAlpha, scale.line);
    // The outermost pixels the box covers (pixel i spans [i, i + 1)), drawn crisp.
    const cv::Point topLeft(static_cast<int>(std::floor(instance.box.x)), static_cast<int>(std::floor(instance.box.y)));
    const cv::Point bottomRight(
        std::max(topLeft.x, static_cast<int>(std::ceil(instance.box.x + instance.box.width)) - 1),
        std::max(topLeft.y, static_cast<int>(std::ceil(instance.box.y + instance.box.height)) - 1));
    const cv::Rect box(topLeft, bottomRight);
    if (options.boxes)
      cv::rectangle(image, topLeft, bottomRight, colour, scale.line, cv::LINE_8);
    if (options.labels || options.scores) {
      std::string text = options.labels ? instance.className : std::string();
      if (options.scores) {
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", instance.score);
        text += (text.empty() ? "" : " ") + std::string(score);
      }
      drawTag(image, text, box.tl(), colour, scale);
    }
  }
}

cv::Mat renderOverlay(const cv::Mat& image, const Prediction& prediction, const OverlayOptions& options,
                      size_t classCount) {
  cv::Mat canvas;
  if (image.channels() == 1)
    cv::cvtColor(image, canvas, cv::COLOR_GRAY2BGR);
  else if (image.channels() == 4)
    cv::cvtColor(image, canvas, cv::COLOR_BGRA2BGR);
  else
    canvas = image.clone();
  drawOverlay(canvas, prediction, options, classCount);
  return canvas;
}

} // namespace polytrain::inference
