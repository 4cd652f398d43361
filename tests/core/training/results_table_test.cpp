#include "core/training/results_table.h"

#include <gtest/gtest.h>

using namespace polytrain;
using namespace polytrain::training;

namespace {
EpochStats epoch(int number, bool validated) {
  EpochStats stats;
  stats.epoch = number;
  stats.seconds = 12.5 * number;
  stats.validationSeconds = validated ? 2.5 : 0.0;
  stats.trainLosses = {{"loss_classifier", 0.5 / number}, {"loss_mask", 0.25}};
  if (validated) {
    stats.validationLosses = {{"loss_classifier", 0.6}, {"loss_mask", 0.3}};
    stats.boxMetrics = DetectionMetrics{0.75, 0.5};
    stats.maskMetrics = DetectionMetrics{0.7, 0.45};
  }
  stats.learningRate = 0.001;
  stats.peakRssBytes = 512L * 1024 * 1024;
  stats.rssBytes = 256L * 1024 * 1024;
  return stats;
}
} // namespace

TEST(ResultsTableTest, WritesUltralyticsStyleColumns) {
  const std::string csv = formatResultsCsv({epoch(1, true)});
  EXPECT_EQ(
      csv.substr(0, csv.find('\n')),
      "epoch,time,val_time,train/loss_classifier,train/loss_mask,val/loss_classifier,val/loss_mask,metrics/mAP50(B),"
      "metrics/mAP50-95(B),metrics/mAP50(M),metrics/mAP50-95(M),lr,peak_rss_mb,rss_mb");
  EXPECT_NE(csv.find("\n1,12.5,2.5,0.5,0.25,0.6,0.3,0.75,0.5,0.7,0.45,0.001,512,256\n"), std::string::npos) << csv;
}

TEST(ResultsTableTest, RoundTripsEpochsWithAndWithoutValidation) {
  const std::vector<EpochStats> epochs = {epoch(1, false), epoch(2, true)};
  Error error;
  const auto parsed = parseResultsCsv(formatResultsCsv(epochs), "results.csv", error);
  ASSERT_TRUE(parsed) << error.message();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].epoch, 1);
  EXPECT_TRUE((*parsed)[0].validationLosses.empty());
  EXPECT_FALSE((*parsed)[0].boxMetrics);
  EXPECT_EQ((*parsed)[1].trainLosses, epochs[1].trainLosses);
  EXPECT_EQ((*parsed)[1].validationLosses, epochs[1].validationLosses);
  ASSERT_TRUE((*parsed)[1].maskMetrics);
  EXPECT_DOUBLE_EQ((*parsed)[1].maskMetrics->map50_95, 0.45);
  EXPECT_EQ((*parsed)[1].peakRssBytes, 512L * 1024 * 1024);
  EXPECT_DOUBLE_EQ((*parsed)[1].validationSeconds, 2.5);
  EXPECT_EQ((*parsed)[1].rssBytes, 256L * 1024 * 1024);
}

TEST(ResultsTableTest, BadRowsNameTheFileLineAndColumn) {
  Error error;
  EXPECT_FALSE(parseResultsCsv("epoch,time,lr\n1,2\n", "r.csv", error));
  EXPECT_EQ(error.message(), "r.csv: line 2: has 2 cells, the header has 3");
  EXPECT_FALSE(parseResultsCsv("epoch,time,lr\n1,2,fast\n", "r.csv", error));
  EXPECT_EQ(error.message(), "r.csv: line 2, column lr: \"fast\" is not a number");
  EXPECT_FALSE(parseResultsCsv("", "r.csv", error));
}
