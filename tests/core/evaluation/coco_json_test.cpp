#include "core/evaluation/coco_evaluator.h"
#include "core/evaluation/coco_json.h"
#include "core/evaluation/polygon_rle.h"
#include "core/evaluation/rle_string.h"

#include <gtest/gtest.h>

using namespace polytrain::evaluation;

namespace {

// Two images of 40x30 (w x h); a polygon object, a compressed-RLE object, a crowd with uncompressed RLE.
const char* kGroundTruth = R"({
  "images": [{"id": 7, "width": 40, "height": 30, "file_name": "a.jpg"}, {"id": 3, "width": 40, "height": 30}],
  "categories": [{"id": 1, "name": "cat"}, {"id": 5, "name": "dog"}],
  "annotations": [
    {"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 10, 10, 10], "area": 100, "iscrowd": 0,
     "segmentation": [[10, 10, 20, 10, 20, 20, 10, 20]]},
    {"id": 2, "image_id": 3, "category_id": 5, "bbox": [0, 0, 2, 2], "iscrowd": 0,
     "segmentation": {"size": [30, 40], "counts": "02l00dS1"}},
    {"id": 3, "image_id": 3, "category_id": 1, "bbox": [20, 0, 10, 30], "area": 300, "iscrowd": 1,
     "segmentation": {"size": [30, 40], "counts": [600, 300, 300]}}
  ]})";

} // namespace

TEST(CocoJsonTest, ReadsPolygonsCompressedAndUncompressedRleAndCrowds) {
  GroundTruthSet gt;
  ASSERT_FALSE(parseCocoGroundTruth(kGroundTruth, "gt.json", gt).has_value());
  ASSERT_EQ(gt.images.size(), 2u);
  ASSERT_EQ(gt.instances.size(), 3u);
  EXPECT_EQ(gt.category(5)->name, "dog");
  const auto& polygon = gt.instances[0];
  ASSERT_TRUE(polygon.mask.has_value());
  EXPECT_EQ(polygon.mask->height, 30);
  EXPECT_EQ(polygon.mask->width, 40);
  EXPECT_EQ(rleArea(*polygon.mask), 100u);
  // "02l00dS1" by hand: '0' 0, '2' 2, 'l0' 28 (bit 4 set, so a second group), '0' 2 + 0 (delta to the count two
  // back), 'dS1' 20 + 3 * 32 + 1 * 1024 = 1140 -> 28 + 1140 = 1168: counts [0, 2, 28, 2, 1168] = rows 0-1 of
  // columns 0 and 1.
  const auto& compressed = gt.instances[1];
  ASSERT_TRUE(compressed.mask.has_value());
  EXPECT_EQ(rleArea(*compressed.mask), 4u);
  EXPECT_EQ(rleToBox(*compressed.mask), (BoxXywh{0, 0, 2, 2}));
  EXPECT_DOUBLE_EQ(compressed.area, 4.0); // no "area": the mask area
  EXPECT_TRUE(gt.instances[2].iscrowd);
  EXPECT_EQ(rleArea(*gt.instances[2].mask), 300u);
}

TEST(CocoJsonTest, ErrorsNameTheFileAndTheField) {
  GroundTruthSet gt;
  auto error = parseCocoGroundTruth(R"({"images": [{"id": 1, "width": 10, "height": 10}], "categories": [],
      "annotations": [{"id": 1, "image_id": 2, "category_id": 1, "bbox": [0, 0, 1, 1]}]})",
                                    "gt.json", gt);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->path, "gt.json");
  EXPECT_EQ(error->pointer, "/annotations/0/image_id");

  ASSERT_FALSE(parseCocoGroundTruth(kGroundTruth, "gt.json", gt).has_value());
  std::vector<Detection> dets;
  error = parseCocoResults(R"([{"image_id": 99, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}])", "dets.json",
                           gt, dets);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->pointer, "/0/image_id");
  error = parseCocoResults(R"([{"image_id": 7, "category_id": 1, "bbox": [0, 0, 1, 1]}])", "dets.json", gt, dets);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->pointer, "/0/score");
  error = parseCocoResults(
      R"([{"image_id": 7, "category_id": 1, "score": 1, "segmentation": {"size": [10, 10], "counts": "0"}}])",
      "dets.json", gt, dets);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->pointer, "/0/segmentation/size");
}

TEST(CocoJsonTest, ResultsAreaFollowsLoadRes) {
  GroundTruthSet gt;
  ASSERT_FALSE(parseCocoGroundTruth(kGroundTruth, "gt.json", gt).has_value());
  const std::string counts = rleCountsToString(polygonToRle({0, 0, 4, 0, 4, 4, 0, 4}, 30, 40).counts);
  std::vector<Detection> dets;
  ASSERT_FALSE(parseCocoResults(R"([{"image_id": 7, "category_id": 1, "bbox": [1, 1, 5, 5], "score": 0.5,
       "segmentation": {"size": [30, 40], "counts": ")" +
                                    counts + R"("}},
       {"image_id": 7, "category_id": 1, "score": 0.4, "segmentation": {"size": [30, 40], "counts": ")" +
                                    counts + R"("}}])",
                                "dets.json", gt, dets)
                   .has_value());
  ASSERT_EQ(dets.size(), 2u);
  EXPECT_DOUBLE_EQ(*dets[0].area, 25.0); // with a bbox: w * h, even when a mask is present
  EXPECT_DOUBLE_EQ(*dets[1].area, 16.0); // mask only: the mask area and its box
  EXPECT_EQ(dets[1].box, (BoxXywh{0, 0, 4, 4}));
}

TEST(CocoJsonTest, ResultsRoundTrip) {
  GroundTruthSet gt;
  ASSERT_FALSE(parseCocoGroundTruth(kGroundTruth, "gt.json", gt).has_value());
  Detection a;
  a.imageId = 7;
  a.categoryId = 1;
  a.box = {10.5, 10.25, 9.5, 9};
  a.score = 0.875;
  a.mask = polygonToRle({10, 10, 20, 10, 20, 20, 10, 20}, 30, 40);
  Detection b = a;
  b.imageId = 3;
  b.mask.reset();
  std::vector<Detection> back;
  ASSERT_FALSE(parseCocoResults(cocoResultsJson({a, b}), "r.json", gt, back).has_value());
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].box, a.box);
  EXPECT_EQ(back[0].score, a.score);
  ASSERT_TRUE(back[0].mask.has_value());
  EXPECT_EQ(*back[0].mask, *a.mask);
  EXPECT_FALSE(back[1].mask.has_value());
  // Scoring the read-back results: the mask matches the polygon exactly.
  const CocoEvaluation segm = CocoEvaluator(gt).evaluate({back[0]}, IouType::Mask);
  EXPECT_NEAR(segm.perClass[0].ap, 1.0, 1e-12); // cat
  EXPECT_NEAR(segm.perClass[1].ap, 0.0, 1e-12); // dog: one object, no detection
  EXPECT_NEAR(segm.stats[0], 0.5, 1e-12);
}
