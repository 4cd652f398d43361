#include "core/dataset/visualization.h"

#include <gtest/gtest.h>

#include <set>

using namespace polytrain::dataset;

TEST(VisualizationTest, ColoursAreEvenlySpacedFullySaturatedHuesInSeededOrder) {
  const auto colours = randomColours(6, 1);
  // Hues 0, 1/6, ..., 5/6 at s = v = 1 are red, yellow, green, cyan, blue, magenta (BGR).
  const std::set<std::vector<double>> expected = {{0, 0, 255},   {0, 255, 255}, {0, 255, 0},
                                                  {255, 255, 0}, {255, 0, 0},   {255, 0, 255}};
  std::set<std::vector<double>> got;
  for (const cv::Scalar& c : colours)
    got.insert({c[0], c[1], c[2]});
  EXPECT_EQ(got, expected);
  EXPECT_EQ(randomColours(6, 1), colours);
  bool differs = false;
  for (uint64_t seed = 2; seed < 6 && !differs; ++seed)
    differs = randomColours(6, seed) != colours;
  EXPECT_TRUE(differs);
}

TEST(VisualizationTest, MasksAreTintedBoxesDrawnAndTheRestUntouched) {
  TrainingSample sample;
  sample.image = cv::Mat3b(60, 80, cv::Vec3b(100, 100, 100));
  cv::Mat1b mask = cv::Mat1b::zeros(60, 80);
  mask(cv::Rect(20, 20, 30, 20)).setTo(1);
  sample.masks = {mask};
  sample.boxes = {boxOfMask(mask)};
  sample.labels = {1};
  ClassList classes;
  classes.names = {"_background_", "thing"};
  VisualizeOptions options;
  options.labels = false;
  const cv::Mat3b out = renderSample(sample, classes, options);
  const cv::Scalar colour = randomColours(1, options.seed)[0]; // one instance: hue 0, red
  EXPECT_EQ(out(30, 35),
            cv::Vec3b(cv::saturate_cast<uchar>(50 + colour[0] / 2), cv::saturate_cast<uchar>(50 + colour[1] / 2),
                      cv::saturate_cast<uchar>(50 + colour[2] / 2))); // 100 * 0.5 + colour * 0.5
  EXPECT_EQ(out(20, 20), cv::Vec3b(0, 0, 255));                       // box outline at the top-left mask pixel
  EXPECT_EQ(out(5, 5), cv::Vec3b(100, 100, 100));
  EXPECT_EQ(cv::Mat3b(sample.image)(30, 35), cv::Vec3b(100, 100, 100)); // input untouched
}
