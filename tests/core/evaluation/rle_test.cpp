#include "core/evaluation/iou.h"
#include "core/evaluation/polygon_rle.h"
#include "core/evaluation/rle.h"
#include "core/evaluation/rle_string.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <random>

using namespace polytrain::evaluation;

namespace {

cv::Mat fromRows(int rows, int cols, std::vector<uint8_t> values) {
  return cv::Mat(rows, cols, CV_8UC1, values.data()).clone();
}

} // namespace

TEST(RleTest, EncodesColumnByColumnStartingWithBackground) {
  // rows: [0 1] [1 1] [0 0]; columns read top to bottom: 0 1 0 | 1 1 0
  const Rle rle = encodeMask(fromRows(3, 2, {0, 1, 1, 1, 0, 0}));
  EXPECT_EQ(rle.height, 3);
  EXPECT_EQ(rle.width, 2);
  EXPECT_EQ(rle.counts, (std::vector<uint32_t>{1, 1, 1, 2, 1}));
  EXPECT_EQ(rleArea(rle), 3u);
  EXPECT_EQ(rleToBox(rle), (BoxXywh{0, 0, 2, 2}));
  // A mask starting with foreground gets an empty first run.
  EXPECT_EQ(encodeMask(fromRows(2, 1, {1, 0})).counts, (std::vector<uint32_t>{0, 1, 1}));
}

TEST(RleTest, DecodeInvertsEncodeOnRandomMasks) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 20; ++trial) {
    cv::Mat mask(1 + static_cast<int>(random() % 40), 1 + static_cast<int>(random() % 40), CV_8UC1);
    cv::randu(mask, 0, 2);
    const Rle rle = encodeMask(mask);
    EXPECT_TRUE(rleIsConsistent(rle));
    EXPECT_EQ(cv::countNonZero(decodeMask(rle) != mask), 0);
    EXPECT_EQ(rleArea(rle), static_cast<uint64_t>(cv::countNonZero(mask)));
  }
}

TEST(RleTest, BoxOfARunSpanningColumnsCoversTheFullHeight) {
  // 4x2: column 0 has foreground at row 3, column 1 at rows 0 and 2: one run crosses the column boundary.
  const Rle rle = encodeMask(fromRows(4, 2, {0, 1, 0, 0, 0, 1, 1, 0}));
  EXPECT_EQ(rleToBox(rle), (BoxXywh{0, 0, 2, 4}));
  EXPECT_EQ(rleToBox(emptyRle(5, 5)), (BoxXywh{0, 0, 0, 0}));
  // A single pixel at (x 3, y 1).
  cv::Mat one(4, 5, CV_8UC1, cv::Scalar(0));
  one.at<uint8_t>(1, 3) = 1;
  EXPECT_EQ(rleToBox(encodeMask(one)), (BoxXywh{3, 1, 1, 1}));
}

TEST(RleTest, IntersectionAndMergeMatchPixelOperations) {
  std::mt19937 random(11);
  for (int trial = 0; trial < 20; ++trial) {
    cv::Mat a(23, 17, CV_8UC1), b(23, 17, CV_8UC1);
    cv::randu(a, 0, 2);
    cv::randu(b, 0, 2);
    const Rle ra = encodeMask(a), rb = encodeMask(b);
    EXPECT_EQ(rleIntersectionArea(ra, rb), static_cast<uint64_t>(cv::countNonZero(a & b)));
    EXPECT_EQ(rleMerge({ra, rb}), encodeMask(a | b));
    EXPECT_EQ(rleMerge({ra, rb}, true), encodeMask(a & b));
  }
}

TEST(RleStringTest, HandEncodedCounts) {
  // 3, 2, 5 fit one 5-bit group each ('0' + value); 40 = 8 + 1 * 32 -> 'X' (8 | continuation 0x20) then '1'.
  EXPECT_EQ(rleCountsToString({3, 2, 5}), "325");
  EXPECT_EQ(rleCountsToString({40}), "X1");
  // From the fourth count on the difference to the count two places back is written: 1 - 5 = -4 -> 28 -> 'L'.
  EXPECT_EQ(rleCountsToString({3, 5, 2, 1}), "352L");
  EXPECT_EQ(*rleCountsFromString("352L"), (std::vector<uint32_t>{3, 5, 2, 1}));
  EXPECT_EQ(*rleCountsFromString("X1"), (std::vector<uint32_t>{40}));
  EXPECT_FALSE(rleCountsFromString("X").has_value()); // continuation bit with nothing after it
  EXPECT_FALSE(rleCountsFromString(" ").has_value());
}

TEST(RleStringTest, RoundTripsLargeAndRandomCounts) {
  std::mt19937 random(3);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<uint32_t> counts;
    for (int i = 0; i < 30; ++i)
      counts.push_back(random() % (trial % 2 ? 100000u : 40u));
    EXPECT_EQ(*rleCountsFromString(rleCountsToString(counts)), counts);
  }
}

TEST(PolygonRleTest, SquareCoversThePixelsWhoseCentresAreInside) {
  // COCO: a square from (10, 10) to (20, 20) covers pixels 10..19 in x and y: 100 pixels (cv::fillPoly: 121).
  const Rle rle = polygonToRle({10, 10, 20, 10, 20, 20, 10, 20}, 30, 30);
  EXPECT_EQ(rleArea(rle), 100u);
  EXPECT_EQ(rleToBox(rle), (BoxXywh{10, 10, 10, 10}));
  // The same square walked the other way round and from another start vertex.
  EXPECT_EQ(polygonToRle({20, 20, 20, 10, 10, 10, 10, 20}, 30, 30), rle);
  EXPECT_EQ(boxToRle({10, 10, 10, 10}, 30, 30), rle);
}

TEST(PolygonRleTest, TriangleMatchesTheHandCountedPixels) {
  // Right triangle (0,0) (10,0) (0,10): column x holds rows 0..8-x (centres strictly below the hypotenuse
  // x + y = 10; centres exactly on it, x + y = 9, fall outside on the 1/5-pixel grid walk): 9+8+...+1 = 45.
  const Rle rle = polygonToRle({0, 0, 10, 0, 0, 10}, 12, 12);
  EXPECT_EQ(rleArea(rle), 45u);
  const cv::Mat mask = decodeMask(rle);
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < 12; ++x)
      EXPECT_EQ(mask.at<uint8_t>(y, x), (x + y < 9) ? 1 : 0) << x << "," << y;
}

TEST(PolygonRleTest, PolygonsAreClippedToTheImageAndUnited) {
  // A square sticking out of a 10x10 image keeps its inside part.
  EXPECT_EQ(rleArea(polygonToRle({5, 5, 15, 5, 15, 15, 5, 15}, 10, 10)), 25u);
  EXPECT_EQ(rleArea(polygonToRle({-5, -5, 5, -5, 5, 5, -5, 5}, 10, 10)), 25u);
  // Two overlapping squares of one object: their union.
  const Rle united = polygonsToRle({{0, 0, 4, 0, 4, 4, 0, 4}, {2, 2, 6, 2, 6, 6, 2, 6}}, 10, 10);
  EXPECT_EQ(rleArea(united), 16u + 16u - 4u);
}

TEST(MaskIouTest, CrowdUnionIsTheDetectionArea) {
  const Rle crowd = polygonToRle({50, 50, 90, 50, 90, 90, 50, 90}, 100, 100);  // 40x40
  const Rle inside = polygonToRle({55, 55, 65, 55, 65, 65, 55, 65}, 100, 100); // 10x10 inside it
  const MaskRef c = makeMaskRef(crowd), d = makeMaskRef(inside);
  EXPECT_DOUBLE_EQ(maskIou(d, c, true), 1.0);
  EXPECT_DOUBLE_EQ(maskIou(d, c, false), 100.0 / 1600.0);
  // Boxes follow the same rule.
  EXPECT_DOUBLE_EQ(boxIou({55, 55, 10, 10}, {50, 50, 40, 40}, true), 1.0);
  EXPECT_DOUBLE_EQ(boxIou({80, 80, 20, 20}, {50, 50, 40, 40}, true), 100.0 / 400.0);
  EXPECT_DOUBLE_EQ(boxIou({0, 0, 10, 10}, {2, 0, 10, 10}, false), 80.0 / 120.0);
  EXPECT_DOUBLE_EQ(boxIou({0, 0, 10, 10}, {10, 0, 10, 10}, false), 0.0); // touching edges
  // Masks of different sizes never match.
  const Rle other = polygonToRle({55, 55, 65, 55, 65, 65, 55, 65}, 100, 101);
  EXPECT_DOUBLE_EQ(maskIou(makeMaskRef(other), c, false), -1.0);
}
