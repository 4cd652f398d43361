#include "core/dataset/dataset.h"
#include "core/dataset/dataset_stats.h"
#include "core/dataset/demo_data.h"
#include "core/dataset/training_sample.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {
std::string bytesOf(const std::string& path) {
  std::string bytes;
  EXPECT_FALSE(polytrain::readWholeFile(path, bytes));
  return bytes;
}
} // namespace

TEST(DemoDataTest, SameSeedSameFilesOtherSeedOtherFiles) {
  DemoOptions options;
  options.images = 10;
  options.seed = 21;
  const std::string a = freshFolder("demo_a"), b = freshFolder("demo_b"), c = freshFolder("demo_c");
  const DemoResult made = makeDemoDataset(a, options);
  ASSERT_TRUE(made.errors.empty());
  EXPECT_EQ(made.trainImages, 8);
  EXPECT_EQ(made.testImages, 2);
  options.threads = 1; // thread count must not matter
  makeDemoDataset(b, options);
  options.seed = 22;
  makeDemoDataset(c, options);
  for (const char* file : {"train/shapes_00000.png", "train/shapes_00000.json", "test/shapes_00009.json"}) {
    EXPECT_EQ(bytesOf(a + "/" + file), bytesOf(b + "/" + file)) << file;
    EXPECT_NE(bytesOf(a + "/" + file), bytesOf(c + "/" + file)) << file;
  }
}

TEST(DemoDataTest, IsAPixelLibDatasetLabelmeReadsWithMasksMatchingTheImage) {
  const std::string root = freshFolder("demo_labelme");
  DemoOptions options;
  options.images = 12;
  options.seed = 5;
  const DemoResult made = makeDemoDataset(root, options);
  const Dataset dataset = openDataset(root);
  EXPECT_EQ(dataset.layout, Layout::PixelLib);
  EXPECT_TRUE(dataset.problems.empty());
  EXPECT_EQ(dataset.classes.names,
            (std::vector<std::string>{"_background_", "circle", "square", "triangle", "hexagon", "star"}));
  const DatasetStats stats = computeStats(dataset);
  EXPECT_EQ(stats.train.images + stats.test.images, 12);
  EXPECT_EQ(stats.train.instances + stats.test.instances, made.instances);
  EXPECT_GE(made.instances, 12);
  EXPECT_EQ(stats.train.imagesWithoutObjects, 0);
  int shapeKinds = 0;
  for (int id = 1; id <= 5; ++id)
    shapeKinds += stats.train.instancesPerClass.count(id) ? 1 : 0;
  EXPECT_GE(shapeKinds, 4) << "a dozen images should show most shapes";

  // Labelme itself loads every file and its shape_to_mask agrees with our mask pixel counts (oracle).
  const std::string script =
      "import glob, sys, labelme\n"
      "total = 0\n"
      "for f in sorted(glob.glob(sys.argv[1] + '/*/*.json')):\n"
      "    lf = labelme.LabelFile(filename=f)\n"
      "    img = labelme.utils.img_data_to_arr(lf.imageData)\n"
      "    assert img.shape[:2] == (256, 256), img.shape\n"
      "    for s in lf.shapes:\n"
      "        total += int(labelme.utils.shape_to_mask(img.shape[:2], s['points'], s['shape_type']).sum())\n"
      "print(total)\n";
  const std::string scriptPath = root + "/check.py";
  ASSERT_FALSE(polytrain::writeFileAtomically(scriptPath, script));
  const auto run = runPython(shellQuote(scriptPath) + " " + shellQuote(root));
  ASSERT_EQ(run.exitCode, 0) << run.text;
  long long ours = 0;
  for (const Split split : {Split::Train, Split::Test})
    for (const DatasetItem& item : dataset.items(split)) {
      const SampleResult sample = loadSample(item, dataset.classes);
      ASSERT_TRUE(sample.sample);
      for (const cv::Mat1b& mask : sample.sample->masks)
        ours += cv::countNonZero(mask);
    }
  EXPECT_EQ(std::to_string(ours) + "\n", run.text);
}
