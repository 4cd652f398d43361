#include "core/training/run_folder.h"
#include "train_test_support.h"
#include "ui/train/run_history_view.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>

using namespace polytrain;
using namespace polytrain::ui;

using polytrain::fakes::writeRun;

TEST(IterationLogReaderTest, ReadsWhatIterationLogWrites) {
  const QString folder = fakes::freshFolder("iteration-log");
  const std::string path = (folder + "/iterations.csv").toStdString();
  {
    training::IterationLog log(path);
    for (int iteration = 1; iteration <= 4; ++iteration)
      log.append(fakes::stepOf(1, iteration, 4));
    log.append(fakes::stepOf(2, 1, 4));
  }
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Error error;
  const auto rows = parseIterationLog(text, path, error);
  ASSERT_TRUE(rows.has_value()) << error.message();
  ASSERT_EQ(rows->size(), 5u);
  const training::IterationStats expected = fakes::stepOf(1, 3, 4);
  const training::IterationStats& row = (*rows)[2];
  EXPECT_EQ(row.epoch, 1);
  EXPECT_EQ(row.iteration, 3);
  EXPECT_EQ(row.globalIteration, 3);
  EXPECT_EQ(row.totalIterations, 8);
  EXPECT_EQ(row.iterationsPerEpoch, 4);
  EXPECT_NEAR(row.totalLoss, expected.totalLoss, 1e-5);
  EXPECT_NEAR(row.learningRate, 0.001, 1e-12);
  EXPECT_NEAR(row.imagesPerSecond, 12.5, 1e-12);
  ASSERT_EQ(row.losses.size(), expected.losses.size());
  for (std::size_t k = 0; k < row.losses.size(); ++k) {
    EXPECT_EQ(row.losses[k].first, expected.losses[k].first);
    EXPECT_NEAR(row.losses[k].second, expected.losses[k].second, 1e-5);
  }
  EXPECT_EQ((*rows)[4].epoch, 2);
}

TEST(IterationLogReaderTest, ABadLineIsAnErrorThatNamesTheLine) {
  Error error;
  const std::string text = "epoch,iteration,global_iteration,total_iterations,lr,images_per_s,eta_s,loss,loss_mask\n"
                           "1,1,1,10,0.001,5,20,0.9,0.9\n"
                           "1,2,2,10,0.001,5,x,0.8,0.8\n";
  EXPECT_FALSE(parseIterationLog(text, "run/iterations.csv", error).has_value());
  EXPECT_EQ(error.path, "run/iterations.csv");
  EXPECT_EQ(error.pointer, "line 3");
  EXPECT_NE(error.what.find("eta_s"), std::string::npos) << error.what;
  EXPECT_FALSE(parseIterationLog("a,b\n1,2\n", "x.csv", error).has_value());
}

TEST(RunHistoryTest, ListsOnlyRunFoldersNewestFirst) {
  const QString parent = fakes::freshFolder("history-list");
  const QString older = writeRun(parent, "ssdlite320_mobilenet_v3_large", 3);
  const std::filesystem::path olderConfig = (older + "/config.json").toStdString();
  std::filesystem::last_write_time(olderConfig, std::filesystem::last_write_time(olderConfig) - std::chrono::hours(1));
  const QString newer = writeRun(parent, "maskrcnn_mobilenet_v3_large_fpn", 3);
  QDir(parent).mkdir("not-a-run");
  const std::vector<RunSummary> runs = listRuns(parent.toStdString());
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(QString::fromStdString(runs[0].path), newer);
  EXPECT_EQ(runs[0].model, "maskrcnn_mobilenet_v3_large_fpn");
  EXPECT_EQ(QString::fromStdString(runs[1].path), older);
  EXPECT_EQ(runs[1].name, "train");
  EXPECT_TRUE(listRuns("/no/such/runs").empty());
}

TEST(RunHistoryTest, SelectingARunLoadsItsConfigAndCurves) {
  const QString parent = fakes::freshFolder("history-load");
  const QString run = writeRun(parent, "ssdlite320_mobilenet_v3_large", 6);
  RunHistoryView view(parent);
  EXPECT_EQ(view.runCount(), 1);
  QSignalSpy loaded(&view, &RunHistoryView::runLoaded);
  ASSERT_TRUE(view.selectRun(run));
  EXPECT_EQ(view.selectedRun(), run);
  ASSERT_TRUE(loaded.wait(10000));
  const auto result = loaded.takeFirst().at(0).value<LoadedRun>();
  EXPECT_FALSE(result.error.has_value()) << result.error->message();
  EXPECT_EQ(result.config.model, "ssdlite320_mobilenet_v3_large");
  EXPECT_EQ(result.iterations.size(), 12u);
  ASSERT_EQ(result.epochs.size(), 2u);
  ASSERT_TRUE(result.epochs[1].boxMetrics.has_value());
  EXPECT_NEAR(result.epochs[1].boxMetrics->map50, 0.4, 1e-6);
}

TEST(RunHistoryTest, RefreshPicksUpNewRuns) {
  const QString parent = fakes::freshFolder("history-refresh");
  RunHistoryView view(parent);
  EXPECT_EQ(view.runCount(), 0);
  writeRun(parent, "ssdlite320_mobilenet_v3_large", 2);
  view.refresh();
  EXPECT_EQ(view.runCount(), 1);
}
