#include "core/dataset/dataset.h"
#include "core/dataset/image_cache.h"
#include "core/dataset/training_sample.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

TEST(TrainingSampleTest, BoxIsTheSmallestBoxAroundTheMaskPixels) {
  cv::Mat1b mask = cv::Mat1b::zeros(10, 12);
  mask(2, 3) = 1;
  mask(7, 9) = 1;
  const Box box = boxOfMask(mask);
  EXPECT_EQ(box, (Box{3, 2, 10, 8})); // x2, y2 one past the last pixel
  EXPECT_EQ(boxOfMask(cv::Mat1b::zeros(4, 4)), Box{});
}

TEST(TrainingSampleTest, MasksBoxesAndLabelsFromGroupedShapesEmptyOnesDropped) {
  const std::string root = freshFolder("sample_basic");
  // Rectangle (0,0)-(9,4): Labelme fills the inclusive box, 10 x 5 pixels; a second rectangle in group 3 joins it.
  writePair(root, "s", {40, 30},
            {typed("rectangle", "a", {{0, 0}, {9, 4}}, 3), typed("rectangle", "a", {{20, 20}, {24, 22}}, 3),
             typed("rectangle", "b", {{30, 2}, {35, 9}}), polygon("b", {{-9, -9}, {-2, -9}, {-2, -2}}),
             polygon("__ignore__", {{0, 0}, {30, 0}, {30, 30}})});
  OpenOptions options;
  options.testRatio = 0;
  options.saveFiles = false;
  const Dataset dataset = openDataset(root, options);
  ASSERT_EQ(dataset.train.size(), 1u);
  ImageCache cache(1 << 20);
  const SampleResult result = loadSample(dataset.train[0], dataset.classes, &cache);
  ASSERT_TRUE(result.sample);
  const TrainingSample& sample = *result.sample;
  EXPECT_EQ(sample.image.size(), cv::Size(40, 30));
  EXPECT_EQ(sample.image.type(), CV_8UC3);
  ASSERT_EQ(sample.masks.size(), 2u);
  EXPECT_EQ(sample.labels, (std::vector<int>{1, 2}));
  EXPECT_EQ(cv::countNonZero(sample.masks[0]), 10 * 5 + 5 * 3);
  EXPECT_EQ(sample.boxes[0], (Box{0, 0, 25, 23}));
  EXPECT_EQ(sample.boxes[1], (Box{30, 2, 36, 10}));
  EXPECT_EQ(result.droppedInstances, 1); // the polygon outside the image
  EXPECT_FALSE(result.warnings.empty());
  EXPECT_EQ(cache.size(), 1u);
  // Second load comes from the cache and gives the same sample.
  const SampleResult again = loadSample(dataset.train[0], dataset.classes, &cache);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cv::norm(again.sample->image, sample.image, cv::NORM_INF), 0.0);
}

TEST(TrainingSampleTest, DegenerateRuleDropsThinInstances) {
  TrainingSample sample;
  sample.image = cv::Mat3b(10, 10);
  cv::Mat1b line = cv::Mat1b::zeros(10, 10);
  line.row(4).setTo(1);
  cv::Mat1b block = cv::Mat1b::zeros(10, 10);
  block(cv::Rect(2, 2, 3, 3)).setTo(1);
  sample.masks = {line, block};
  sample.boxes = {boxOfMask(line), boxOfMask(block)};
  sample.labels = {1, 2};
  EXPECT_EQ(dropDegenerateInstances(sample, {1, 2}), 1);
  EXPECT_EQ(sample.labels, (std::vector<int>{2}));
}
