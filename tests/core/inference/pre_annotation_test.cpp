// Detections -> Labelme shapes -> a Labelme file, checked with core's reader and with Labelme's own LabelFile and
// shape_to_mask (the oracle in oracle/labelme_shapes_iou.py).
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/inference/pre_annotation.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

using namespace polytrain;
using namespace polytrain::inference;
namespace fs = std::filesystem;

namespace {

constexpr int kWidth = 160;
constexpr int kHeight = 120;

fs::path freshDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "core" / "inference" /
                       (std::string(info->test_suite_name()) + "." + info->name());
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

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the Labelme oracle on `json` (and reference masks); its JSON answer, or a failure with its output.
nlohmann::json askLabelme(const fs::path& json, const std::vector<fs::path>& masks = {}) {
  std::string command =
      quoted(POLYTRAIN_PYTHON) + " " +
      quoted(std::string(POLYTRAIN_SOURCE_DIR) + "/tests/core/inference/oracle/labelme_shapes_iou.py") + " " +
      quoted(json.string());
  for (const fs::path& mask : masks)
    command += " " + quoted(mask.string());
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while (pipe && (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), n);
  const int status = pipe ? ::pclose(pipe) : -1;
  const bool ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  EXPECT_TRUE(ok) << "Labelme could not open " << json << ":\n" << output;
  if (!ok)
    return {};
  const size_t start = output.rfind("\n{"); // Labelme may log warnings before the answer
  return nlohmann::json::parse(start == std::string::npos ? output : output.substr(start + 1));
}

cv::Mat1b circleMask(cv::Point centre, int radius) {
  cv::Mat1b mask(kHeight, kWidth, uchar(0));
  cv::circle(mask, centre, radius, cv::Scalar(255), cv::FILLED);
  return mask;
}

Instance instanceOf(const std::string& name, int label, float score, cv::Mat1b mask) {
  Instance instance;
  instance.label = label;
  instance.className = name;
  instance.score = score;
  instance.mask = std::move(mask);
  if (!instance.mask.empty()) {
    const cv::Rect box = cv::boundingRect(instance.mask);
    instance.box = cv::Rect2f(box);
  }
  return instance;
}

// A circle (0.9), a mask in two pieces (0.7), a box without a mask (0.6).
Prediction samplePrediction() {
  Prediction prediction;
  prediction.imageWidth = kWidth;
  prediction.imageHeight = kHeight;
  prediction.instances.push_back(instanceOf("circle", 1, 0.9f, circleMask({50, 60}, 30)));
  cv::Mat1b pieces(kHeight, kWidth, uchar(0));
  cv::rectangle(pieces, cv::Rect(100, 10, 30, 20), cv::Scalar(255), cv::FILLED);
  cv::rectangle(pieces, cv::Rect(100, 80, 40, 25), cv::Scalar(255), cv::FILLED);
  prediction.instances.push_back(instanceOf("bar", 2, 0.7f, pieces));
  Instance box = instanceOf("box", 3, 0.6f, cv::Mat1b());
  box.box = cv::Rect2f(10.5f, 5.f, 20.f, 12.f);
  prediction.instances.push_back(box);
  return prediction;
}

fs::path writeImage(const fs::path& dir, const std::string& name = "image.png") {
  cv::Mat3b image(kHeight, kWidth, cv::Vec3b(40, 90, 160));
  cv::circle(image, {50, 60}, 30, cv::Scalar(200, 200, 30), cv::FILLED);
  const fs::path path = dir / name;
  EXPECT_TRUE(cv::imwrite(path.string(), image));
  return path;
}

double iou(const cv::Mat1b& a, const cv::Mat1b& b) {
  const double both = cv::countNonZero(a & b);
  const double either = cv::countNonZero(a | b);
  return either > 0 ? both / either : 0;
}

cv::Mat1b fillPolygon(const std::vector<cv::Point2d>& polygon) {
  std::vector<cv::Point> points;
  for (const cv::Point2d& p : polygon)
    points.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
  cv::Mat1b mask(kHeight, kWidth, uchar(0));
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255));
  return mask;
}

} // namespace

TEST(MaskPolygonsTest, CircleBecomesOneSimplifiedPolygonCoveringTheMask) {
  const cv::Mat1b mask = circleMask({50, 60}, 30);
  const auto fine = maskPolygons(mask, 0.5, 16);
  const auto coarse = maskPolygons(mask, 3.0, 16);
  ASSERT_EQ(fine.size(), 1u);
  ASSERT_EQ(coarse.size(), 1u);
  // A larger tolerance keeps fewer vertices; both still trace the circle.
  EXPECT_LT(coarse[0].size(), fine[0].size());
  EXPECT_GE(coarse[0].size(), 6u);
  EXPECT_GT(iou(fillPolygon(fine[0]), mask), 0.97);
  EXPECT_GT(iou(fillPolygon(coarse[0]), mask), 0.90);
  for (const cv::Point2d& p : coarse[0]) // every vertex lies on the circle's border, within the tolerance
    EXPECT_NEAR(std::hypot(p.x - 50, p.y - 60), 30.0, 3.5);
}

TEST(MaskPolygonsTest, DropsFragmentsSmallerThanTheMinimumAreaAndOrdersByArea) {
  cv::Mat1b mask = circleMask({50, 60}, 30);
  cv::rectangle(mask, cv::Rect(140, 10, 3, 3), cv::Scalar(255), cv::FILLED); // a 3x3 speck: area 4 as a polygon
  cv::rectangle(mask, cv::Rect(120, 90, 12, 10), cv::Scalar(255), cv::FILLED);
  mask(5, 5) = 255; // a single pixel has no area at all
  const auto kept = maskPolygons(mask, 1.0, 16);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_GT(std::abs(cv::contourArea(std::vector<cv::Point2f>(kept[0].begin(), kept[0].end()))), 2000);
  EXPECT_NEAR(std::abs(cv::contourArea(std::vector<cv::Point2f>(kept[1].begin(), kept[1].end()))), 11 * 9, 1);
  EXPECT_EQ(maskPolygons(mask, 1.0, 1).size(), 3u); // the speck is back, the single pixel never
  EXPECT_TRUE(maskPolygons(cv::Mat1b(kHeight, kWidth, uchar(0)), 1.0, 0).empty());
  EXPECT_TRUE(maskPolygons(cv::Mat1b(), 1.0, 0).empty());
}

TEST(PredictionToShapesTest, PolygonsForMasksRectanglesForBoxesGroupsForPieces) {
  const std::vector<annotation::LabelmeShape> shapes = predictionToShapes(samplePrediction(), {});
  ASSERT_EQ(shapes.size(), 4u);
  EXPECT_EQ(shapes[0].label, "circle");
  EXPECT_EQ(shapes[0].shapeType, "polygon");
  EXPECT_FALSE(shapes[0].groupId.has_value());
  EXPECT_DOUBLE_EQ(shapes[0].extra.at("score").get<double>(), 0.9);
  EXPECT_EQ(shapes[1].label, "bar");
  EXPECT_EQ(shapes[2].label, "bar");
  ASSERT_TRUE(shapes[1].groupId.has_value());
  EXPECT_EQ(shapes[1].groupId, shapes[2].groupId); // two pieces of one detection
  EXPECT_EQ(shapes[1].points.size(), 4u);          // a filled rectangle simplifies to its corners
  EXPECT_EQ(shapes[3].shapeType, "rectangle");
  ASSERT_EQ(shapes[3].points.size(), 2u);
  EXPECT_DOUBLE_EQ(shapes[3].points[0].x, 10.5);
  EXPECT_DOUBLE_EQ(shapes[3].points[1].x, 30.5);
  EXPECT_DOUBLE_EQ(shapes[3].points[1].y, 17.0);

  PreAnnotationOptions noScores;
  noScores.writeScore = false;
  noScores.minimumArea = 700; // the bar's smaller piece (551 px² as a polygon) goes, so the bar is a single shape again
  const auto fewer = predictionToShapes(samplePrediction(), noScores);
  ASSERT_EQ(fewer.size(), 2u);
  EXPECT_FALSE(fewer[1].groupId.has_value());
  EXPECT_FALSE(fewer[0].extra.contains("score"));
}

TEST(PredictionToShapesTest, UnnamedClassesAndOrderByScore) {
  Prediction prediction;
  prediction.imageWidth = kWidth;
  prediction.imageHeight = kHeight;
  prediction.instances.push_back(instanceOf("", 4, 0.3f, circleMask({30, 30}, 10)));
  prediction.instances.push_back(instanceOf("dog", 1, 0.8f, circleMask({100, 60}, 12)));
  const auto shapes = predictionToShapes(prediction, {});
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0].label, "dog");
  EXPECT_EQ(shapes[1].label, "class_4");
}

TEST(WritePreAnnotationTest, NewFileOpensInLabelmeWithTheDetectedShapes) {
  const fs::path dir = freshDir();
  const fs::path image = writeImage(dir);
  const Prediction prediction = samplePrediction();
  auto written = writePreAnnotation(image.string(), prediction, {});
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(written)) << std::get<Error>(written).message();
  const PreAnnotationResult& result = std::get<PreAnnotationResult>(written);
  EXPECT_EQ(result.jsonPath, (dir / "image.json").string());
  EXPECT_EQ(result.outcome, PreAnnotationOutcome::Created);
  EXPECT_EQ(result.shapesWritten, 4);

  // Core reads it back.
  const annotation::LoadResult loaded = annotation::readLabelmeFile(result.jsonPath);
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().message());
  EXPECT_EQ(loaded.document->imagePath, "image.png");
  EXPECT_EQ(loaded.document->imageWidth, kWidth);
  EXPECT_EQ(loaded.document->imageHeight, kHeight);
  EXPECT_FALSE(loaded.document->imageData.has_value());
  ASSERT_EQ(loaded.document->shapes.size(), 4u);
  EXPECT_EQ(loaded.document->shapes[3].shapeType, "rectangle");

  // Labelme opens it, finds the image, and its own rasteriser rebuilds the masks we started from.
  const fs::path circle = dir / "circle-mask.png";
  const fs::path bar = dir / "bar-mask.png";
  ASSERT_TRUE(cv::imwrite(circle.string(), prediction.instances[0].mask));
  ASSERT_TRUE(cv::imwrite(bar.string(), prediction.instances[1].mask));
  const nlohmann::json answer = askLabelme(result.jsonPath, {circle, bar});
  ASSERT_FALSE(answer.is_null());
  EXPECT_EQ(answer["shapes"], 4);
  EXPECT_EQ(answer["labels"], nlohmann::json({"circle", "bar", "bar", "box"}));
  EXPECT_EQ(answer["types"], nlohmann::json({"polygon", "polygon", "polygon", "rectangle"}));
  EXPECT_EQ(answer["groups"][1], answer["groups"][2]);
  EXPECT_TRUE(answer["groups"][0].is_null());
  EXPECT_DOUBLE_EQ(answer["scores"][0].get<double>(), 0.9);
  EXPECT_EQ(answer["width"], kWidth);
  EXPECT_EQ(answer["height"], kHeight);
  EXPECT_GT(answer["ious"][0].get<double>(), 0.95) << answer.dump();
  EXPECT_GT(answer["ious"][1].get<double>(), 0.95) << answer.dump();
}

TEST(WritePreAnnotationTest, EmbeddedImageDataOpensInLabelmeWithoutTheImageFile) {
  const fs::path dir = freshDir();
  const fs::path image = writeImage(dir);
  PreAnnotationOptions options;
  options.embedImageData = true;
  auto written = writePreAnnotation(image.string(), samplePrediction(), options, (dir / "elsewhere.json").string());
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(written)) << std::get<Error>(written).message();
  fs::remove(image);
  const nlohmann::json answer = askLabelme(dir / "elsewhere.json");
  ASSERT_FALSE(answer.is_null());
  EXPECT_EQ(answer["shapes"], 4);
  EXPECT_EQ(answer["width"], kWidth);
}

TEST(WritePreAnnotationTest, ExistingFilesAreSkippedUnlessThePolicySaysOtherwise) {
  const fs::path dir = freshDir();
  const fs::path image = writeImage(dir);
  annotation::LabelmeDocument existing;
  existing.version = "5.1.1";
  existing.flags["checked"] = true;
  existing.imagePath = "image.png";
  existing.imageWidth = kWidth;
  existing.imageHeight = kHeight;
  annotation::LabelmeShape mine;
  mine.label = "by hand";
  mine.shapeType = "rectangle";
  mine.points = {{1, 1}, {20, 20}};
  existing.shapes.push_back(mine);
  const fs::path json = dir / "image.json";
  ASSERT_FALSE(annotation::writeLabelmeFile(json.string(), existing).has_value());
  const std::string before = readText(json);

  PreAnnotationOptions options; // Skip is the default
  auto skipped = writePreAnnotation(image.string(), samplePrediction(), options);
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(skipped));
  EXPECT_EQ(std::get<PreAnnotationResult>(skipped).outcome, PreAnnotationOutcome::SkippedExisting);
  EXPECT_EQ(std::get<PreAnnotationResult>(skipped).shapesWritten, 0);
  EXPECT_EQ(readText(json), before);

  options.existing = ExistingAnnotationPolicy::AddToShapes;
  auto added = writePreAnnotation(image.string(), samplePrediction(), options);
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(added)) << std::get<Error>(added).message();
  EXPECT_EQ(std::get<PreAnnotationResult>(added).outcome, PreAnnotationOutcome::Added);
  EXPECT_EQ(std::get<PreAnnotationResult>(added).shapesKept, 1);
  nlohmann::json answer = askLabelme(json);
  EXPECT_EQ(answer["shapes"], 5);
  EXPECT_EQ(answer["labels"][0], "by hand");
  EXPECT_EQ(answer["flags"]["checked"], true);

  options.existing = ExistingAnnotationPolicy::Replace;
  auto replaced = writePreAnnotation(image.string(), samplePrediction(), options);
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(replaced));
  EXPECT_EQ(std::get<PreAnnotationResult>(replaced).outcome, PreAnnotationOutcome::Replaced);
  answer = askLabelme(json);
  EXPECT_EQ(answer["shapes"], 4);
  EXPECT_EQ(answer["labels"][0], "circle");
  EXPECT_EQ(answer["flags"]["checked"], true); // the image's flags are not the model's to change
}

TEST(WritePreAnnotationTest, AnUnreadableExistingFileIsAnErrorAndStaysUntouched) {
  const fs::path dir = freshDir();
  const fs::path image = writeImage(dir);
  const fs::path json = dir / "image.json";
  std::ofstream(json) << "{\"shapes\": [ this is not json";
  const std::string before = readText(json);
  for (ExistingAnnotationPolicy policy : {ExistingAnnotationPolicy::AddToShapes, ExistingAnnotationPolicy::Replace}) {
    PreAnnotationOptions options;
    options.existing = policy;
    auto written = writePreAnnotation(image.string(), samplePrediction(), options);
    ASSERT_TRUE(std::holds_alternative<Error>(written));
    EXPECT_NE(std::get<Error>(written).message().find("image.json"), std::string::npos)
        << std::get<Error>(written).message();
    EXPECT_EQ(readText(json), before);
  }
}

TEST(WritePreAnnotationTest, NothingDetectedStillWritesAnEmptyAnnotationAndNoImageSizeIsAnError) {
  const fs::path dir = freshDir();
  const fs::path image = writeImage(dir);
  Prediction empty;
  empty.imageWidth = kWidth;
  empty.imageHeight = kHeight;
  auto written = writePreAnnotation(image.string(), empty, {});
  ASSERT_TRUE(std::holds_alternative<PreAnnotationResult>(written));
  EXPECT_EQ(std::get<PreAnnotationResult>(written).shapesWritten, 0);
  EXPECT_EQ(askLabelme(dir / "image.json")["shapes"], 0);

  fs::remove(dir / "image.json");
  auto sizeless = writePreAnnotation(image.string(), Prediction{}, {});
  ASSERT_TRUE(std::holds_alternative<Error>(sizeless));
  EXPECT_FALSE(fs::exists(dir / "image.json"));
}

TEST(WritePreAnnotationTest, JsonPathSitsNextToTheImage) {
  EXPECT_EQ(labelmeJsonPathFor("a/b/img.001.jpg"), "a/b/img.001.json");
  EXPECT_EQ(labelmeJsonPathFor("img.PNG"), "img.json");
}
