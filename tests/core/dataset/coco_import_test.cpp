#include "core/dataset/coco_export.h"
#include "core/dataset/coco_import.h"
#include "core/dataset/dataset.h"
#include "core/dataset/demo_data.h"
#include "core/dataset/training_sample.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

TEST(CocoImportTest, RleCountsAreColumnMajorRuns) {
  // 2 rows x 3 columns, column-major: 0 0 | 1 1 | 1 0 -> counts [2, 3, 1].
  const auto mask = decodeCocoRle(nlohmann::json::array({2, 3, 1}), {3, 2});
  ASSERT_TRUE(mask);
  EXPECT_EQ(cv::countNonZero(*mask), 3);
  EXPECT_EQ((*mask)(0, 0), 0);
  EXPECT_EQ((*mask)(0, 1), 1);
  EXPECT_EQ((*mask)(1, 1), 1);
  EXPECT_EQ((*mask)(0, 2), 1);
  EXPECT_EQ((*mask)(1, 2), 0);
  EXPECT_FALSE(decodeCocoRle(nlohmann::json::array({2, 3}), {3, 2})); // does not cover the image
  // pycocotools' compressed string: each count in 5-bit groups offset by 48 ('0'), from the fourth count on as the
  // difference to the count two back. [3, 2, 1, 0]: '3', '2', '1', then 0 - 2 = -2 -> 30 + 48 = 'N'.
  const auto compressed = decodeCocoRle("321N", {3, 2});
  const auto listed = decodeCocoRle(nlohmann::json::array({3, 2, 1, 0}), {3, 2});
  ASSERT_TRUE(compressed && listed);
  EXPECT_EQ(cv::norm(*compressed, *listed, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::countNonZero(*compressed), 2);
  EXPECT_EQ((*compressed)(1, 1), 1); // column-major: 0 0 | 0 1 | 1 0
  EXPECT_EQ((*compressed)(0, 2), 1);
}

TEST(CocoImportTest, ExportedDemoDataImportsToTheSameInstances) {
  const std::string root = freshFolder("coco_import_demo");
  DemoOptions demoOptions;
  demoOptions.images = 6;
  demoOptions.seed = 8;
  makeDemoDataset(root, demoOptions);
  const Dataset original = openDataset(root);
  const CocoWriteResult written = writeCocoSplits(original, root);
  ASSERT_EQ(written.written.size(), 2u);

  const Dataset imported = openDataset(root + "/train.json");
  EXPECT_EQ(imported.layout, Layout::Coco);
  EXPECT_TRUE(imported.problems.empty()) << imported.problems.front().message();
  EXPECT_EQ(imported.classes.names, original.classes.names);
  ASSERT_EQ(imported.train.size(), original.train.size());
  ASSERT_EQ(imported.test.size(), original.test.size());
  for (size_t i = 0; i < original.train.size(); ++i) {
    const auto a = loadSample(original.train[i], original.classes);
    const auto b = loadSample(imported.train[i], imported.classes);
    ASSERT_TRUE(a.sample && b.sample);
    ASSERT_EQ(a.sample->labels, b.sample->labels);
    for (size_t k = 0; k < a.sample->masks.size(); ++k) {
      // Polygons and rectangles come back exactly; circles come back as labelme2coco's polygon approximation.
      const double differing = cv::countNonZero(a.sample->masks[k] != b.sample->masks[k]);
      EXPECT_LE(differing, 0.08 * cv::countNonZero(a.sample->masks[k])) << original.train[i].key << " " << k;
    }
  }
}

TEST(CocoImportTest, RleAnnotationsBecomeMaskShapesAndBrokenEntriesAreReported) {
  const std::string root = freshFolder("coco_import_rle");
  cv::imwrite(root + "/a.png", cv::Mat3b(2, 3, cv::Vec3b(1, 2, 3)));
  const std::string coco = R"({"images": [{"id": 5, "file_name": "a.png", "width": 3, "height": 2},
                                          {"id": 6, "file_name": "missing.png", "width": 3, "height": 2}],
    "categories": [{"id": 7, "name": "thing"}, {"id": 3, "name": "other"}],
    "annotations": [{"id": 1, "image_id": 5, "category_id": 7, "iscrowd": 1,
                     "segmentation": {"counts": [2, 3, 1], "size": [2, 3]}},
                    {"id": 2, "image_id": 5, "category_id": 99, "segmentation": [[0, 0, 1, 0, 1, 1]]}]})";
  ASSERT_FALSE(polytrain::writeFileAtomically(root + "/c.json", coco));
  const CocoImport imported = importCoco(root + "/c.json");
  EXPECT_EQ(imported.classes.names, (std::vector<std::string>{"_background_", "other", "thing"}));
  ASSERT_EQ(imported.items.size(), 1u);
  ASSERT_EQ(imported.problems.size(), 1u); // missing.png
  ASSERT_EQ(imported.warnings.size(), 1u); // unknown category 99
  const SampleResult sample = loadSample(imported.items[0], imported.classes);
  ASSERT_TRUE(sample.sample);
  ASSERT_EQ(sample.sample->masks.size(), 1u);
  EXPECT_EQ(sample.sample->labels[0], 2);
  EXPECT_EQ(cv::countNonZero(sample.sample->masks[0]), 3);
  EXPECT_EQ(sample.sample->boxes[0], (Box{1, 0, 3, 2}));
}
