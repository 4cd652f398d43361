#include "fake_training_job.h"
#include "train_test_support.h"
#include "ui/train/loss_chart_view.h"
#include "ui/train/training_progress_panel.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace polytrain;
using namespace polytrain::ui;

namespace {

training::IterationStats step(long global, training::LossValues losses) {
  training::IterationStats stats;
  stats.epoch = 1;
  stats.iteration = static_cast<int>(global);
  stats.iterationsPerEpoch = 1000;
  stats.globalIteration = global;
  stats.totalIterations = 1000;
  stats.losses = std::move(losses);
  stats.totalLoss = training::totalOf(stats.losses);
  return stats;
}

} // namespace

TEST(LossChartViewTest, EveryComponentGetsARawAndASmoothedCurvePlusTheTotal) {
  LossChartView view;
  for (long global = 1; global <= 30; ++global)
    view.addIteration(step(global, fakes::FakeTrainingJob::lossesAt(global)));
  for (const QString& name : {QString("loss_classifier"), QString("loss_box_reg"), QString("loss_mask"),
                              QString("loss_objectness"), QString("loss_rpn_box_reg"), kTotalLossName}) {
    for (const bool smoothed : {false, true}) {
      QCPGraph* graph = view.iterationGraph(name, smoothed);
      ASSERT_NE(graph, nullptr) << name.toStdString();
      EXPECT_EQ(graph->dataCount(), 30) << name.toStdString();
    }
    // Same colour for raw and smoothed; raw is the light one; only smoothed curves are in the legend.
    EXPECT_EQ(view.iterationGraph(name, true)->pen().color().rgb(),
              view.iterationGraph(name, false)->pen().color().rgb());
    EXPECT_LT(view.iterationGraph(name, false)->pen().color().alpha(), 255);
    EXPECT_GT(view.iterationGraph(name, true)->pen().widthF(), view.iterationGraph(name, false)->pen().widthF());
    EXPECT_TRUE(view.iterationPlot()->legend->hasItemWithPlottable(view.iterationGraph(name, true)));
    EXPECT_FALSE(view.iterationPlot()->legend->hasItemWithPlottable(view.iterationGraph(name, false)));
  }
  EXPECT_EQ(view.iterationPlot()->graphCount(), 12);
}

TEST(LossChartViewTest, TheSmoothedCurveIsADebiasedMovingAverage) {
  LossChartView view;
  view.addIteration(step(1, {{"loss_mask", 1.0}}));
  view.addIteration(step(2, {{"loss_mask", 0.0}}));
  view.addIteration(step(3, {{"loss_mask", 0.0}}));
  QCPGraph* smooth = view.iterationGraph("loss_mask", true);
  ASSERT_NE(smooth, nullptr);
  // beta 0.9: s1 = 0.1 / 0.1 = 1; s2 = 0.09 / 0.19; s3 = 0.081 / 0.271 (hand-computed)
  EXPECT_DOUBLE_EQ(smooth->data()->at(0)->value, 1.0);
  EXPECT_NEAR(smooth->data()->at(1)->value, 0.09 / 0.19, 1e-12);
  EXPECT_NEAR(smooth->data()->at(2)->value, 0.081 / 0.271, 1e-12);
  EXPECT_DOUBLE_EQ(view.iterationGraph("loss_mask", false)->data()->at(1)->value, 0.0);
}

TEST(LossChartViewTest, ColoursAreStablePerComponentName) {
  EXPECT_EQ(lossSeriesColor("loss_mask"), lossSeriesColor("loss_mask"));
  EXPECT_NE(lossSeriesColor("loss_mask"), lossSeriesColor("loss_classifier"));
  EXPECT_EQ(lossSeriesColor("some_new_loss"), lossSeriesColor("some_new_loss"));
  LossChartView first;
  LossChartView second;
  first.addIteration(step(1, {{"a_loss", 1.0}, {"loss_box_reg", 1.0}}));
  second.addIteration(step(1, {{"loss_box_reg", 1.0}, {"a_loss", 1.0}}));
  EXPECT_EQ(first.iterationGraph("a_loss", true)->pen().color(), second.iterationGraph("a_loss", true)->pen().color());
}

TEST(LossChartViewTest, EpochLossesAndMapGoToTheirOwnCharts) {
  LossChartView view;
  for (int epoch = 1; epoch <= 3; ++epoch) {
    training::EpochStats stats;
    stats.epoch = epoch;
    stats.trainLosses = {{"loss_classifier", 1.0 / epoch}, {"loss_mask", 0.5}};
    if (epoch != 2) { // not validated at epoch 2
      stats.validationLosses = {{"loss_classifier", 1.2 / epoch}, {"loss_mask", 0.6}};
      stats.boxMetrics = training::DetectionMetrics{0.1 * epoch, 0.05 * epoch};
      stats.maskMetrics = training::DetectionMetrics{0.09 * epoch, 0.04 * epoch};
    }
    view.addEpoch(stats);
  }
  ASSERT_NE(view.epochGraph("train"), nullptr);
  ASSERT_NE(view.epochGraph("validation"), nullptr);
  EXPECT_EQ(view.epochGraph("train")->dataCount(), 3);
  EXPECT_EQ(view.epochGraph("validation")->dataCount(), 2);
  EXPECT_DOUBLE_EQ(view.epochGraph("validation")->data()->at(1)->key, 3.0);
  EXPECT_DOUBLE_EQ(view.epochGraph("validation")->data()->at(1)->value, 0.4 + 0.6);
  for (const char* name : {"box mAP50", "box mAP50-95", "mask mAP50", "mask mAP50-95"}) {
    ASSERT_NE(view.mapGraph(name), nullptr) << name;
    EXPECT_EQ(view.mapGraph(name)->dataCount(), 2) << name;
  }
  EXPECT_NEAR(view.mapGraph("mask mAP50")->data()->at(1)->value, 0.27, 1e-12);
  EXPECT_EQ(view.iterationPlot()->graphCount(), 0);
}

TEST(LossChartViewTest, TenThousandPointsCostOneReplotPerTick) {
  LossChartView view;
  view.resize(900, 600);
  view.show();
  for (long global = 1; global <= 10000; ++global)
    view.addIteration(step(global, fakes::FakeTrainingJob::lossesAt(global)));
  EXPECT_EQ(view.replotRequests(), 0); // adding points never replots by itself
  ASSERT_TRUE(QTest::qWaitFor([&] { return view.replotRequests() > 0; }, 5000));
  QTest::qWait(3 * LossChartView::kReplotIntervalMs);
  EXPECT_EQ(view.replotRequests(), 1); // one queued replot of the iteration chart covered all 10 000 points
  EXPECT_EQ(view.iterationGraph(kTotalLossName, false)->dataCount(), 10000);
  // Autoscale fitted the axes to the data.
  EXPECT_LE(view.iterationPlot()->xAxis->range().lower, 1.0);
  EXPECT_GE(view.iterationPlot()->xAxis->range().upper, 10000.0);
}

TEST(LossChartViewTest, ZoomingWithTheWheelTurnsAutoscaleOffAndTheToggleFitsAgain) {
  LossChartView view;
  view.resize(900, 600);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  for (long global = 1; global <= 200; ++global)
    view.addIteration(step(global, fakes::FakeTrainingJob::lossesAt(global)));
  ASSERT_TRUE(QTest::qWaitFor([&] { return view.replotRequests() > 0; }, 5000));
  QSignalSpy autoscale(&view, &LossChartView::autoscaleChanged);
  QCustomPlot* plot = view.iterationPlot();
  const QPointF centre = plot->axisRect()->rect().center();
  QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(plot, &wheel);
  EXPECT_FALSE(view.autoscale());
  ASSERT_EQ(autoscale.count(), 1);
  const QCPRange zoomed = plot->xAxis->range();
  EXPECT_LT(zoomed.size(), 199.0); // the wheel zoomed in
  view.addIteration(step(201, fakes::FakeTrainingJob::lossesAt(201)));
  QTest::qWait(3 * LossChartView::kReplotIntervalMs);
  EXPECT_DOUBLE_EQ(plot->xAxis->range().lower, zoomed.lower); // new points do not undo the zoom
  view.setAutoscale(true);
  QTest::qWait(3 * LossChartView::kReplotIntervalMs);
  EXPECT_LE(plot->xAxis->range().lower, 1.0);
  EXPECT_GE(plot->xAxis->range().upper, 201.0);
}

TEST(LossChartViewTest, ExportsTheChartsAsOnePng) {
  LossChartView view;
  view.resize(800, 500);
  for (long global = 1; global <= 50; ++global)
    view.addIteration(step(global, fakes::FakeTrainingJob::lossesAt(global)));
  const QString path = fakes::freshFolder("chart-export") + "/charts.png";
  ASSERT_TRUE(view.exportPng(path));
  const QImage image(path);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.width(), 800);
  EXPECT_EQ(image.height(), 500);
}

TEST(LossChartViewTest, ClearRemovesEveryCurve) {
  LossChartView view;
  view.addIteration(step(1, {{"loss_mask", 1.0}}));
  training::EpochStats epoch;
  epoch.epoch = 1;
  epoch.trainLosses = {{"loss_mask", 1.0}};
  view.addEpoch(epoch);
  view.clear();
  EXPECT_EQ(view.iterationPlot()->graphCount(), 0);
  EXPECT_EQ(view.epochPlot()->graphCount(), 0);
  EXPECT_EQ(view.iterationGraph("loss_mask", true), nullptr);
}

TEST(FormatDurationTest, HoursMinutesSeconds) {
  EXPECT_EQ(formatDuration(0.0), "0:00:00");
  EXPECT_EQ(formatDuration(7.4), "0:00:07");
  EXPECT_EQ(formatDuration(3723.0), "1:02:03");
  EXPECT_EQ(formatDuration(90000.0), "25:00:00");
  EXPECT_EQ(formatDuration(-1.0), "--:--:--");
  EXPECT_EQ(formatDuration(std::numeric_limits<double>::infinity()), "--:--:--");
}
