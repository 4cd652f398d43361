// Class and instance maps against Labelme's shapes_to_label; instance grouping by (label, group_id).
#include "core/annotation/image_loading.h"
#include "core/annotation/label_maps.h"
#include "core/annotation/labelme_reader.h"
#include "oracle_support.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <cstring>
#include <fstream>

namespace polytrain::annotation {
namespace {

using namespace testing;

cv::Mat1i readInt32(const std::string& path, cv::Size size) {
  const std::string bytes = readFile(path);
  cv::Mat1i map(size, 0);
  EXPECT_EQ(bytes.size(), map.total() * 4) << path;
  std::memcpy(map.data, bytes.data(), std::min(bytes.size(), map.total() * 4));
  return map;
}

TEST(LabelMaps, ClassAndInstanceMapsMatchLabelme) {
  ASSERT_TRUE(oracleAvailable());
  std::vector<std::string> files = exampleLabelmeFiles();
  for (const char* fixture : {"v3_polygon.json", "v4_0.json", "xanylabeling.json", "标注 ÿ.json", "exif_6.json"})
    files.push_back(sourcePath(std::string("tests/fixtures/labelme/") + fixture));
  int index = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const LoadResult loaded = readLabelmeFile(file);
    ASSERT_TRUE(loaded.ok());
    if (file.find("xanylabeling") != std::string::npos)
      continue; // 4-point rectangles: Labelme's shape_to_mask refuses them (we draw their bounding box)
    const auto dir = freshTestDir("_" + std::to_string(index++));
    std::string output;
    ASSERT_EQ(runOracle("shapes_to_label.py", {file, dir.string()}, &output), 0) << output;
    int height = 0, width = 0;
    std::ifstream((dir / "size.txt").string()) >> height >> width;
    const ImageLoadResult image = loadDocumentImage(*loaded.document, file);
    ASSERT_EQ(image.image.size(), cv::Size(width, height));
    const LabelMaps maps =
        shapesToLabel(image.image.size(), loaded.document->shapes, labelValuesSorted(loaded.document->shapes), file);
    ASSERT_TRUE(maps.errors.empty()) << maps.errors.front().message();
    EXPECT_EQ(cv::countNonZero(maps.classMap != readInt32((dir / "class.bin").string(), image.image.size())), 0);
    EXPECT_EQ(cv::countNonZero(maps.instanceMap != readInt32((dir / "instance.bin").string(), image.image.size())), 0);
  }
}

TEST(LabelMaps, LabelsFileOrderMatchesLabelme) {
  ASSERT_TRUE(oracleAvailable());
  const std::string file = examplesDir() + "/instance_segmentation/data_annotated/2011_000003.json";
  const std::string labels = examplesDir() + "/instance_segmentation/labels.txt";
  const auto dir = freshTestDir();
  std::string output;
  ASSERT_EQ(runOracle("shapes_to_label.py", {file, dir.string(), labels}, &output), 0) << output;
  const LoadResult loaded = readLabelmeFile(file);
  ASSERT_TRUE(loaded.ok());
  std::vector<std::string> names;
  std::ifstream in(labels);
  for (std::string line; std::getline(in, line);)
    names.push_back(line);
  const auto values = labelValuesFromList(names);
  EXPECT_EQ(values.at("__ignore__"), -1);
  EXPECT_EQ(values.at("_background_"), 0);
  EXPECT_EQ(values.at("aeroplane"), 1);
  const cv::Size size(*loaded.document->imageWidth, *loaded.document->imageHeight);
  const LabelMaps maps = shapesToLabel(size, loaded.document->shapes, values, file);
  ASSERT_TRUE(maps.errors.empty());
  EXPECT_EQ(cv::countNonZero(maps.classMap != readInt32((dir / "class.bin").string(), size)), 0);
}

TEST(LabelMaps, InstancesGroupByLabelAndGroupId) {
  std::vector<LabelmeShape> shapes(6);
  const std::pair<const char*, std::optional<int>> keys[] = {{"a", 1}, {"a", std::nullopt}, {"b", 1},
                                                             {"a", 1}, {"a", std::nullopt}, {"b", 1}};
  for (size_t i = 0; i < shapes.size(); ++i) {
    shapes[i].label = keys[i].first;
    shapes[i].groupId = keys[i].second;
  }
  const std::vector<Instance> instances = groupInstances(shapes);
  ASSERT_EQ(instances.size(), 4u);
  EXPECT_EQ(instances[0].shapeIndices, (std::vector<size_t>{0, 3}));
  EXPECT_EQ(instances[1].shapeIndices, (std::vector<size_t>{1}));
  EXPECT_EQ(instances[2].shapeIndices, (std::vector<size_t>{2, 5}));
  EXPECT_EQ(instances[3].shapeIndices, (std::vector<size_t>{4}));
}

TEST(LabelMaps, UnknownLabelIsAnError) {
  LabelmeShape shape;
  shape.label = "zebra";
  shape.points = {{1, 1}, {5, 1}, {3, 4}};
  const LabelMaps maps = shapesToLabel({8, 8}, {shape}, {{"_background_", 0}, {"cat", 1}}, "a.json");
  ASSERT_EQ(maps.errors.size(), 1u);
  EXPECT_EQ(maps.errors[0].message(), "a.json: /shapes/0/label: label \"zebra\" is not in the label list");
}

} // namespace
} // namespace polytrain::annotation
