// The rasteriser against Labelme's own shape_to_mask (Pillow), pixel for pixel.
#include "core/annotation/base64.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/shape_rasterizer.h"
#include "oracle_support.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <random>

namespace polytrain::annotation {
namespace {

using namespace testing;
using Json = nlohmann::ordered_json;

struct Case {
  cv::Size size;
  LabelmeShape shape;
  std::string origin; // where the case comes from, for failure messages
};

Json shapeJson(const LabelmeShape& shape) {
  Json points = Json::array();
  for (const cv::Point2d& p : shape.points)
    points.push_back({p.x, p.y});
  Json out = {{"label", shape.label}, {"points", points}, {"shape_type", shape.shapeType}};
  if (shape.mask)
    out["mask"] = *shape.mask;
  return out;
}

// Runs the oracle over `cases`; returns one mask per case (empty Mat where Labelme refused the shape).
std::vector<cv::Mat1b> oracleMasks(const std::vector<Case>& cases) {
  const auto dir = freshTestDir();
  Json list = Json::array();
  for (const Case& c : cases)
    list.push_back({{"height", c.size.height}, {"width", c.size.width}, {"shape", shapeJson(c.shape)}});
  writeFile((dir / "cases.json").string(), list.dump());
  std::string output;
  const int code = runOracle("shape_masks.py", {(dir / "cases.json").string(), dir.string()}, &output);
  EXPECT_EQ(code, 0) << output;
  std::vector<cv::Mat1b> masks;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string bytes = readFile((dir / (std::to_string(i) + ".bin")).string());
    if (bytes.empty()) {
      masks.emplace_back();
      continue;
    }
    EXPECT_EQ(bytes.size(), size_t(cases[i].size.area())) << cases[i].origin;
    cv::Mat1b mask(cases[i].size, uchar(0));
    std::copy(bytes.begin(), bytes.begin() + std::min(bytes.size(), size_t(mask.total())), mask.data);
    masks.push_back(mask);
  }
  return masks;
}

std::string describe(const Case& c) {
  std::string text = c.origin + " " + c.shape.shapeType + " in " + std::to_string(c.size.width) + "x" +
                     std::to_string(c.size.height) + ":";
  char buffer[64];
  for (const cv::Point2d& p : c.shape.points) {
    std::snprintf(buffer, sizeof buffer, " (%.17g, %.17g)", p.x, p.y);
    text += buffer;
  }
  return text;
}

// Compares ours with the oracle; returns the number of cases that differ (each reported once).
int compareWithOracle(const std::vector<Case>& cases) {
  const std::vector<cv::Mat1b> expected = oracleMasks(cases);
  int differing = 0;
  for (size_t i = 0; i < cases.size() && i < expected.size(); ++i) {
    const MaskResult ours = shapeToMask(cases[i].size, cases[i].shape);
    if (expected[i].empty()) {
      EXPECT_TRUE(ours.error.has_value()) << "Labelme refuses this shape, we drew it: " << describe(cases[i]);
      continue;
    }
    if (ours.error) {
      ADD_FAILURE() << "we refused a shape Labelme draws (" << *ours.error << "): " << describe(cases[i]);
      ++differing;
      continue;
    }
    const int wrong = cv::countNonZero(ours.mask != expected[i]);
    if (wrong != 0) {
      ++differing;
      if (differing <= 10)
        ADD_FAILURE() << wrong << " pixel(s) differ from Labelme: " << describe(cases[i]);
    }
  }
  return differing;
}

LabelmeShape makeShape(const std::string& type, std::vector<cv::Point2d> points) {
  LabelmeShape shape;
  shape.label = "x";
  shape.shapeType = type;
  shape.points = std::move(points);
  return shape;
}

TEST(ShapeRasterizer, EveryShapeInLabelmeExamplesMatchesLabelme) {
  ASSERT_TRUE(oracleAvailable());
  std::vector<Case> cases;
  for (const std::string& file : exampleLabelmeFiles()) {
    const LoadResult loaded = readLabelmeFile(file);
    ASSERT_TRUE(loaded.ok()) << file;
    const cv::Size size(loaded.document->imageWidth.value_or(0), loaded.document->imageHeight.value_or(0));
    for (size_t i = 0; i < loaded.document->shapes.size(); ++i)
      cases.push_back({size, loaded.document->shapes[i], file + " /shapes/" + std::to_string(i)});
  }
  ASSERT_GT(cases.size(), 50u);
  std::set<std::string> types;
  for (const Case& c : cases)
    types.insert(c.shape.shapeType);
  EXPECT_EQ(types, (std::set<std::string>{"circle", "line", "linestrip", "point", "polygon", "rectangle"}));
  EXPECT_EQ(compareWithOracle(cases), 0);
}

TEST(ShapeRasterizer, RandomShapesMatchLabelme) {
  ASSERT_TRUE(oracleAvailable());
  std::mt19937 random(20240611);
  std::vector<Case> cases;
  const char* types[] = {"polygon", "rectangle", "circle", "line", "linestrip", "point"};
  for (int i = 0; i < 3000; ++i) {
    const cv::Size size(8 + int(random() % 40), 8 + int(random() % 40));
    const std::string type = types[i % 6];
    // A mix of integer, half-integer and arbitrary coordinates, some outside the image.
    auto coordinate = [&](int extent) {
      const double span = extent + 12.0;
      double v = std::uniform_real_distribution<double>(-6.0, span - 6.0)(random);
      switch (random() % 4) {
      case 0:
        return std::round(v);
      case 1:
        return std::round(v) + 0.5;
      case 2:
        return -v * 0.25; // small negatives: truncation toward zero
      default:
        return v;
      }
    };
    size_t count = 2;
    if (type == "polygon")
      count = 3 + random() % 7;
    else if (type == "linestrip")
      count = 2 + random() % 5;
    else if (type == "point")
      count = 1;
    std::vector<cv::Point2d> points;
    for (size_t k = 0; k < count; ++k)
      points.emplace_back(coordinate(size.width), coordinate(size.height));
    if (i % 50 == 7 && points.size() >= 3) // degenerate: repeated and collinear vertices
      points[2] = points[0];
    cases.push_back({size, makeShape(type, points), "random #" + std::to_string(i)});
  }
  EXPECT_EQ(compareWithOracle(cases), 0);
}

TEST(ShapeRasterizer, EdgeCasesMatchLabelme) {
  ASSERT_TRUE(oracleAvailable());
  const cv::Size size(30, 20);
  std::vector<Case> cases = {
      {size, makeShape("rectangle", {{25.7, 15.2}, {3.9, 2.1}}), "reversed rectangle"},
      {size, makeShape("rectangle", {{-10, -10}, {100, 100}}), "rectangle covering the image"},
      {size, makeShape("circle", {{15, 10}, {15, 10}}), "zero-radius circle"},
      {size, makeShape("circle", {{15.5, 10.5}, {200, 300}}), "huge circle"},
      {size, makeShape("circle", {{-3, -3}, {2, 2}}), "circle over the corner"},
      {size, makeShape("line", {{5, 5}, {5, 5}}), "zero-length line"},
      {size, makeShape("line", {{0, 10}, {29, 10}}), "horizontal line"},
      {size, makeShape("line", {{10, 0}, {10, 19}}), "vertical line"},
      {size, makeShape("linestrip", {{1, 1}, {28, 18}, {1, 18}, {28, 1}}), "crossing linestrip"},
      {size, makeShape("polygon", {{1, 1}, {28, 1}, {1, 18}, {28, 18}}), "bow tie polygon"},
      {size, makeShape("polygon", {{1, 1}, {10, 1}, {20, 1}}), "flat polygon"},
      {size, makeShape("polygon", {{5, 5}, {5, 5}, {5, 5}}), "one-pixel polygon"},
      {size, makeShape("polygon", {{-50, -50}, {80, -50}, {80, 70}, {-50, 70}}), "polygon around the image"},
      {size, makeShape("point", {{0, 0}}), "point at the corner"},
      {size, makeShape("point", {{29.9, 19.9}}), "point at the far corner"},
      {size, makeShape("polygon", {{1, 1}, {2, 2}}), "polygon with 2 points (Labelme refuses)"},
      {size, makeShape("circle", {{1, 1}}), "circle with 1 point (Labelme refuses)"},
      {size, makeShape("point", {{1, 1}, {2, 2}}), "point with 2 points (Labelme refuses)"},
      {size, makeShape("oriented_rectangle", {{5, 2}, {25, 8}, {22, 17}, {2, 11}}), "oriented rectangle"},
  };
  // A mask shape: a 4x3 bitmap pasted at (6.7, 4.2).
  cv::Mat1b bitmap = (cv::Mat1b(3, 4) << 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1);
  std::vector<uchar> png;
  cv::imencode(".png", bitmap, png);
  LabelmeShape mask = makeShape("mask", {{6.7, 4.2}, {9.7, 6.2}});
  mask.mask = encodeBase64(std::string(png.begin(), png.end()));
  cases.push_back({size, mask, "mask shape"});
  EXPECT_EQ(compareWithOracle(cases), 0);
}

TEST(ShapeRasterizer, FourPointRectangleIsItsBoundingBox) {
  const cv::Size size(20, 20);
  const MaskResult four = shapeToMask(size, makeShape("rectangle", {{3, 4}, {12, 4}, {12, 9}, {3, 9}}));
  const MaskResult two = shapeToMask(size, makeShape("rectangle", {{3, 4}, {12, 9}}));
  ASSERT_FALSE(four.error);
  EXPECT_EQ(cv::countNonZero(four.mask != two.mask), 0);
  EXPECT_EQ(cv::countNonZero(two.mask), 10 * 6);
}

TEST(ShapeRasterizer, RefusesWhatCannotBeDrawn) {
  const cv::Size size(10, 10);
  EXPECT_TRUE(shapeToMask(size, makeShape("polygon", {{1, 1}, {2, 2}})).error);
  EXPECT_TRUE(shapeToMask(size, makeShape("polygon", {{1, 1}, {2, 2}, {1e300, 3}})).error);
  EXPECT_TRUE(shapeToMask(size, makeShape("mask", {{1, 1}, {2, 2}})).error);
  LabelmeShape badMask = makeShape("mask", {{1, 1}, {2, 2}});
  badMask.mask = "bm90IGEgcG5n"; // "not a png"
  const MaskResult result = shapeToMask(size, badMask);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(cv::countNonZero(result.mask), 0);
}

// Drawing in a window (the shape's extent, or any rectangle) gives exactly the whole-image mask's pixels there,
// and a shape never draws outside its extent: what lets COCO export rasterise each instance in its own box.
void expectWindowMatchesWholeImage(cv::Size size, const LabelmeShape& shape, const std::string& what,
                                   std::mt19937& random) {
  SCOPED_TRACE(what);
  RasterOptions options;
  if (random() % 4 == 0) { // other line widths and point sizes than Labelme's defaults
    options.lineWidth = 1 + int(random() % 14);
    options.pointSize = int(random() % 9);
  }
  const MaskResult whole = shapeToMask(size, shape, options);
  const cv::Rect extent = shapeExtent(size, shape, options);
  EXPECT_EQ((extent & cv::Rect(0, 0, size.width, size.height)), extent) << "extent leaves the image";
  const int inside = extent.empty() ? 0 : cv::countNonZero(whole.mask(extent));
  ASSERT_EQ(cv::countNonZero(whole.mask), inside) << "pixels outside the extent " << extent;
  const MaskResult local = shapeToMask(size, shape, options, extent);
  EXPECT_EQ(local.error.has_value(), whole.error.has_value());
  ASSERT_EQ(local.mask.size(), extent.size());
  if (!extent.empty()) {
    EXPECT_EQ(cv::countNonZero(local.mask != whole.mask(extent)), 0);
  }
  for (int k = 0; k < 3; ++k) { // any window, cutting through the shape
    const int x = int(random() % size.width), y = int(random() % size.height);
    const cv::Rect window(x, y, 1 + int(random() % (size.width - x)), 1 + int(random() % (size.height - y)));
    const MaskResult part = shapeToMask(size, shape, options, window);
    ASSERT_EQ(part.mask.size(), window.size());
    EXPECT_EQ(cv::countNonZero(part.mask != whole.mask(window)), 0) << "window " << window;
  }
}

TEST(ShapeRasterizer, WindowedDrawingEqualsTheWholeImageAtTheBorders) {
  std::mt19937 random(4242);
  const char* types[] = {"polygon", "rectangle", "circle", "line", "linestrip", "point", "oriented_rectangle"};
  for (int i = 0; i < 4000; ++i) {
    const cv::Size size(1 + int(random() % 60), 1 + int(random() % 60));
    const std::string type = types[i % 7];
    // Shapes that touch, cross or lie beyond the borders, with integer, half and arbitrary coordinates.
    auto coordinate = [&](int extent) {
      const double v = std::uniform_real_distribution<double>(-25.0, extent + 25.0)(random);
      switch (random() % 5) {
      case 0:
        return std::round(v);
      case 1:
        return std::round(v) + 0.5;
      case 2:
        return random() % 2 ? 0.0 : double(extent - 1); // on the border
      case 3:
        return random() % 2 ? -0.7 : double(extent) + 0.2; // just outside
      default:
        return v;
      }
    };
    size_t count = 2;
    if (type == "polygon")
      count = 3 + random() % 9;
    else if (type == "linestrip")
      count = 2 + random() % 5;
    else if (type == "point")
      count = 1;
    else if (type == "oriented_rectangle" || (type == "rectangle" && random() % 3 == 0))
      count = 4;
    std::vector<cv::Point2d> points;
    for (size_t k = 0; k < count; ++k)
      points.emplace_back(coordinate(size.width), coordinate(size.height));
    expectWindowMatchesWholeImage(size, makeShape(type, points), type + " #" + std::to_string(i), random);
  }
  // Far outside, huge, and mask shapes crossing the border.
  const cv::Size size(40, 30);
  expectWindowMatchesWholeImage(size, makeShape("polygon", {{-1e5, -1e5}, {1e5, -1e5}, {0, 1e5}}), "huge", random);
  expectWindowMatchesWholeImage(size, makeShape("polygon", {{50, 5}, {60, 5}, {55, 9}}), "beyond", random);
  expectWindowMatchesWholeImage(size, makeShape("circle", {{-3, -3}, {30, 30}}), "big circle", random);
  cv::Mat1b bitmap(9, 12, uchar(1));
  bitmap(4, 5) = 0;
  std::vector<uchar> png;
  cv::imencode(".png", bitmap, png);
  for (const cv::Point2d corner : {cv::Point2d(-4.5, -2.2), cv::Point2d(33.9, 25.1), cv::Point2d(10, 10)}) {
    LabelmeShape mask = makeShape("mask", {corner, corner + cv::Point2d(11, 8)});
    mask.mask = encodeBase64(std::string(png.begin(), png.end()));
    expectWindowMatchesWholeImage(size, mask, "mask at " + std::to_string(corner.x), random);
  }
}

TEST(ShapeRasterizer, WindowedDrawingEqualsTheWholeImageOnLabelmeExamples) {
  std::mt19937 random(99);
  int shapes = 0;
  for (const std::string& file : exampleLabelmeFiles()) {
    const LoadResult loaded = readLabelmeFile(file);
    ASSERT_TRUE(loaded.ok()) << file;
    const cv::Size size(loaded.document->imageWidth.value_or(0), loaded.document->imageHeight.value_or(0));
    for (size_t i = 0; i < loaded.document->shapes.size(); ++i, ++shapes)
      expectWindowMatchesWholeImage(size, loaded.document->shapes[i], file + " /shapes/" + std::to_string(i), random);
  }
  EXPECT_GT(shapes, 50);
}

} // namespace
} // namespace polytrain::annotation
