#include "core/dataset/augmentation.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace polytrain::dataset {
namespace {

void transformAll(TrainingSample& sample, const std::function<cv::Mat(const cv::Mat&, bool)>& move) {
  sample.image = move(sample.image, false);
  for (cv::Mat1b& mask : sample.masks)
    mask = move(mask, true);
}

} // namespace

AugmentOptions AugmentOptions::trainingDefaults() {
  AugmentOptions options;
  options.horizontalFlip = 0.5;
  options.scaleMin = 0.8;
  options.scaleMax = 1.2;
  options.brightness = 0.2;
  options.contrast = 0.2;
  options.saturation = 0.2;
  options.hue = 0.02;
  return options;
}

cv::Mat adjustColours(const cv::Mat& bgr, double brightness, double contrast, double saturation, double hueShift) {
  cv::Mat3f image;
  bgr.convertTo(image, CV_32FC3, 1.0 / 255.0);
  if (brightness != 1.0)
    image *= brightness;
  cv::min(image, cv::Scalar::all(1.0), image);
  if (contrast != 1.0) {
    cv::Mat1f gray;
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    const double mean = cv::mean(gray)[0];
    image = image * contrast + cv::Scalar::all((1.0 - contrast) * mean);
    cv::max(image, cv::Scalar::all(0.0), image);
    cv::min(image, cv::Scalar::all(1.0), image);
  }
  if (saturation != 1.0) {
    cv::Mat1f gray;
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    cv::Mat3f grayColour;
    cv::cvtColor(gray, grayColour, cv::COLOR_GRAY2BGR);
    image = image * saturation + grayColour * (1.0 - saturation);
    cv::max(image, cv::Scalar::all(0.0), image);
    cv::min(image, cv::Scalar::all(1.0), image);
  }
  if (hueShift != 0.0) {
    cv::Mat3f hsv;
    cv::cvtColor(image, hsv, cv::COLOR_BGR2HSV); // float: H in [0, 360)
    const float shift = static_cast<float>(hueShift * 360.0);
    hsv.forEach([shift](cv::Vec3f& pixel, const int*) {
      float h = std::fmod(pixel[0] + shift, 360.0f);
      pixel[0] = h < 0 ? h + 360.0f : h;
    });
    cv::cvtColor(hsv, image, cv::COLOR_HSV2BGR);
  }
  cv::Mat out;
  image.convertTo(out, bgr.type(), 255.0);
  return out;
}

AugmentResult augmentSample(const TrainingSample& input, const AugmentOptions& options, Random& random) {
  AugmentResult result;
  TrainingSample& sample = result.sample;
  sample.source = input.source;
  sample.labels = input.labels;
  sample.image = input.image;
  sample.masks = input.masks; // shallow: every step below writes new matrices

  // Draw every random number first, in a fixed order, so that a seed means the same augmentation whatever is on.
  const double b = random.uniform(1.0 - options.brightness, 1.0 + options.brightness);
  const double c = random.uniform(1.0 - options.contrast, 1.0 + options.contrast);
  const double s = random.uniform(1.0 - options.saturation, 1.0 + options.saturation);
  const double h = random.uniform(-std::min(options.hue, 0.5), std::min(options.hue, 0.5));
  const bool flip = random.chance(options.horizontalFlip);
  const double scale = random.uniform(options.scaleMin, options.scaleMax);
  const double angle = random.uniform(-options.rotationDegrees, options.rotationDegrees);
  const bool crop = random.chance(options.cropProbability);
  const double cropW = random.uniform(options.cropMinScale, 1.0);
  const double cropH = random.uniform(options.cropMinScale, 1.0);
  const double cropX = random.uniform();
  const double cropY = random.uniform();

  if (options.brightness > 0 || options.contrast > 0 || options.saturation > 0 || options.hue > 0)
    sample.image = adjustColours(sample.image, b, c, s, h);
  if (flip)
    transformAll(sample, [](const cv::Mat& m, bool) {
      cv::Mat out;
      cv::flip(m, out, 1);
      return out;
    });
  if (std::abs(scale - 1.0) > 1e-9) {
    const cv::Size size(std::max(1, static_cast<int>(std::lround(input.image.cols * scale))),
                        std::max(1, static_cast<int>(std::lround(input.image.rows * scale))));
    transformAll(sample, [size](const cv::Mat& m, bool isMask) {
      cv::Mat out;
      cv::resize(m, out, size, 0, 0, isMask ? cv::INTER_NEAREST : cv::INTER_LINEAR);
      return out;
    });
  }
  if (options.rotationDegrees > 0 && std::abs(angle) > 1e-9) {
    const cv::Point2f centre((sample.image.cols - 1) / 2.0f, (sample.image.rows - 1) / 2.0f);
    const cv::Mat rotation = cv::getRotationMatrix2D(centre, angle, 1.0);
    transformAll(sample, [&rotation](const cv::Mat& m, bool isMask) {
      cv::Mat out;
      cv::warpAffine(m, out, rotation, m.size(), isMask ? cv::INTER_NEAREST : cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                     cv::Scalar::all(0));
      return out;
    });
  }
  if (crop) {
    const int width = std::max(1, static_cast<int>(std::lround(sample.image.cols * cropW)));
    const int height = std::max(1, static_cast<int>(std::lround(sample.image.rows * cropH)));
    const cv::Rect window(static_cast<int>(cropX * (sample.image.cols - width + 1)),
                          static_cast<int>(cropY * (sample.image.rows - height + 1)), width, height);
    transformAll(sample, [window](const cv::Mat& m, bool) { return m(window).clone(); });
  }
  sample.boxes.clear();
  for (const cv::Mat1b& mask : sample.masks)
    sample.boxes.push_back(boxOfMask(mask));
  result.droppedInstances = dropDegenerateInstances(sample, options.degenerate);
  return result;
}

} // namespace polytrain::dataset
