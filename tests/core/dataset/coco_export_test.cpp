// COCO export against Labelme: the COCO file labelme2coco.py made for the shipped examples, and labelme2coco's
// semantics run through Labelme's own rasteriser (labelme2coco_oracle.py) on tricky shapes.
#include "core/dataset/coco_export.h"
#include "core/dataset/dataset.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {

nlohmann::json readJson(const std::string& path) {
  std::ifstream stream(path);
  return nlohmann::json::parse(stream);
}

std::string baseName(const std::string& path) {
  return fs::path(path).filename().string();
}

// Opens FOLDER as one split (everything in train) and writes train.json into OUT.
CocoWriteResult exportAll(const std::string& folder, const std::string& labels, const std::string& out) {
  OpenOptions options;
  options.labelsFile = labels;
  options.testRatio = 0.0;
  options.saveFiles = false;
  const Dataset dataset = openDataset(folder, options);
  EXPECT_TRUE(dataset.problems.empty()) << dataset.problems.front().message();
  return writeCocoSplits(dataset, out);
}

// Runs the oracle over the train.json's source files and checks every instance's category, area and bbox.
void expectOracleAgreement(const std::string& labels, const std::vector<std::string>& jsonFiles,
                           const nlohmann::json& ours, const std::string& out) {
  std::string files;
  for (const std::string& file : jsonFiles)
    files += " " + shellQuote(file);
  const std::string oraclePath = out + "/oracle.json";
  const auto run = runPython(shellQuote(kScripts + "/labelme2coco_oracle.py") + " " + shellQuote(labels) + " " +
                             shellQuote(oraclePath) + files);
  ASSERT_EQ(run.exitCode, 0) << "the Labelme oracle must run (labelme from Debian):\n" << run.text;
  const nlohmann::json oracle = readJson(oraclePath);
  ASSERT_EQ(ours["images"].size(), oracle["images"].size());
  size_t annotation = 0;
  for (size_t i = 0; i < oracle["images"].size(); ++i) {
    const auto& expected = oracle["images"][i];
    const auto& image = ours["images"][i];
    EXPECT_EQ(image["height"], expected["height"]);
    EXPECT_EQ(image["width"], expected["width"]);
    for (const auto& instance : expected["instances"]) {
      if (instance["area"].get<int>() == 0)
        continue; // we drop empty instances (with a warning); labelme2coco writes them with area 0
      ASSERT_LT(annotation, ours["annotations"].size());
      const auto& ann = ours["annotations"][annotation++];
      SCOPED_TRACE(expected["file"].get<std::string>() + " annotation " + std::to_string(ann["id"].get<int>()));
      EXPECT_EQ(ann["image_id"], image["id"]);
      EXPECT_EQ(ann["category_id"], instance["category_id"]);
      EXPECT_EQ(ann["area"].get<double>(), instance["area"].get<double>());
      for (int k = 0; k < 4; ++k)
        EXPECT_EQ(ann["bbox"][k].get<double>(), instance["bbox"][k].get<double>()) << k;
    }
  }
  EXPECT_EQ(annotation, ours["annotations"].size());
}

} // namespace

TEST(CocoExportTest, LabelmeExamplesAgreeWithTheShippedLabelme2cocoFile) {
  const std::string out = freshFolder("coco_examples");
  const CocoWriteResult written = exportAll(kExamples + "/data_annotated", kExamples + "/labels.txt", out);
  ASSERT_TRUE(written.errors.empty());
  const nlohmann::json ours = readJson(out + "/train.json");
  const nlohmann::json shipped = readJson(kExamples + "/data_dataset_coco/annotations.json");

  // Same categories, ids included (labelme2coco exports _background_ as id 0 when labels.txt lists it).
  ASSERT_EQ(ours["categories"].size(), shipped["categories"].size());
  for (size_t i = 0; i < shipped["categories"].size(); ++i) {
    EXPECT_EQ(ours["categories"][i]["id"], shipped["categories"][i]["id"]);
    EXPECT_EQ(ours["categories"][i]["name"], shipped["categories"][i]["name"]);
  }

  // Same images (matched by file name: labelme2coco takes glob order, we take natural order) and instances.
  ASSERT_EQ(ours["images"].size(), shipped["images"].size());
  size_t compared = 0;
  for (const auto& theirImage : shipped["images"]) {
    const auto ourImage = std::find_if(ours["images"].begin(), ours["images"].end(), [&](const auto& image) {
      return baseName(image["file_name"]) == baseName(theirImage["file_name"]);
    });
    ASSERT_NE(ourImage, ours["images"].end()) << theirImage["file_name"];
    EXPECT_EQ((*ourImage)["height"], theirImage["height"]);
    EXPECT_EQ((*ourImage)["width"], theirImage["width"]);
    std::vector<nlohmann::json> theirs, mine;
    for (const auto& a : shipped["annotations"])
      if (a["image_id"] == theirImage["id"])
        theirs.push_back(a);
    for (const auto& a : ours["annotations"])
      if (a["image_id"] == (*ourImage)["id"])
        mine.push_back(a);
    ASSERT_EQ(mine.size(), theirs.size()) << theirImage["file_name"];
    for (size_t k = 0; k < theirs.size(); ++k, ++compared) {
      SCOPED_TRACE(theirImage["file_name"].get<std::string>() + " instance " + std::to_string(k));
      EXPECT_EQ(mine[k]["category_id"], theirs[k]["category_id"]);
      EXPECT_EQ(mine[k]["iscrowd"], 0);
      for (int c = 0; c < 4; ++c)
        EXPECT_NEAR(mine[k]["bbox"][c].get<double>(), theirs[k]["bbox"][c].get<double>(), 1.0) << c;
      // Within one pixel along the outline: area differences stay below the instance's perimeter.
      const double perimeter = 2.0 * (theirs[k]["bbox"][2].get<double>() + theirs[k]["bbox"][3].get<double>());
      EXPECT_NEAR(mine[k]["area"].get<double>(), theirs[k]["area"].get<double>(), perimeter);
      // Polygons are the shapes' points as labelme2coco writes them.
      ASSERT_EQ(mine[k]["segmentation"].size(), theirs[k]["segmentation"].size());
      for (size_t p = 0; p < theirs[k]["segmentation"].size(); ++p) {
        ASSERT_EQ(mine[k]["segmentation"][p].size(), theirs[k]["segmentation"][p].size());
        for (size_t v = 0; v < theirs[k]["segmentation"][p].size(); ++v)
          EXPECT_NEAR(mine[k]["segmentation"][p][v].get<double>(), theirs[k]["segmentation"][p][v].get<double>(), 1e-6);
      }
    }
  }
  EXPECT_EQ(compared, 12u);

  const auto check = runPython(shellQuote(kScripts + "/coco_check.py") + " " + shellQuote(out + "/train.json"));
  EXPECT_EQ(check.exitCode, 0) << check.text;
  EXPECT_EQ(check.text, "ok\n");
}

TEST(CocoExportTest, LabelmeExamplesAreasAndBoxesEqualLabelmesRasteriser) {
  const std::string out = freshFolder("coco_examples_oracle");
  exportAll(kExamples + "/data_annotated", kExamples + "/labels.txt", out);
  expectOracleAgreement(kExamples + "/labels.txt",
                        {kExamples + "/data_annotated/2011_000003.json", kExamples + "/data_annotated/2011_000006.json",
                         kExamples + "/data_annotated/2011_000025.json"},
                        readJson(out + "/train.json"), out);
}

TEST(CocoExportTest, GroupsIgnoreUnknownLabelsAndEveryShapeTypeFollowLabelme) {
  const std::string data = freshFolder("coco_tricky/data");
  const std::string out = freshFolder("coco_tricky/out");
  writePair(data, "a", {120, 90},
            {polygon("cat", {{10.5, 10.2}, {40.7, 12.1}, {30.3, 40.9}}, 1),
             polygon("cat", {{60, 50}, {80, 52}, {70, 75}}, 1), // same (label, group): one instance, two polygons
             polygon("dog", {{5, 60}, {25, 60}, {15, 85}}, 1),  // same group id, other label: its own instance
             polygon("__ignore__", {{0, 0}, {50, 0}, {50, 50}}),
             polygon("horse", {{90, 5}, {110, 5}, {100, 30}}), // not in labels.txt: skipped like labelme2coco
             typed("rectangle", "dog", {{100.6, 80.2}, {85.3, 60.9}}),
             typed("circle", "cat", {{60.2, 30.7}, {75.9, 38.1}})});
  writePair(data, "b", {64, 48},
            {typed("line", "cat", {{3, 3}, {40, 20}}), typed("linestrip", "dog", {{5, 40}, {30, 30}, {60, 44}}),
             typed("point", "cat", {{50.5, 10.5}}), polygon("dog", {{-20, -20}, {-5, -20}, {-5, -5}})});
  const std::string labels = data + "/../labels.txt";
  ASSERT_FALSE(polytrain::writeFileAtomically(labels, "__ignore__\n_background_\ncat\ndog\n"));

  const CocoWriteResult written = exportAll(data, labels, out);
  const nlohmann::json ours = readJson(out + "/train.json");
  expectOracleAgreement(labels, {data + "/a.json", data + "/b.json"}, ours, out);

  // a: cat(group 1, two polygons), dog(group 1), dog rectangle, cat circle; b: line, linestrip, point (the
  // polygon outside the image has no pixel and is dropped with a warning).
  ASSERT_EQ(ours["annotations"].size(), 7u);
  EXPECT_EQ(ours["annotations"][0]["segmentation"].size(), 2u);
  EXPECT_EQ(ours["annotations"][2]["segmentation"][0],
            nlohmann::json({85.3, 60.9, 100.6, 60.9, 100.6, 80.2, 85.3, 80.2}));
  // Circle of radius hypot(15.7, 7.4) = 17.36: pi / arccos(1 - 1/r) = 9.2, so labelme2coco's minimum of 12.
  const auto& circle = ours["annotations"][3]["segmentation"][0];
  ASSERT_EQ(circle.size(), 24u);
  const double radius = std::hypot(15.7, 7.4);
  EXPECT_NEAR(circle[0].get<double>(), 60.2, 1e-9);          // x = cx + r sin(0)
  EXPECT_NEAR(circle[1].get<double>(), 30.7 + radius, 1e-9); // y = cy + r cos(0)
  EXPECT_EQ(written.train.droppedInstances, 1);
  for (const auto& annotation : ours["annotations"])
    for (const auto& polygonValues : annotation["segmentation"])
      EXPECT_GE(polygonValues.size(), 6u); // line, point: their outline, not 2 or 4 values
  const auto check = runPython(shellQuote(kScripts + "/coco_check.py") + " " + shellQuote(out + "/train.json"));
  EXPECT_EQ(check.text, "ok\n");
}

TEST(CocoExportTest, CirclePointCountFollowsLabelme2coco) {
  polytrain::annotation::LabelmeShape circle = typed("circle", "c", {{0, 0}, {100, 0}});
  // r = 100: pi / arccos(0.99) = 22.19 -> 22 points.
  EXPECT_EQ(shapePolygons(circle, {300, 300})[0].size(), 44u);
  circle.points[1] = {3, 4}; // r = 5: 4.9 -> at least 12
  EXPECT_EQ(shapePolygons(circle, {300, 300})[0].size(), 24u);
}
