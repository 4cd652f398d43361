// Hand-computed cases for PixelLib's mAP@0.5 (Matterport compute_ap per image, mean over images).
#include "core/evaluation/pixellib_map.h"
#include "eval_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::evaluation;
using namespace polytrain::evaluation::testing;

TEST(PixelLibMapTest, AllPointInterpolationOfOneImage) {
  // Matches T, F, T of 3 objects: precision 1, .5, .667 at recall 1/3, 1/3, 2/3. With the end points and the
  // right-to-left maximum: AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 0 = 5/9.
  EXPECT_NEAR(matterportAp({true, false, true}, 3), 5.0 / 9.0, 1e-12);
  EXPECT_NEAR(matterportAp({true, true}, 2), 1.0, 1e-12);
  EXPECT_NEAR(matterportAp({}, 2), 0.0, 1e-12);
  EXPECT_NEAR(matterportAp({false, true}, 1), 0.5, 1e-12);
}

TEST(PixelLibMapTest, PredictionsSkipBetterOverlappingObjectsOfAnotherClass) {
  // Objects: class 1 at x 0, class 2 at x 1. The class-1 prediction at x 1 overlaps the class-2 object fully
  // (IoU 1) and the class-1 object with IoU 9/11: it walks past the wrong class and matches its own.
  // One match of two objects: AP = 0.5 * 1 + 0.5 * 0 = 0.5.
  GroundTruthSet gt = dataset({1}, {1, 2});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  addGt(gt, 1, 2, {1, 0, 10, 10});
  PixelLibOptions options;
  options.useMasks = false;
  const PixelLibMap map = computePixelLibMap(gt, {det(1, 1, {1, 0, 10, 10}, 0.9)}, options);
  EXPECT_NEAR(map.map, 0.5, 1e-12);
  EXPECT_EQ(map.iouType, IouType::Box);
}

TEST(PixelLibMapTest, StopsAtTheFirstOverlapBelowTheThreshold) {
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  // IoU 4/16 = 0.25 < 0.5: no match -> AP 0; at --iou 0.2 it matches -> AP 1.
  PixelLibOptions options;
  EXPECT_NEAR(computePixelLibMap(gt, {det(1, 1, {6, 0, 10, 10}, 0.9)}, options).map, 0.0, 1e-12);
  options.iouThreshold = 0.2;
  EXPECT_NEAR(computePixelLibMap(gt, {det(1, 1, {6, 0, 10, 10}, 0.9)}, options).map, 1.0, 1e-12);
}

TEST(PixelLibMapTest, MeanOverImagesWithGroundTruthUsingMasks) {
  // Image 1: perfect (AP 1). Image 2: two objects, one found after a false positive: matches F, T ->
  // precision 0, .5 at recall 0, .5 -> AP = 0.5 * 0.5 = 0.25. Image 3 has no objects and is skipped.
  // mAP = (1 + 0.25) / 2 = 0.625. Masks are used since every object and detection has one.
  const int size = 60;
  GroundTruthSet gt = dataset({1, 2, 3}, {1}, size);
  auto withMask = [&](GroundTruthInstance& g) { g.mask = boxToRle(g.box, size, size); };
  withMask(addGt(gt, 1, 1, {0, 0, 10, 10}));
  withMask(addGt(gt, 2, 1, {0, 0, 10, 10}));
  withMask(addGt(gt, 2, 1, {30, 30, 10, 10}));
  auto maskDet = [&](int64_t image, BoxXywh box, double score) {
    Detection d = det(image, 1, box, score);
    d.mask = boxToRle(box, size, size);
    return d;
  };
  const PixelLibMap map = computePixelLibMap(gt, {maskDet(1, {0, 0, 10, 10}, 0.9), maskDet(2, {45, 45, 10, 10}, 0.9),
                                                  maskDet(2, {0, 0, 10, 10}, 0.8), maskDet(3, {0, 0, 5, 5}, 0.7)});
  EXPECT_EQ(map.iouType, IouType::Mask);
  EXPECT_NEAR(map.map, 0.625, 1e-12);
  EXPECT_EQ(map.imagesWithoutGroundTruth, 1u);
  ASSERT_EQ(map.imageAps.size(), 2u);
  EXPECT_NEAR(map.imageAps[1], 0.25, 1e-12);
}

TEST(PixelLibMapTest, DiffersFromCocoAp50WhereTheProceduresDo) {
  // Per-image averaging: image 1 (1 object, found) and image 2 (3 objects, 1 found): PixelLib (1 + 1/3) / 2 = 2/3,
  // whereas pooled COCO AP50 would see recall 0.5 overall.
  GroundTruthSet gt = dataset({1, 2}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  for (int i = 0; i < 3; ++i)
    addGt(gt, 2, 1, {i * 20.0, 0, 10, 10});
  PixelLibOptions options;
  options.useMasks = false;
  const PixelLibMap map =
      computePixelLibMap(gt, {det(1, 1, {0, 0, 10, 10}, 0.9), det(2, 1, {0, 0, 10, 10}, 0.9)}, options);
  EXPECT_NEAR(map.map, 2.0 / 3.0, 1e-12);
}
