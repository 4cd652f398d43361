#pragma once
// Shared helpers for the dataset tests: fresh folders, small Labelme files, the Labelme examples.
#include "core/annotation/labelme_writer.h"
#include "core/common/atomic_file.h"
#include "tests/support/run_command.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <string>

namespace polytrain::dataset::testing {

namespace fs = std::filesystem;
using polytrain::testing::shellQuote;

inline const std::string kExamples = "/usr/share/doc/labelme-examples/examples/instance_segmentation";
inline const std::string kPython = POLYTRAIN_PYTHON;
inline const std::string kScripts = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/core/dataset";

// An empty folder under the test output directory, unique per test name.
inline std::string freshFolder(const std::string& name) {
  const fs::path path = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "dataset" / name;
  fs::remove_all(path);
  fs::create_directories(path);
  return path.string();
}

inline annotation::LabelmeShape polygon(const std::string& label, std::vector<cv::Point2d> points,
                                        std::optional<int> groupId = std::nullopt) {
  annotation::LabelmeShape shape;
  shape.label = label;
  shape.points = std::move(points);
  shape.groupId = groupId;
  return shape;
}

inline annotation::LabelmeShape typed(const std::string& type, const std::string& label,
                                      std::vector<cv::Point2d> points, std::optional<int> groupId = std::nullopt) {
  annotation::LabelmeShape shape = polygon(label, std::move(points), groupId);
  shape.shapeType = type;
  return shape;
}

// Writes FOLDER/STEM.png (a grey image of `size`) and FOLDER/STEM.json with `shapes`.
inline void writePair(const std::string& folder, const std::string& stem, cv::Size size,
                      std::vector<annotation::LabelmeShape> shapes) {
  fs::create_directories(fs::path(folder) / fs::path(stem).parent_path());
  cv::imwrite((fs::path(folder) / (stem + ".png")).string(), cv::Mat3b(size, cv::Vec3b(90, 100, 110)));
  annotation::LabelmeDocument document;
  document.version = "5.1.1";
  document.imagePath = fs::path(stem).filename().string() + ".png";
  document.imageHeight = size.height;
  document.imageWidth = size.width;
  document.shapes = std::move(shapes);
  ASSERT_FALSE(annotation::writeLabelmeFile((fs::path(folder) / (stem + ".json")).string(), document));
}

inline polytrain::testing::CommandOutput runPython(const std::string& arguments) {
  return polytrain::testing::runCommand(kPython + " " + arguments);
}

} // namespace polytrain::dataset::testing
