// The Train mode with the real trainer, as a user clicks it: a tiny configuration trains for a few steps on a
// worker thread while the event loop stays responsive, the charts get points, the run folder is written, Stop
// stops, and the finished run can be evaluated and opened in Infer.
#include "core/dataset/demo_data.h"
#include "core/training/trainer.h"
#include "tests/ui/support/latency_probe.h"
#include "train_test_support.h"
#include "ui/shell/action_registry.h"
#include "ui/train/loss_chart_view.h"
#include "ui/train/train_config_form.h"
#include "ui/train/train_mode.h"
#include "ui/train/training_progress_panel.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace polytrain;
using namespace polytrain::ui;

namespace {

training::TrainingConfig tinyRealConfig(const QString& data) {
  training::TrainingConfig config = *training::preset("cpu-quick");
  config.dataRoot = data.toStdString();
  config.inputSize = 64;
  config.batchSize = 2;
  config.epochs = 1;
  config.warmupIterations = 1;
  config.rpnPreNmsTopNTrain = 100;
  config.rpnPostNmsTopNTrain = 50;
  config.boxBatchSizePerImage = 32;
  config.augmentation = training::AugmentationConfig{false, 0, 0, 0, 0, 0, 0, false};
  config.threads = 1; // the other core stays with the GUI, as the studio's preset for a 2-core laptop would
  config.device = "cpu";
  return config;
}

QString makeTinyDataset(const QString& folder) {
  dataset::DemoOptions demo;
  demo.images = 8;
  demo.width = 64;
  demo.height = 64;
  demo.testRatio = 0.25;
  demo.maxObjects = 2;
  demo.seed = 5;
  const auto made = dataset::makeDemoDataset(folder.toStdString(), demo);
  EXPECT_TRUE(made.errors.empty());
  return folder;
}

struct RealHarness {
  explicit RealHarness(const QString& name)
      : runs(fakes::freshFolder(name + "/runs")), data(makeTinyDataset(fakes::freshFolder(name + "/data"))),
        mode(training::trainerFactory(), runs, {}) {
    mode.registerActions(registry);
    mode.widget()->resize(1280, 800);
    mode.widget()->show();
  }
  ~RealHarness() { mode.widget()->hide(); }

  int totalPoints() const {
    QCPGraph* graph = mode.charts()->iterationGraph(kTotalLossName, false);
    return graph != nullptr ? graph->dataCount() : 0;
  }
  QString state() const { return mode.progress()->findChild<QLabel*>("stateLabel")->text(); }

  QString runs;
  QString data;
  ActionRegistry registry;
  TrainMode mode;
};

} // namespace

TEST(TrainModeRealTrainerTest, TrainsEvaluatesAndOpensInInferWhileTheGuiStaysResponsive) {
  RealHarness harness("real_trainer");
  training::TrainingConfig config = tinyRealConfig(harness.data);
  config.dataRoot = "/no/such/folder";
  harness.mode.form()->setConfig(config);
  EXPECT_FALSE(harness.mode.openPath(harness.data + "/no-such-subfolder"));
  ASSERT_TRUE(harness.mode.openPath(harness.data)) << "--open DATA fills the form's dataset";
  ASSERT_TRUE(harness.mode.form()->isValid());
  QSignalSpy finished(&harness.mode, &TrainMode::trainingFinished);
  polytrain::ui::testing::LatencyProbe probe;
  ASSERT_TRUE(harness.mode.startTraining());
  ASSERT_TRUE(finished.wait(180000)) << "the tiny run did not finish in 3 minutes";
  const qint64 worst = probe.worstLatenessMs();
  std::printf("real trainer: worst event-loop lateness %lld ms over %d ticks of 10 ms\n", static_cast<long long>(worst),
              probe.ticks());
  EXPECT_LT(worst, 50) << "the GUI stalled while the real trainer ran";
  EXPECT_GT(probe.ticks(), 50);

  EXPECT_EQ(harness.state(), QObject::tr("Finished"));
  EXPECT_EQ(harness.totalPoints(), 3) << "6 training images, batch 2: 3 steps";
  const QString run = finished.takeFirst().at(0).toString();
  ASSERT_FALSE(run.isEmpty());
  for (const char* file : {"config.json", "results.csv", "iterations.csv", "weights/last.pt", "plots/losses.png"})
    EXPECT_TRUE(QFileInfo::exists(run + "/" + file)) << file;
  EXPECT_FALSE(harness.mode.progress()->summary().isEmpty());

  // The end-of-run actions act on the run just trained.
  EXPECT_EQ(harness.mode.runForActions(), run);
  ASSERT_TRUE(harness.mode.action("evaluate")->isEnabled());
  ASSERT_TRUE(harness.mode.action("openInInfer")->isEnabled());
  QSignalSpy evaluated(&harness.mode, &TrainMode::evaluationFinished);
  harness.mode.action("evaluate")->trigger();
  EXPECT_FALSE(harness.mode.action("evaluate")->isEnabled()) << "one evaluation at a time";
  ASSERT_TRUE(evaluated.wait(120000));
  const QList<QVariant> result = evaluated.takeFirst();
  EXPECT_TRUE(result.at(1).toBool()) << result.at(2).toString().toStdString();
  EXPECT_TRUE(result.at(2).toString().contains("box mAP50")) << result.at(2).toString().toStdString();
  EXPECT_TRUE(result.at(2).toString().contains("mask mAP50")) << result.at(2).toString().toStdString();
  for (const char* file : {"eval/metrics.json", "eval/per_class_ap.csv", "eval/pr_curve.png"})
    EXPECT_TRUE(QFileInfo::exists(run + "/" + file)) << file;

  QSignalSpy openRequested(&harness.mode, &Mode::openInModeRequested);
  harness.mode.action("openInInfer")->trigger();
  ASSERT_EQ(openRequested.count(), 1);
  EXPECT_EQ(openRequested.at(0).at(0).toString(), "infer");
  EXPECT_EQ(openRequested.at(0).at(1).toString(), run);
}

TEST(TrainModeRealTrainerTest, StopEndsARealRunAfterItsCurrentStepAndKeepsItsCheckpoint) {
  RealHarness harness("real_trainer_stop");
  training::TrainingConfig config = tinyRealConfig(harness.data);
  config.epochs = 50;
  harness.mode.form()->setConfig(config);
  QSignalSpy finished(&harness.mode, &TrainMode::trainingFinished);
  ASSERT_TRUE(harness.mode.startTraining());
  ASSERT_TRUE(QTest::qWaitFor([&] { return harness.totalPoints() > 0; }, 120000)) << "no step in 2 minutes";
  harness.mode.stopTraining();
  ASSERT_TRUE(finished.wait(120000));
  EXPECT_EQ(harness.state(), QObject::tr("Stopped"));
  EXPECT_LT(harness.totalPoints(), 50 * 3);
  const QString run = finished.takeFirst().at(0).toString();
  EXPECT_TRUE(QFileInfo::exists(run + "/weights/last.pt"));
}
