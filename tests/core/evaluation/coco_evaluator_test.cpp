// Hand-computed COCOeval cases. With one class and the same outcome at every IoU threshold, AP is the mean of the
// interpolated precision at the 101 recall levels 0, 0.01, ..., 1: reaching recall 0.5 with precision 1 gives
// 51 / 101 = 0.504950 (levels 0.00..0.50), recall 2/3 gives 67 / 101 (levels 0.00..0.66).
#include "core/evaluation/coco_evaluator.h"
#include "core/evaluation/coco_summary.h"
#include "eval_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::evaluation;
using namespace polytrain::evaluation::testing;

namespace {

enum Stat { AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl };

CocoEvaluation evaluate(const GroundTruthSet& gt, const std::vector<Detection>& dets, IouType type = IouType::Box,
                        int threads = 1) {
  CocoParams params = CocoParams::standard();
  params.threads = threads;
  return CocoEvaluator(gt, params).evaluate(dets, type);
}

} // namespace

TEST(CocoEvaluatorTest, ThresholdsAreNumpyLinspace) {
  const CocoParams p = CocoParams::standard();
  ASSERT_EQ(p.iouThresholds.size(), 10u);
  EXPECT_EQ(p.iouThresholds[0], 0.5);
  EXPECT_EQ(p.iouThresholds[5], 0.75);
  EXPECT_EQ(p.iouThresholds[9], 0.95);
  ASSERT_EQ(p.recallThresholds.size(), 101u);
  EXPECT_EQ(p.recallThresholds[100], 1.0);
}

TEST(CocoEvaluatorTest, PerfectDetectionsScoreOneAndMaxDetsOneLimitsRecallPerImageAndClass) {
  // Image 1: small (10x10 = 100) and large (100x100 = 10000) objects; image 2: a medium one (50x50 = 2500).
  GroundTruthSet gt = dataset({1, 2}, {1});
  addGt(gt, 1, 1, {5, 5, 10, 10});
  addGt(gt, 1, 1, {50, 50, 100, 100});
  addGt(gt, 2, 1, {20, 20, 50, 50});
  const std::vector<Detection> dets = {det(1, 1, {5, 5, 10, 10}, 0.8), det(1, 1, {50, 50, 100, 100}, 0.9),
                                       det(2, 1, {20, 20, 50, 50}, 0.7)};
  const CocoEvaluation e = evaluate(gt, dets);
  for (const Stat s : {AP, AP50, AP75, APs, APm, APl, AR10, AR100, ARs, ARm, ARl})
    EXPECT_DOUBLE_EQ(e.stats[s], 1.0) << "stat " << s;
  // maxDets 1: only the top detection of image 1 counts, so 2 of 3 objects are found at every threshold.
  EXPECT_NEAR(e.stats[AR1], 2.0 / 3.0, 1e-12);
  ASSERT_EQ(e.perClass.size(), 1u);
  EXPECT_DOUBLE_EQ(e.perClass[0].ap, 1.0);
  EXPECT_EQ(e.perClass[0].groundTruths, 3u);
  EXPECT_EQ(e.perClass[0].detections, 3u);
}

TEST(CocoEvaluatorTest, MissedObjectsCapRecall) {
  GroundTruthSet gt = dataset({1}, {1});
  for (int i = 0; i < 4; ++i)
    addGt(gt, 1, 1, {i * 40.0, 0, 20, 20});
  const CocoEvaluation e = evaluate(gt, {det(1, 1, {0, 0, 20, 20}, 0.9), det(1, 1, {40, 0, 20, 20}, 0.8)});
  EXPECT_NEAR(e.stats[AP], 51.0 / 101.0, 1e-12); // precision 1 up to recall 0.5, then nothing
  EXPECT_NEAR(e.stats[AR100], 0.5, 1e-12);
  EXPECT_NEAR(e.stats[AR1], 0.25, 1e-12);
}

TEST(CocoEvaluatorTest, DuplicateDetectionsAreFalsePositivesAndTheBetterScoredOneWins) {
  // One object; a shifted box (IoU 8/12 = 0.667) scored 0.95 and an exact one scored 0.9.
  // IoU .50-.65: the shifted box matches, the exact one is a duplicate after it -> precision 1 -> AP 1.
  // IoU .70-.95: the shifted box is a false positive before the match: rc [0, 1], pr [0, .5] -> AP 0.5.
  // AP = (4 * 1 + 6 * 0.5) / 10 = 0.7.
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  const CocoEvaluation e = evaluate(gt, {det(1, 1, {2, 0, 10, 10}, 0.95), det(1, 1, {0, 0, 10, 10}, 0.9)});
  EXPECT_NEAR(e.stats[AP], 0.7, 1e-12);
  EXPECT_NEAR(e.stats[AP50], 1.0, 1e-12);
  EXPECT_NEAR(e.stats[AP75], 0.5, 1e-12);
  EXPECT_NEAR(e.stats[AR100], 1.0, 1e-12);
  EXPECT_NEAR(e.stats[AR1], 0.4, 1e-12); // only the shifted box: found at 4 of 10 thresholds
}

TEST(CocoEvaluatorTest, CrowdRegionsAbsorbDetectionsWithoutCountingAsMisses) {
  // Two high-scored detections inside a crowd region are ignored (crowd IoU = 1): AP 1, not the 1/3 of two false
  // positives before the true positive. The crowd is no miss: recall 1 with one regular object.
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  addGt(gt, 1, 1, {50, 50, 40, 40}, /*crowd=*/true);
  const std::vector<Detection> dets = {det(1, 1, {55, 55, 10, 10}, 0.95), det(1, 1, {70, 70, 10, 10}, 0.92),
                                       det(1, 1, {0, 0, 10, 10}, 0.5)};
  const CocoEvaluation e = evaluate(gt, dets);
  EXPECT_NEAR(e.stats[AP], 1.0, 1e-12);
  EXPECT_NEAR(e.stats[AR100], 1.0, 1e-12);
  EXPECT_EQ(e.perClass[0].groundTruths, 1u);

  // A detection covering the crowd only partly (100 of its 400 pixels: crowd IoU 0.25) is a false positive.
  const CocoEvaluation partial = evaluate(gt, {det(1, 1, {80, 80, 20, 20}, 0.97), det(1, 1, {0, 0, 10, 10}, 0.5)});
  EXPECT_NEAR(partial.stats[AP], 0.5, 1e-12);
}

TEST(CocoEvaluatorTest, ARegularMatchIsKeptOverABetterCrowdMatch) {
  // The detection overlaps the object with IoU 0.667 and lies inside a crowd (crowd IoU 1). COCOeval tries regular
  // objects first and stops at the first crowd once matched: a true positive at IoU .50-.65 (4 thresholds, AP 1);
  // above, it falls to the crowd and is ignored, leaving the object missed (AP 0). AP = 0.4.
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  addGt(gt, 1, 1, {0, 0, 30, 30}, /*crowd=*/true);
  const CocoEvaluation e = evaluate(gt, {det(1, 1, {2, 0, 10, 10}, 0.9)});
  EXPECT_NEAR(e.stats[AP], 0.4, 1e-12);
}

TEST(CocoEvaluatorTest, AreaRangesFilterObjectsAndUnmatchedDetections) {
  // Objects: small (100) and large (10000); detections: the large one, and a medium-sized (2500) false positive
  // with the highest score.
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  addGt(gt, 1, 1, {50, 50, 100, 100});
  const CocoEvaluation e = evaluate(gt, {det(1, 1, {0, 100, 50, 50}, 0.99), det(1, 1, {50, 50, 100, 100}, 0.9)});
  // all: rc [0, .5], pr [0, .5] -> precision 0.5 at levels 0..0.50 -> 25.5 / 101.
  EXPECT_NEAR(e.stats[AP], 25.5 / 101.0, 1e-12);
  // small: the large object is ignored, the detection on it too, the medium false positive is outside -> 0.
  EXPECT_NEAR(e.stats[APs], 0.0, 1e-12);
  // medium: no object of that size -> -1 (absent, like COCO).
  EXPECT_DOUBLE_EQ(e.stats[APm], -1.0);
  // large: the false positive is outside the range and ignored -> 1.
  EXPECT_NEAR(e.stats[APl], 1.0, 1e-12);
  EXPECT_NEAR(e.stats[ARs], 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(e.stats[ARm], -1.0);
  EXPECT_NEAR(e.stats[ARl], 1.0, 1e-12);
}

TEST(CocoEvaluatorTest, MaxDetsTruncatesPerImageAndClass) {
  // 150 objects with 150 perfect detections in one image: only the 100 best detections are kept, recall 2/3.
  GroundTruthSet gt = dataset({1}, {1}, 200);
  std::vector<Detection> dets;
  for (int i = 0; i < 150; ++i) {
    const BoxXywh box{(i % 20) * 10.0, (i / 20) * 10.0, 8, 8};
    addGt(gt, 1, 1, box);
    dets.push_back(det(1, 1, box, 1.0 - i * 0.001));
  }
  const CocoEvaluation e = evaluate(gt, dets);
  EXPECT_NEAR(e.stats[AP], 67.0 / 101.0, 1e-12);
  EXPECT_NEAR(e.stats[AR100], 100.0 / 150.0, 1e-12);
  EXPECT_NEAR(e.stats[AR10], 10.0 / 150.0, 1e-12);
  EXPECT_NEAR(e.stats[AR1], 1.0 / 150.0, 1e-12);
  EXPECT_EQ(e.perClass[0].detections, 100u);
}

TEST(CocoEvaluatorTest, ClassesAbsentFromTheGroundTruthAreLeftOutOfTheMean) {
  // Class 2 has no objects: its detections make no precision entry (-1) and do not lower the mean. Class 3 is not
  // a category at all: its detections are dropped.
  GroundTruthSet gt = dataset({1}, {1, 2});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  const CocoEvaluation e =
      evaluate(gt, {det(1, 1, {0, 0, 10, 10}, 0.5), det(1, 2, {0, 0, 10, 10}, 0.9), det(1, 3, {0, 0, 10, 10}, 0.99)});
  EXPECT_NEAR(e.stats[AP], 1.0, 1e-12);
  ASSERT_EQ(e.perClass.size(), 2u);
  EXPECT_DOUBLE_EQ(e.perClass[1].ap, -1.0);
  EXPECT_EQ(e.perClass[1].detections, 1u);
  EXPECT_EQ(e.perClass[1].name, "class2");
}

TEST(CocoEvaluatorTest, EmptyImagesOnlyMatterThroughTheirDetections) {
  GroundTruthSet gt = dataset({1, 2, 3}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  // Image 2 has nothing at all; image 3 has a false positive scored above the true positive: rc [0, 1], pr [0, .5].
  EXPECT_NEAR(evaluate(gt, {det(1, 1, {0, 0, 10, 10}, 0.5)}).stats[AP], 1.0, 1e-12);
  EXPECT_NEAR(evaluate(gt, {det(1, 1, {0, 0, 10, 10}, 0.5), det(3, 1, {0, 0, 10, 10}, 0.9)}).stats[AP], 0.5, 1e-12);
  // No detections: 0; no ground truth at all: -1 everywhere.
  EXPECT_DOUBLE_EQ(evaluate(gt, {}).stats[AP], 0.0);
  const CocoEvaluation none = evaluate(dataset({1}, {1}), {det(1, 1, {0, 0, 10, 10}, 0.5)});
  for (const double s : none.stats)
    EXPECT_DOUBLE_EQ(s, -1.0);
}

TEST(CocoEvaluatorTest, MasksAndBoxesDisagreeWhenTheShapesDo) {
  // The object is two diagonal 10x10 blocks; the first detection covers the other diagonal (same 20x20 box, mask
  // IoU 0), the second one the object itself. Boxes: both boxes are identical -> TP then duplicate -> AP 1.
  // Masks: a false positive first, then the true positive -> AP 0.5.
  const int size = 50;
  GroundTruthSet gt = dataset({1}, {1}, size);
  GroundTruthInstance& g = addGt(gt, 1, 1, {10, 10, 20, 20});
  g.mask = rectanglesMask(size, {{10, 10, 10, 10}, {20, 20, 10, 10}});
  g.area = 200;
  Detection wrong = det(1, 1, {10, 10, 20, 20}, 0.9);
  wrong.mask = rectanglesMask(size, {{20, 10, 10, 10}, {10, 20, 10, 10}});
  Detection right = det(1, 1, {10, 10, 20, 20}, 0.8);
  right.mask = g.mask;
  const std::vector<Detection> dets = {wrong, right};
  EXPECT_NEAR(evaluate(gt, dets, IouType::Box).stats[AP], 1.0, 1e-12);
  EXPECT_NEAR(evaluate(gt, dets, IouType::Mask).stats[AP], 0.5, 1e-12);
}

TEST(CocoEvaluatorTest, ThreadsDoNotChangeTheNumbers) {
  GroundTruthSet gt = dataset({1, 2, 3, 4}, {1, 2, 3});
  std::vector<Detection> dets;
  for (int i = 0; i < 40; ++i) {
    const BoxXywh box{(i % 7) * 20.0, (i % 5) * 25.0, 15.0 + i % 9, 12.0 + i % 4};
    addGt(gt, 1 + i % 4, 1 + i % 3, box);
    dets.push_back(det(1 + i % 4, 1 + (i * 7) % 3, {box.x + i % 3, box.y, box.width, box.height}, 0.01 * i));
  }
  const CocoEvaluation one = evaluate(gt, dets, IouType::Box, 1);
  const CocoEvaluation four = evaluate(gt, dets, IouType::Box, 4);
  EXPECT_EQ(one.stats, four.stats);
  EXPECT_EQ(one.precision, four.precision);
  EXPECT_GT(one.stats[AP], 0.0);
  EXPECT_LT(one.stats[AP], 1.0);
}

TEST(CocoSummaryTest, PrintsPycocotoolsLayout) {
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  const std::string text =
      formatCocoSummary(evaluate(gt, {det(1, 1, {2, 0, 10, 10}, 0.95), det(1, 1, {0, 0, 10, 10}, 0.9)}));
  EXPECT_NE(text.find(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.700\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.500\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.700\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.400\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 12);
}
