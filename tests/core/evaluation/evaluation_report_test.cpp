#include "core/evaluation/evaluation_report.h"

#include "eval_test_support.h"

#include <gtest/gtest.h>

using namespace polytrain::evaluation;
using namespace polytrain::evaluation::testing;

namespace {

GroundTruthSet oneMaskedInstance() {
  GroundTruthSet gt = dataset({1}, {1});
  addGt(gt, 1, 1, {20, 20, 40, 40}).mask = rectanglesMask(200, {cv::Rect(20, 20, 40, 40)});
  return gt;
}

} // namespace

// An early epoch of a Mask R-CNN run may detect nothing: its mask AP is 0, not missing (results.csv's mask columns
// would be empty and the best-mAP checkpoint would compare boxes against masks).
TEST(EvaluationReport, AMaskModelWithoutDetectionsScoresMaskApZero) {
  EvaluationOptions options;
  options.threads = 1;
  options.fromMaskModel = true;
  const EvaluationReport report = evaluateDetections(oneMaskedInstance(), {}, options);
  ASSERT_TRUE(report.mask.has_value());
  EXPECT_LE(report.mask->stats[1], 0.0);
  options.fromMaskModel = false;
  EXPECT_FALSE(evaluateDetections(oneMaskedInstance(), {}, options).mask.has_value())
      << "a detection list alone cannot say it had masks";
}
