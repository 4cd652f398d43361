// `polytrain-cli labelme ...` run as a user would; render is checked against the class and object maps that
// Labelme's own labelme2voc.py wrote into labelme-examples (SegmentationClass/*.npy, SegmentationObject/*.npy).
#include "tests/support/run_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;
using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

const std::string kCli = POLYTRAIN_CLI_PATH;
const std::string kFixtures = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/fixtures/labelme";
const std::string kExamples = "/usr/share/doc/labelme-examples/examples/instance_segmentation";

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "labelme_cli" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A little-endian int32 2-D .npy (numpy.save) as written by labelme2voc.py.
cv::Mat1i readNpyInt32(const fs::path& path) {
  const std::string bytes = readText(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    return {};
  const size_t headerLength = uint8_t(bytes[8]) | (uint8_t(bytes[9]) << 8);
  const std::string header = bytes.substr(10, headerLength);
  EXPECT_NE(header.find("'descr': '<i4'"), std::string::npos) << header;
  EXPECT_NE(header.find("'fortran_order': False"), std::string::npos) << header;
  int height = 0, width = 0;
  std::sscanf(header.c_str() + header.find("'shape': (") + 10, "%d, %d", &height, &width);
  cv::Mat1i map(height, width);
  EXPECT_EQ(bytes.size() - 10 - headerLength, map.total() * 4);
  std::memcpy(map.data, bytes.data() + 10 + headerLength, std::min(map.total() * 4, bytes.size() - 10 - headerLength));
  return map;
}

TEST(LabelmeCli, ValidateAcceptsTheFixturesAndListsEveryProblem) {
  auto output = runCommand(kCli + " labelme validate " + shellQuote(kFixtures));
  EXPECT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("validated 10 file(s): 0 error(s)"), std::string::npos) << output.text;

  const fs::path dir = freshDir("validate");
  std::ofstream(dir / "bad.json") << R"({"shapes": [{"label": "a", "points": [[1, 2], [3, 4]]},
    {"label": 5, "points": [[1, 2], [3, 4], [5, 6]]}], "imagePath": "missing.png", "imageHeight": 10})";
  std::ofstream(dir / "truncated.json") << R"({"shapes": [{"label": )";
  output = runCommand(kCli + " labelme validate " + shellQuote((dir / "bad.json").string()) + " " +
                      shellQuote((dir / "truncated.json").string()));
  EXPECT_EQ(output.exitCode, 1) << output.text;
  const std::string bad = (dir / "bad.json").string();
  EXPECT_NE(output.text.find("error: " + bad + ": /shapes/0/points: polygon needs >= 3 points, got 2"),
            std::string::npos)
      << output.text;
  EXPECT_NE(output.text.find("error: " + bad + ": /shapes/1/label: must be a string, got number"), std::string::npos)
      << output.text;
  EXPECT_NE(output.text.find("truncated.json: not valid JSON"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("validated 2 file(s): 3 error(s)"), std::string::npos) << output.text;

  std::ofstream(dir / "size.json") << R"({"shapes": [], "imagePath": ")" + kFixtures + R"(/small.png",
    "imageHeight": 99, "imageWidth": 24})";
  output = runCommand(kCli + " labelme validate " + shellQuote((dir / "size.json").string()));
  EXPECT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("warning: " + (dir / "size.json").string() +
                             ": /imageHeight: is 99 but the image is 16 pixels high; the real size is used"),
            std::string::npos)
      << output.text;
}

TEST(LabelmeCli, ConvertUpgradesKeepsUnknownKeysAndHandlesImageData) {
  const fs::path dir = freshDir("convert");
  auto output =
      runCommand(kCli + " labelme convert " + shellQuote(kFixtures + "/v3_polygon.json") + " " +
                 shellQuote(kFixtures + "/backslash_path.json") + " --out " + shellQuote((dir / "keep").string()));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  const auto v3 = nlohmann::ordered_json::parse(readText(dir / "keep" / "v3_polygon.json"));
  EXPECT_EQ(v3["version"], "5.1.1");
  EXPECT_EQ(v3["shapes"][0]["shape_type"], "polygon");
  EXPECT_EQ(v3["shapes"][1]["line_color"], nlohmann::ordered_json({0, 255, 0, 128}));
  EXPECT_EQ(v3["lineColor"], nlohmann::ordered_json({0, 255, 0, 128}));
  EXPECT_EQ(v3["imageHeight"], 16);
  EXPECT_TRUE(v3["imageData"].is_null());
  // imagePath now leads from the output folder to the image, with forward slashes.
  const auto moved = nlohmann::ordered_json::parse(readText(dir / "keep" / "backslash_path.json"));
  const std::string imagePath = moved["imagePath"];
  EXPECT_EQ(imagePath.find('\\'), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "keep" / imagePath)) << imagePath;

  output = runCommand(kCli + " labelme convert " + shellQuote(kFixtures + "/exif_6.json") + " --out " +
                      shellQuote((dir / "embed").string()) + " --image-data embed");
  ASSERT_EQ(output.exitCode, 0) << output.text;
  const auto embedded = nlohmann::ordered_json::parse(readText(dir / "embed" / "exif_6.json"));
  ASSERT_TRUE(embedded["imageData"].is_string());
  EXPECT_GT(embedded["imageData"].get<std::string>().size(), 100u);

  output = runCommand(kCli + " labelme convert " + shellQuote((dir / "embed" / "exif_6.json").string()) + " --out " +
                      shellQuote((dir / "strip").string()) + " --image-data strip");
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_TRUE(nlohmann::ordered_json::parse(readText(dir / "strip" / "exif_6.json"))["imageData"].is_null());

  output = runCommand(kCli + " labelme convert " + shellQuote(kFixtures) + " --out " +
                      shellQuote((dir / "x").string()) + " --image-data sideways");
  EXPECT_NE(output.exitCode, 0);
  EXPECT_NE(output.text.find("sideways"), std::string::npos) << output.text;
}

TEST(LabelmeCli, RenderMatchesLabelme2VocClassAndObjectMaps) {
  const fs::path dir = freshDir("render");
  for (const char* stem : {"2011_000003", "2011_000006", "2011_000025"}) {
    SCOPED_TRACE(stem);
    const std::string json = kExamples + "/data_annotated/" + stem + ".json";
    const fs::path classPng = dir / (std::string(stem) + "_class.png");
    const fs::path objectPng = dir / (std::string(stem) + "_object.png");
    auto output = runCommand(kCli + " labelme render " + shellQuote(json) + " --out " + shellQuote(classPng.string()) +
                             " --labels " + shellQuote(kExamples + "/labels.txt"));
    ASSERT_EQ(output.exitCode, 0) << output.text;
    output = runCommand(kCli + " labelme render " + shellQuote(json) + " --out " + shellQuote(objectPng.string()) +
                        " --labels " + shellQuote(kExamples + "/labels.txt") + " --instances");
    ASSERT_EQ(output.exitCode, 0) << output.text;

    const cv::Mat classes = cv::imread(classPng.string(), cv::IMREAD_UNCHANGED);
    const cv::Mat objects = cv::imread(objectPng.string(), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(classes.type(), CV_8UC1);
    ASSERT_EQ(objects.type(), CV_8UC1);
    const cv::Mat1i expectedClasses = readNpyInt32(kExamples + "/data_dataset_voc/SegmentationClass/" + stem + ".npy");
    const cv::Mat1i expectedObjects = readNpyInt32(kExamples + "/data_dataset_voc/SegmentationObject/" + stem + ".npy");
    ASSERT_EQ(classes.size(), expectedClasses.size());
    cv::Mat1i ours;
    classes.convertTo(ours, CV_32S);
    cv::Mat1i theirs = expectedClasses.clone();
    theirs.setTo(255, theirs == -1);
    // Documented exception: the shipped .npy files were made with an older Pillow. The installed Labelme (Pillow
    // 9.4, our oracle everywhere else) differs from them at exactly one pixel of 2011_000006, row 290 column 104,
    // and so do we; everywhere else the shipped maps must be met exactly.
    cv::Mat1b exception = cv::Mat1b::zeros(theirs.size());
    if (std::string(stem) == "2011_000006")
      exception(290, 104) = 1;
    cv::Mat1b classDifference = ours != theirs;
    classDifference.setTo(0, exception);
    EXPECT_EQ(cv::countNonZero(classDifference), 0);
    EXPECT_GT(cv::countNonZero(ours), 1000);
    // labelme2voc zeroes instances of __ignore__ (class -1); compare elsewhere.
    objects.convertTo(ours, CV_32S);
    ours.setTo(0, expectedClasses == -1);
    cv::Mat1b objectDifference = ours != expectedObjects;
    objectDifference.setTo(0, exception);
    EXPECT_EQ(cv::countNonZero(objectDifference), 0);
  }
}

TEST(LabelmeCli, RenderWithoutLabelsUsesSortedLabelsAndReportsErrors) {
  const fs::path dir = freshDir("render_sorted");
  auto output = runCommand(kCli + " labelme render " + shellQuote(kFixtures + "/v4_0.json") + " --out " +
                           shellQuote((dir / "a.png").string()));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  const cv::Mat classes = cv::imread((dir / "a.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_EQ(classes.size(), cv::Size(24, 16));
  double maximum = 0;
  cv::minMaxLoc(classes, nullptr, &maximum);
  EXPECT_EQ(maximum, 5.0); // ball, kp, lane, path, person -> 1..5

  std::ofstream(dir / "labels.txt") << "_background_\nperson\n";
  output = runCommand(kCli + " labelme render " + shellQuote(kFixtures + "/v4_0.json") + " --out " +
                      shellQuote((dir / "b.png").string()) + " --labels " + shellQuote((dir / "labels.txt").string()));
  EXPECT_EQ(output.exitCode, 1);
  EXPECT_NE(output.text.find("/shapes/2/label: label \"ball\" is not in the label list"), std::string::npos)
      << output.text;
  EXPECT_FALSE(fs::exists(dir / "b.png"));
}

} // namespace
