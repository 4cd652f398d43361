#include "core/dataset/dataset.h"
#include "core/dataset/dataset_stats.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {
std::vector<std::string> keys(const std::vector<DatasetItem>& items) {
  std::vector<std::string> out;
  for (const DatasetItem& item : items)
    out.push_back(item.key);
  return out;
}
} // namespace

TEST(DatasetOpenTest, PixelLibLayoutIsScannedRecursivelyInNaturalOrderAndProblemsAreReported) {
  const std::string root = freshFolder("open_pixellib");
  writePair(root + "/train", "img10", {32, 32}, {polygon("b", {{1, 1}, {20, 1}, {10, 20}})});
  writePair(root + "/train", "img2", {32, 32}, {polygon("a", {{1, 1}, {20, 1}, {10, 20}})});
  writePair(root + "/train", "sub/img1", {32, 32}, {polygon("a", {{1, 1}, {20, 1}, {10, 20}})});
  writePair(root + "/test", "t1", {32, 32}, {polygon("c", {{1, 1}, {20, 1}, {10, 20}})});
  cv::imwrite(root + "/train/unlabelled.png", cv::Mat3b(8, 8));
  ASSERT_FALSE(polytrain::writeFileAtomically(root + "/train/broken.json", "{\"shapes\": [}"));
  writePair(root + "/test", "lost", {32, 32}, {polygon("a", {{1, 1}, {20, 1}, {10, 20}})});
  fs::remove(root + "/test/lost.png");

  const Dataset dataset = openDataset(root);
  EXPECT_EQ(dataset.layout, Layout::PixelLib);
  EXPECT_EQ(keys(dataset.train), (std::vector<std::string>{"img2", "img10", "sub/img1"}));
  EXPECT_EQ(keys(dataset.test), (std::vector<std::string>{"t1"}));
  ASSERT_EQ(dataset.unlabelledImages.size(), 1u);
  EXPECT_EQ(fs::path(dataset.unlabelledImages[0]).filename(), "unlabelled.png");
  ASSERT_EQ(dataset.problems.size(), 2u);
  EXPECT_NE(dataset.problems[0].path.find("broken.json"), std::string::npos) << dataset.problems[0].message();
  EXPECT_NE(dataset.problems[1].path.find("lost.json"), std::string::npos);
  EXPECT_NE(dataset.problems[1].what.find("not found"), std::string::npos) << dataset.problems[1].message();
  // Classes collected from the data, sorted, and saved beside the dataset.
  EXPECT_EQ(dataset.classes.names, (std::vector<std::string>{"_background_", "a", "b", "c"}));
  EXPECT_TRUE(fs::exists(root + "/classes.json"));

  // New data later: the saved ids stay, the new label is appended.
  writePair(root + "/train", "img3", {32, 32}, {polygon("0first", {{1, 1}, {20, 1}, {10, 20}})});
  const Dataset again = openDataset(root);
  EXPECT_EQ(again.classes.names, (std::vector<std::string>{"_background_", "a", "b", "c", "0first"}));

  const DatasetStats stats = computeStats(again);
  EXPECT_EQ(stats.train.images, 4);
  EXPECT_EQ(stats.test.images, 1);
  EXPECT_EQ(stats.train.instancesPerClass.at(1), 2);
  EXPECT_EQ(stats.test.instancesPerClass.at(3), 1);
  EXPECT_EQ(stats.unlabelledImages, 1);
  EXPECT_EQ(stats.problems, 2);
  const std::string text = formatStats(stats);
  EXPECT_NE(text.find("unlabelled images: 1"), std::string::npos) << text;
}

TEST(DatasetOpenTest, LabelsFileGivesIdsAndIgnoreIsNeverAClass) {
  const std::string root = freshFolder("open_labels");
  writePair(root, "x", {32, 32},
            {polygon("dog", {{1, 1}, {20, 1}, {10, 20}}), polygon("__ignore__", {{1, 1}, {20, 1}, {10, 20}}),
             polygon("cat", {{1, 1}, {20, 1}, {10, 20}})});
  ASSERT_FALSE(polytrain::writeFileAtomically(root + "/labels.txt", "__ignore__\n_background_\ndog\ncat\n"));
  const Dataset dataset = openDataset(root);
  EXPECT_EQ(dataset.classes.names, (std::vector<std::string>{"_background_", "dog", "cat"}));
  const DatasetStats stats = computeStats(dataset);
  EXPECT_EQ(stats.train.ignoredShapes + stats.test.ignoredShapes, 1);
  EXPECT_EQ(stats.train.instances + stats.test.instances, 2);
}

TEST(DatasetOpenTest, MissingRootIsAProblemNotACrash) {
  const Dataset dataset = openDataset("/nonexistent/polytrain/dataset");
  ASSERT_EQ(dataset.problems.size(), 1u);
  EXPECT_TRUE(dataset.train.empty());
}
