// Instances rasterised in their own window (what COCO export does) against the whole-image way: the union of every
// shape's full-image mask (Labelme's rasteriser, checked against Labelme elsewhere), with shapes that touch, cross
// and leave the image borders. Area, box and pixels must be equal.
#include "core/annotation/label_maps.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/shape_rasterizer.h"
#include "core/dataset/instance_masks.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

using namespace polytrain;
using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {

// The reference: every shape drawn on the whole image, OR-ed, measured over the whole image.
struct WholeImageInstance {
  cv::Mat1b mask;
  int area = 0;
  cv::Rect box;
};

WholeImageInstance wholeImage(const annotation::LabelmeDocument& document, cv::Size size,
                              const std::vector<size_t>& shapeIndices) {
  WholeImageInstance out;
  out.mask = cv::Mat1b::zeros(size);
  for (size_t index : shapeIndices) {
    const annotation::MaskResult drawn = annotation::shapeToMask(size, document.shapes[index]);
    if (!drawn.error)
      cv::bitwise_or(out.mask, drawn.mask, out.mask);
  }
  out.area = cv::countNonZero(out.mask);
  out.box = cv::boundingRect(out.mask);
  return out;
}

void expectWindowsEqualWholeImage(const annotation::LabelmeDocument& document, cv::Size size,
                                  const ClassList& classes) {
  const InstanceMasks image = rasteriseInstances(document, size, classes, "x.json", MaskExtent::Image);
  const InstanceMasks window = rasteriseInstances(document, size, classes, "x.json", MaskExtent::Window);
  ASSERT_EQ(image.instances.size(), window.instances.size());
  EXPECT_EQ(image.droppedInstances, window.droppedInstances);
  EXPECT_EQ(image.warnings.size(), window.warnings.size());
  for (size_t k = 0; k < image.instances.size(); ++k) {
    SCOPED_TRACE("instance " + std::to_string(k));
    const InstanceMask& full = image.instances[k];
    const InstanceMask& local = window.instances[k];
    const WholeImageInstance reference = wholeImage(document, size, full.shapeIndices);
    EXPECT_EQ(full.shapeIndices, local.shapeIndices);
    EXPECT_EQ(full.classId, local.classId);
    EXPECT_EQ(full.area, reference.area);
    EXPECT_EQ(local.area, reference.area);
    EXPECT_EQ(full.box, reference.box);
    EXPECT_EQ(local.box, reference.box);
    ASSERT_EQ(full.mask.size(), size);
    EXPECT_EQ(full.maskOrigin, cv::Point(0, 0));
    EXPECT_EQ(cv::countNonZero(full.mask != reference.mask), 0);
    const cv::Rect placed(local.maskOrigin, local.mask.size());
    ASSERT_EQ(placed & cv::Rect(0, 0, size.width, size.height), placed) << "window leaves the image";
    EXPECT_EQ(cv::countNonZero(local.mask != reference.mask(placed)), 0);
  }
  // Instances dropped for having no pixel are dropped by the reference too.
  int referenceKept = 0;
  for (const annotation::Instance& instance : annotation::groupInstances(document.shapes))
    if (classes.idOf(instance.label) && wholeImage(document, size, instance.shapeIndices).area > 0)
      ++referenceKept;
  EXPECT_EQ(int(window.instances.size()), referenceKept);
}

TEST(InstanceMasksTest, WindowedInstancesEqualWholeImageOnLabelmeExamples) {
  Error error;
  const std::optional<ClassList> classes = readLabelsFile(kExamples + "/labels.txt", &error);
  ASSERT_TRUE(classes) << error.message();
  for (const char* stem : {"2011_000003", "2011_000006", "2011_000025"}) {
    SCOPED_TRACE(stem);
    const annotation::LoadResult loaded = annotation::readLabelmeFile(kExamples + "/data_annotated/" + stem + ".json");
    ASSERT_TRUE(loaded.ok());
    const annotation::LabelmeDocument& document = *loaded.document;
    expectWindowsEqualWholeImage(document, {*document.imageWidth, *document.imageHeight}, *classes);
  }
}

TEST(InstanceMasksTest, WindowedInstancesEqualWholeImageAtTheBorders) {
  const ClassList classes = classesFromLabelLines({"__ignore__", "_background_", "a", "b"});
  std::mt19937 random(31337);
  const char* types[] = {"polygon", "rectangle", "circle", "line", "linestrip", "point"};
  for (int trial = 0; trial < 300; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const cv::Size size(5 + int(random() % 70), 5 + int(random() % 70));
    annotation::LabelmeDocument document;
    const int shapes = 1 + int(random() % 8);
    for (int s = 0; s < shapes; ++s) {
      const std::string type = types[random() % 6];
      // Coordinates well beyond the borders and exactly on them; groups spread shapes over the image.
      auto coordinate = [&](int extent) {
        switch (random() % 4) {
        case 0:
          return 0.0;
        case 1:
          return double(extent - 1) + (random() % 2 ? 0.5 : 0.0);
        default:
          return std::uniform_real_distribution<double>(-30.0, extent + 30.0)(random);
        }
      };
      const size_t count = type == "polygon"     ? 3 + random() % 6
                           : type == "linestrip" ? 2 + random() % 4
                           : type == "point"     ? 1
                                                 : 2;
      std::vector<cv::Point2d> points;
      for (size_t k = 0; k < count; ++k)
        points.emplace_back(coordinate(size.width), coordinate(size.height));
      const std::optional<int> group = random() % 3 ? std::optional<int>(int(random() % 3)) : std::nullopt;
      document.shapes.push_back(typed(type, random() % 2 ? "a" : "b", points, group));
    }
    expectWindowsEqualWholeImage(document, size, classes);
  }
}

} // namespace
