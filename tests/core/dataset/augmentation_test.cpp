#include "core/dataset/augmentation.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

using namespace polytrain::dataset;

namespace {

TrainingSample shapesSample() {
  TrainingSample sample;
  sample.image = cv::Mat3b(90, 120, cv::Vec3b(40, 80, 120));
  cv::randu(sample.image, cv::Scalar::all(0), cv::Scalar::all(255));
  const std::vector<std::vector<cv::Point>> polygons = {
      {{5, 5}, {40, 8}, {20, 50}}, {{60, 20}, {115, 30}, {100, 85}, {70, 70}}, {{0, 60}, {30, 60}, {30, 89}, {0, 89}}};
  for (size_t i = 0; i < polygons.size(); ++i) {
    cv::Mat1b mask = cv::Mat1b::zeros(90, 120);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{polygons[i]}, 1);
    sample.boxes.push_back(boxOfMask(mask));
    sample.masks.push_back(mask);
    sample.labels.push_back(static_cast<int>(i) + 1);
  }
  return sample;
}

} // namespace

TEST(AugmentationTest, EveryBoxEqualsTheBoxOfItsTransformedMask) {
  AugmentOptions options = AugmentOptions::trainingDefaults();
  options.rotationDegrees = 30;
  options.cropProbability = 0.7;
  options.scaleMin = 0.5;
  options.scaleMax = 1.5;
  const TrainingSample input = shapesSample();
  const cv::Mat original = input.image.clone();
  int totalDropped = 0;
  for (uint64_t seed = 0; seed < 60; ++seed) {
    Random random(seed);
    const AugmentResult result = augmentSample(input, options, random);
    const TrainingSample& out = result.sample;
    ASSERT_EQ(out.masks.size(), out.boxes.size());
    ASSERT_EQ(out.masks.size(), out.labels.size());
    ASSERT_EQ(out.masks.size() + static_cast<size_t>(result.droppedInstances), input.masks.size());
    totalDropped += result.droppedInstances;
    for (size_t i = 0; i < out.masks.size(); ++i) {
      ASSERT_EQ(out.masks[i].size(), out.image.size());
      // Independent of boxOfMask: scan the mask's pixels.
      std::vector<cv::Point> pixels;
      cv::findNonZero(out.masks[i], pixels);
      ASSERT_FALSE(pixels.empty());
      int x1 = INT32_MAX, y1 = INT32_MAX, x2 = -1, y2 = -1;
      for (const cv::Point& p : pixels) {
        x1 = std::min(x1, p.x);
        y1 = std::min(y1, p.y);
        x2 = std::max(x2, p.x);
        y2 = std::max(y2, p.y);
      }
      EXPECT_EQ(out.boxes[i], (Box{static_cast<float>(x1), static_cast<float>(y1), static_cast<float>(x2 + 1),
                                   static_cast<float>(y2 + 1)}))
          << "seed " << seed << " instance " << i;
    }
  }
  EXPECT_GT(totalDropped, 0) << "crops should sometimes cut an instance away";
  EXPECT_EQ(cv::norm(input.image, original, cv::NORM_INF), 0.0) << "the input (maybe cached) must stay untouched";
}

TEST(AugmentationTest, HorizontalFlipMirrorsBoxesAndIsSeeded) {
  AugmentOptions options;
  options.horizontalFlip = 1.0;
  const TrainingSample input = shapesSample();
  Random random(1);
  const TrainingSample out = augmentSample(input, options, random).sample;
  for (size_t i = 0; i < input.boxes.size(); ++i) // hand-computed: x' = W - x, so x1' = W - x2, x2' = W - x1
    EXPECT_EQ(out.boxes[i],
              (Box{120 - input.boxes[i].x2, input.boxes[i].y1, 120 - input.boxes[i].x1, input.boxes[i].y2}));
  cv::Mat flipped;
  cv::flip(input.image, flipped, 1);
  EXPECT_EQ(cv::norm(out.image, flipped, cv::NORM_INF), 0.0);

  AugmentOptions jitter = AugmentOptions::trainingDefaults();
  Random a(5), b(5);
  const TrainingSample first = augmentSample(input, jitter, a).sample;
  const TrainingSample second = augmentSample(input, jitter, b).sample;
  EXPECT_EQ(cv::norm(first.image, second.image, cv::NORM_INF), 0.0);
}

TEST(AugmentationTest, ColourJitterFactorsActLikeTorchvision) {
  const cv::Mat3b image(1, 2, cv::Vec3b(100, 50, 200));
  // Brightness 1.5: every channel times 1.5, clipped at 255.
  const cv::Mat3b bright = adjustColours(image, 1.5, 1.0, 1.0, 0.0);
  EXPECT_EQ(bright(0, 0), cv::Vec3b(150, 75, 255));
  // Saturation 0: the grey value 0.299 R + 0.587 G + 0.114 B = 0.299*200 + 0.587*50 + 0.114*100 = 100.55.
  const cv::Mat3b grey = adjustColours(image, 1.0, 1.0, 0.0, 0.0);
  EXPECT_NEAR(grey(0, 0)[0], 101, 1);
  EXPECT_EQ(grey(0, 0)[0], grey(0, 0)[1]);
  // Hue by half a turn: red (BGR 0,0,255) becomes cyan.
  const cv::Mat3b red(1, 1, cv::Vec3b(0, 0, 255));
  EXPECT_EQ(cv::Mat3b(adjustColours(red, 1, 1, 1, 0.5))(0, 0), cv::Vec3b(255, 255, 0));
}
