// The overlay draws each detection where the prediction says: the mask's pixels blended with the colour, the box's
// outline, nothing elsewhere; switches turn each part off; colours are stable per class.
#include "core/dataset/visualization.h"
#include "core/inference/overlay_renderer.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

using namespace polytrain;
using namespace polytrain::inference;

namespace {

Prediction squareAndCircle(int width, int height) {
  Prediction prediction;
  prediction.imageWidth = width;
  prediction.imageHeight = height;
  Instance square;
  square.label = 2;
  square.className = "square";
  square.score = 0.8f;
  square.mask = cv::Mat1b::zeros(height, width);
  square.mask(cv::Rect(60, 20, 30, 30)).setTo(255);
  square.box = cv::Rect2f(60, 20, 30, 30);
  Instance circle;
  circle.label = 1;
  circle.className = "circle";
  circle.score = 0.95f;
  circle.mask = cv::Mat1b::zeros(height, width);
  cv::circle(circle.mask, cv::Point(25, 40), 12, cv::Scalar(255), cv::FILLED);
  circle.box = cv::Rect2f(13, 28, 25, 25);
  prediction.instances = {circle, square};
  return prediction;
}

cv::Vec3b at(const cv::Mat& image, int x, int y) {
  return image.at<cv::Vec3b>(y, x);
}

} // namespace

TEST(OverlayRendererTest, BlendsMaskPixelsWithTheClassColourAndLeavesTheRestAlone) {
  const cv::Mat image(100, 120, CV_8UC3, cv::Scalar(40, 80, 120));
  OverlayOptions options;
  options.boxes = false;
  options.labels = false;
  options.scores = false;
  options.maskAlpha = 0.5;
  const Prediction prediction = squareAndCircle(image.cols, image.rows);
  const cv::Mat drawn = renderOverlay(image, prediction, options, 2);
  // Class colours: PixelLib's random HSV colours, class k -> colour k - 1.
  const std::vector<cv::Scalar> colours = dataset::randomColours(2, options.seed);
  for (int channel = 0; channel < 3; ++channel) {
    const double expectedSquare = 0.5 * image.at<cv::Vec3b>(0, 0)[channel] + 0.5 * colours[1][channel];
    EXPECT_NEAR(at(drawn, 75, 35)[channel], expectedSquare, 1.0) << "channel " << channel;
    const double expectedCircle = 0.5 * image.at<cv::Vec3b>(0, 0)[channel] + 0.5 * colours[0][channel];
    EXPECT_NEAR(at(drawn, 25, 40)[channel], expectedCircle, 1.0) << "channel " << channel;
  }
  // Far from every mask and contour the image is untouched.
  EXPECT_EQ(at(drawn, 110, 90), at(image, 110, 90));
  EXPECT_EQ(at(drawn, 45, 80), at(image, 45, 80));
  // The input is not modified.
  EXPECT_EQ(at(image, 75, 35), cv::Vec3b(40, 80, 120));
}

TEST(OverlayRendererTest, DrawsBoxOutlinesOnlyWhenAsked) {
  const cv::Mat image(100, 120, CV_8UC3, cv::Scalar(0, 0, 0));
  Prediction prediction = squareAndCircle(image.cols, image.rows);
  prediction.instances[1].box = cv::Rect2f(55, 15, 40, 40); // the square's box, wider than its mask
  OverlayOptions options;
  options.masks = false;
  options.labels = false;
  options.scores = false;
  const cv::Mat withBoxes = renderOverlay(image, prediction, options, 2);
  const std::vector<cv::Scalar> colours = dataset::randomColours(2, options.seed);
  const cv::Vec3b edge = at(withBoxes, 75, 54); // bottom row of the square's box (pixels 15..54)
  for (int channel = 0; channel < 3; ++channel)
    EXPECT_NEAR(edge[channel], colours[1][channel], 1.0);
  EXPECT_EQ(at(withBoxes, 75, 35), cv::Vec3b(0, 0, 0)) << "masks are off: the inside stays black";
  EXPECT_EQ(at(withBoxes, 75, 56), cv::Vec3b(0, 0, 0)) << "nothing below the box";
  options.boxes = false;
  const cv::Mat withoutBoxes = renderOverlay(image, prediction, options, 2);
  EXPECT_EQ(cv::countNonZero(withoutBoxes.reshape(1)), 0) << "nothing on: nothing drawn";
}

TEST(OverlayRendererTest, LabelTagsAreDrawnNearTheBoxAndInsideTheImage) {
  for (const cv::Size size : {cv::Size(120, 100), cv::Size(3840, 2160)}) {
    const cv::Mat image(size, CV_8UC3, cv::Scalar(0, 0, 0));
    Prediction prediction;
    Instance top;
    top.label = 1;
    top.className = "circle";
    top.score = 0.5f;
    top.box = cv::Rect2f(0, 0, size.width / 4.0f, size.height / 4.0f); // no room above: the tag goes inside
    prediction.instances = {top};
    OverlayOptions options;
    options.boxes = false;
    options.masks = false;
    const cv::Mat drawn = renderOverlay(image, prediction, options, 1);
    cv::Mat grey;
    cv::cvtColor(drawn, grey, cv::COLOR_BGR2GRAY);
    const cv::Rect tag = cv::boundingRect(grey);
    EXPECT_GT(tag.area(), 0) << size;
    EXPECT_LE(tag.br().y, size.height / 4 + 1) << "the tag stays by the box";
    // Readable: text height grows with the image (at least ~1 % of the longer side).
    EXPECT_GE(tag.height, std::max(size.width, size.height) / 100) << size;
  }
}

TEST(OverlayRendererTest, ColoursAreStablePerClassAndDistinctPerInstance) {
  OverlayOptions byClass;
  EXPECT_EQ(overlayColour(byClass, 3, 0, 5), overlayColour(byClass, 3, 7, 5));
  EXPECT_NE(overlayColour(byClass, 3, 0, 5), overlayColour(byClass, 4, 0, 5));
  OverlayOptions byInstance;
  byInstance.colourBy = ColourBy::Instance;
  EXPECT_NE(overlayColour(byInstance, 1, 0, 5), overlayColour(byInstance, 1, 1, 5));
  EXPECT_EQ(overlayColour(byInstance, 1, 2, 5), overlayColour(byInstance, 4, 2, 5));
}
