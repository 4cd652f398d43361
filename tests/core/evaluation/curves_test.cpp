#include "core/evaluation/confusion_matrix.h"
#include "core/evaluation/plots.h"
#include "core/evaluation/pr_curves.h"
#include "eval_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::evaluation;
using namespace polytrain::evaluation::testing;

TEST(CurvesTest, PrecisionRecallAndF1FromOutcomes) {
  // Scores .9 (TP), .8 (FP), .3 (TP); 3 objects.
  ClassOutcomes outcomes;
  outcomes.categoryId = 1;
  outcomes.groundTruths = 3;
  outcomes.scores = {0.9, 0.8, 0.3};
  outcomes.truePositive = {1, 0, 1};
  const ClassCurves c = curvesFromOutcomes(outcomes, linspace(0, 1, 101));
  // Interpolated: rc [1/3, 1/3, 2/3], pr [1, .5, 2/3] -> monotone [1, 2/3, 2/3].
  EXPECT_NEAR(c.precisionAtRecall[0], 1.0, 1e-12);
  EXPECT_NEAR(c.precisionAtRecall[33], 1.0, 1e-12);    // recall 0.33 <= 1/3
  EXPECT_NEAR(c.precisionAtRecall[34], 2.0 / 3, 1e-9); // recall 0.34
  EXPECT_NEAR(c.precisionAtRecall[66], 2.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(c.precisionAtRecall[67], 0.0); // beyond the reached recall
  // Confidence sweep.
  EXPECT_NEAR(c.precision[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(c.recall[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(c.f1[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(c.precision[50], 0.5, 1e-12); // .9 and .8 pass
  EXPECT_NEAR(c.recall[50], 1.0 / 3, 1e-12);
  EXPECT_NEAR(c.f1[50], 0.4, 1e-12);
  EXPECT_NEAR(c.precision[95], 1.0, 1e-12); // nothing passes
  EXPECT_NEAR(c.f1[95], 0.0, 1e-12);
  EXPECT_NEAR(c.bestF1, 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(c.bestF1Confidence, 0.0);
}

TEST(CurvesTest, ComputedFromDetectionsWithAMeanRowAndCsv) {
  GroundTruthSet gt = dataset({1}, {1, 2});
  addGt(gt, 1, 1, {0, 0, 10, 10});
  addGt(gt, 1, 1, {50, 0, 10, 10});
  const CocoEvaluator evaluator(gt);
  const Curves curves = computeCurves(
      evaluator, gt, {det(1, 1, {0, 0, 10, 10}, 0.9), det(1, 1, {100, 100, 10, 10}, 0.6)}, IouType::Box, 0.5);
  ASSERT_EQ(curves.classes.size(), 3u); // two classes and "all"
  EXPECT_EQ(curves.classes[0].groundTruths, 2u);
  EXPECT_EQ(curves.classes[1].groundTruths, 0u);
  EXPECT_EQ(curves.classes[2].name, "all");
  EXPECT_NEAR(curves.classes[2].precisionAtRecall[50], 1.0, 1e-12);  // only class 1 counts
  EXPECT_NEAR(curves.classes[0].f1[70], 2 * 1.0 * 0.5 / 1.5, 1e-12); // at .70 only the TP passes
  const std::string csv = prCurveCsv(curves);
  EXPECT_EQ(csv.rfind("category_id,name,recall,precision\n", 0), 0u);
  EXPECT_NE(csv.find("\n1,class1,0.5,1\n"), std::string::npos);
  EXPECT_NE(csv.find("\n2,class2,0,-1\n"), std::string::npos);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 3 * 101);
  EXPECT_NE(f1CurveCsv(curves).find("\n1,class1,0.7,1,0.5,0.666667\n"), std::string::npos);
}

TEST(ConfusionMatrixTest, CountsConfusionsMissesAndFalseAlarms) {
  GroundTruthSet gt = dataset({1}, {1, 2});
  addGt(gt, 1, 1, {0, 0, 10, 10});   // found as class 1
  addGt(gt, 1, 2, {50, 0, 10, 10});  // found, but labelled class 1
  addGt(gt, 1, 1, {100, 0, 10, 10}); // missed
  addGt(gt, 1, 1, {0, 100, 50, 50}, /*crowd=*/true);
  const std::vector<Detection> dets = {
      det(1, 1, {0, 0, 10, 10}, 0.9), det(1, 1, {51, 0, 10, 10}, 0.8), det(1, 2, {150, 150, 10, 10}, 0.7),
      det(1, 2, {100, 0, 10, 10}, 0.1),   // below the score threshold: neither match nor false alarm
      det(1, 1, {10, 110, 10, 10}, 0.9)}; // on the crowd: not counted
  const ConfusionMatrix m = computeConfusionMatrix(gt, dets);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m.at(0, 0), 1u); // class1 -> class1
  EXPECT_EQ(m.at(1, 0), 1u); // class2 -> class1
  EXPECT_EQ(m.at(0, 2), 1u); // class1 missed
  EXPECT_EQ(m.at(2, 1), 1u); // background -> class2
  size_t total = 0;
  for (const size_t c : m.counts)
    total += c;
  EXPECT_EQ(total, 4u);
  EXPECT_EQ(confusionMatrixCsv(m), "ground_truth\\predicted,class1,class2,background\n"
                                   "class1,1,0,1\n"
                                   "class2,1,0,0\n"
                                   "background,0,1,0\n");
  const cv::Mat picture = drawConfusionMatrix(m);
  EXPECT_FALSE(picture.empty());
  EXPECT_EQ(picture.type(), CV_8UC3);
}
