// `polytrain-cli eval --gt --detections`: the real binary on hand-made COCO files with hand-computed numbers.
#include "tests/support/run_command.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

namespace {

const std::string kCli = POLYTRAIN_CLI_PATH;

std::filesystem::path freshFolder(const std::string& name) {
  const std::filesystem::path folder = std::filesystem::path(POLYTRAIN_TEST_OUTPUT_DIR) / name;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// One 10x10 square object in image 1 (image 2 is empty). Detections: the square shifted by 2 px (IoU 80/120 for
// boxes and masks) scored 0.95, the exact square scored 0.9, as polygons. COCO: at IoU .50-.65 the shifted one
// matches and the exact one is a duplicate (AP 1); at .70-.95 the shifted one is a false positive before the match
// (AP 0.5): AP = (4 + 6 * 0.5) / 10 = 0.7, AP50 = 1, AP75 = 0.5. PixelLib: matches T, F of one object -> AP 1.
const char* kGroundTruth = R"({"images": [{"id": 1, "width": 64, "height": 48}, {"id": 2, "width": 64, "height": 48}],
  "categories": [{"id": 1, "name": "square"}],
  "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 10, 10], "area": 100, "iscrowd": 0,
                   "segmentation": [[10, 10, 20, 10, 20, 20, 10, 20]]}]})";
const char* kDetections = R"([
  {"image_id": 1, "category_id": 1, "bbox": [12, 10, 10, 10], "score": 0.95,
   "segmentation": [[12, 10, 22, 10, 22, 20, 12, 20]]},
  {"image_id": 1, "category_id": 1, "bbox": [10, 10, 10, 10], "score": 0.9,
   "segmentation": [[10, 10, 20, 10, 20, 20, 10, 20]]}])";

} // namespace

TEST(EvalCliTest, ScoresCocoResultsAndWritesMetricsTablesAndCurves) {
  const auto folder = freshFolder("eval_cli");
  write(folder / "gt.json", kGroundTruth);
  write(folder / "dets.json", kDetections);
  const auto output =
      runCommand(kCli + " --threads 2 eval --gt " + shellQuote((folder / "gt.json").string()) + " --detections " +
                 shellQuote((folder / "dets.json").string()) + " --json " +
                 shellQuote((folder / "metrics.json").string()) + " --out " + shellQuote((folder / "run").string()));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("IoU type: bbox\n Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | "
                             "maxDets=100 ] = 0.700"),
            std::string::npos)
      << output.text;
  EXPECT_NE(output.text.find("IoU type: segm\n Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | "
                             "maxDets=100 ] = 0.700"),
            std::string::npos)
      << output.text;
  EXPECT_NE(output.text.find("PixelLib mAP@0.50"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("on 2 threads"), std::string::npos) << output.text;

  std::ifstream metricsFile(folder / "metrics.json");
  const auto metrics = nlohmann::json::parse(metricsFile);
  EXPECT_NEAR(metrics["bbox"]["stats"]["AP"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(metrics["bbox"]["stats"]["AP50"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(metrics["bbox"]["stats"]["AP75"].get<double>(), 0.5, 1e-12);
  EXPECT_EQ(metrics["bbox"]["stats_list"].size(), 12u);
  EXPECT_NEAR(metrics["segm"]["stats"]["AP"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(metrics["pixellib_map50"].get<double>(), 1.0, 1e-12);
  EXPECT_EQ(metrics["pixellib"]["iou_type"], "segm");
  EXPECT_EQ(metrics["bbox"]["per_class"][0]["name"], "square");
  EXPECT_NEAR(metrics["segm"]["per_class"][0]["ap"].get<double>(), 0.7, 1e-12);

  for (const char* name : {"metrics.json", "coco_summary.txt", "per_class_ap.csv", "pr_curve.csv", "f1_curve.csv",
                           "confusion_matrix.csv", "pr_curve.png", "f1_curve.png", "confusion_matrix.png"})
    EXPECT_GT(std::filesystem::file_size(folder / "run" / name), 0u) << name;
  std::ifstream perClass(folder / "run" / "per_class_ap.csv");
  std::string header, row;
  std::getline(perClass, header);
  std::getline(perClass, row);
  EXPECT_EQ(row, "1,square,1,2,0.7,1,0.5,0.7,1,0.5");
  std::ifstream confusion(folder / "run" / "confusion_matrix.csv");
  const std::string matrix((std::istreambuf_iterator<char>(confusion)), std::istreambuf_iterator<char>());
  // The exact square is matched (IoU 1 first); the shifted one is a false alarm.
  EXPECT_EQ(matrix, "ground_truth\\predicted,square,background\nsquare,1,0\nbackground,1,0\n");
}

TEST(EvalCliTest, ResultsOnUnknownImagesFailWithTheFieldNamed) {
  const auto folder = freshFolder("eval_cli_error");
  write(folder / "gt.json", kGroundTruth);
  write(folder / "dets.json", R"([{"image_id": 9, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}])");
  const auto output = runCommand(kCli + " eval --gt " + shellQuote((folder / "gt.json").string()) + " --detections " +
                                 shellQuote((folder / "dets.json").string()));
  EXPECT_EQ(output.exitCode, 1) << output.text;
  EXPECT_NE(output.text.find("dets.json: /0/image_id: image 9 is not in the ground truth"), std::string::npos)
      << output.text;
}

TEST(EvalCliTest, RequiresGroundTruthAndDetections) {
  const auto output = runCommand(kCli + " eval --gt /nonexistent.json");
  EXPECT_NE(output.exitCode, 0);
  EXPECT_NE(output.text.find("--gt"), std::string::npos) << output.text;
}
