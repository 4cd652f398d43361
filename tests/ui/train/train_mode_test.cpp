// The Train mode driven as a user drives it, on the offscreen platform, with a fake job in place of the trainer.
#include "tests/ui/support/latency_probe.h"
#include "train_test_support.h"
#include "ui/modes/studio_modes.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/main_window.h"
#include "ui/train/loss_chart_view.h"
#include "ui/train/run_history_view.h"
#include "ui/train/train_config_form.h"
#include "ui/train/train_mode.h"
#include "ui/train/training_progress_panel.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <fstream>
#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace polytrain;
using namespace polytrain::ui;
using polytrain::fakes::FakeFactory;

namespace {

// A Train mode with its actions registered and its page on screen.
struct TrainHarness {
  explicit TrainHarness(FakeFactory& fakes, const QString& name)
      : runs(fakes::freshFolder(name + "/runs")), data(fakes::freshFolder(name + "/data")),
        mode(fakes.factory(), runs, {}) {
    mode.registerActions(registry);
    mode.form()->setConfig(fakes::validConfig(data));
    mode.widget()->resize(1280, 800);
    mode.widget()->show();
  }
  ~TrainHarness() { mode.widget()->hide(); }

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

using LatencyProbe = polytrain::ui::testing::LatencyProbe;

long countDataLines(const QString& csv) {
  std::ifstream in(csv.toStdString());
  long lines = 0;
  std::string line;
  while (std::getline(in, line))
    ++lines;
  return lines - 1; // header
}

} // namespace

TEST(TrainModeTest, IsTheTrainWorkspace) {
  FakeFactory fakes;
  TrainHarness h(fakes, "mode-identity");
  EXPECT_EQ(h.mode.id(), "train");
  EXPECT_FALSE(h.mode.icon().pixmap(32, 32).isNull());
  for (const char* id : {"train.start", "train.stop", "train.pause", "train.resume", "train.continueRun",
                         "train.autoscale", "train.exportChart", "train.evaluate", "train.openInInfer"})
    EXPECT_NE(h.registry.action(id), nullptr) << id;
  ASSERT_EQ(h.mode.toolBars().size(), 1);
  EXPECT_EQ(h.mode.toolBars().first()->actions().size(), 11); // nine actions and two separators
  ASSERT_EQ(h.mode.dockWidgets().size(), 1);
  EXPECT_EQ(h.mode.dockWidgets().first()->widget(), h.mode.history());
}

TEST(TrainModeTest, ClosingDuringARunAsksAndStopsItOnlyWhenTheUserAgrees) {
  FakeFactory fakes;
  fakes.script.epochs = 1000;
  fakes.script.microsecondsPerIteration = 2000;
  TrainHarness h(fakes, "mode-close");
  int asked = 0;
  bool answer = false;
  h.mode.setStopConfirmation([&] {
    ++asked;
    return answer;
  });
  EXPECT_TRUE(h.mode.mayClose()) << "nothing running: nothing to ask";
  EXPECT_EQ(asked, 0);
  ASSERT_TRUE(h.mode.startTraining());
  EXPECT_FALSE(h.mode.mayClose()) << "the user said no: the run goes on";
  EXPECT_EQ(asked, 1);
  EXPECT_TRUE(h.mode.isTraining());
  EXPECT_TRUE(h.registry.action("train.stop")->isEnabled());
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  answer = true;
  EXPECT_TRUE(h.mode.mayClose());
  EXPECT_FALSE(h.registry.action("train.stop")->isEnabled()) << "the stop was requested";
  ASSERT_TRUE(finished.wait(20000));
  EXPECT_EQ(h.state(), "Stopped");
}

TEST(TrainModeTest, ClickingTrainPlotsTheRunAndStopStopsIt) {
  FakeFactory fakes;
  fakes.script.epochs = 1000;
  fakes.script.iterationsPerEpoch = 10;
  fakes.script.microsecondsPerIteration = 2000;
  TrainHarness h(fakes, "mode-train-stop");
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  auto* button = h.mode.widget()->findChild<QToolButton*>("trainButton");
  ASSERT_NE(button, nullptr);
  ASSERT_TRUE(button->isEnabled());
  QTest::mouseClick(button, Qt::LeftButton);
  ASSERT_EQ(fakes.made, 1);
  EXPECT_EQ(fakes.lastRunsParent, h.runs.toStdString());
  EXPECT_TRUE(h.mode.isTraining());
  EXPECT_FALSE(h.registry.action("train.start")->isEnabled());
  EXPECT_TRUE(h.registry.action("train.stop")->isEnabled());
  EXPECT_FALSE(h.mode.form()->isEnabled());

  ASSERT_TRUE(QTest::qWaitFor([&] { return h.totalPoints() >= 25; }, 20000));
  EXPECT_EQ(h.state(), "Training");
  ASSERT_NE(h.mode.charts()->iterationGraph("loss_mask", true), nullptr);
  ASSERT_NE(h.mode.charts()->epochGraph("validation"), nullptr);
  EXPECT_GE(h.mode.charts()->epochGraph("validation")->dataCount(), 2);
  ASSERT_NE(h.mode.charts()->mapGraph("mask mAP50"), nullptr);

  h.registry.action("train.stop")->trigger();
  EXPECT_FALSE(h.registry.action("train.stop")->isEnabled()); // one request is enough
  ASSERT_TRUE(finished.wait(20000));
  EXPECT_EQ(h.state(), "Stopped");
  EXPECT_FALSE(h.mode.isTraining());
  EXPECT_TRUE(h.registry.action("train.start")->isEnabled());
  EXPECT_TRUE(h.mode.form()->isEnabled());
  const long reported = h.totalPoints();
  EXPECT_LT(reported, 10000); // it stopped long before the end

  // The run folder: named to the user, written, listed in the history.
  const QString folder = finished.first().at(0).toString();
  EXPECT_EQ(folder, h.mode.currentRunFolder());
  EXPECT_TRUE(QFileInfo(folder + "/config.json").isFile());
  EXPECT_EQ(countDataLines(folder + "/iterations.csv"), reported);
  EXPECT_EQ(h.mode.history()->runCount(), 1);
}

TEST(TrainModeTest, PauseHoldsTheRunAndResumeContinuesIt) {
  FakeFactory fakes;
  fakes.script.epochs = 1000;
  fakes.script.iterationsPerEpoch = 50;
  fakes.script.microsecondsPerIteration = 2000;
  TrainHarness h(fakes, "mode-pause");
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  ASSERT_TRUE(h.mode.startTraining());
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.totalPoints() >= 5; }, 20000));
  EXPECT_FALSE(h.registry.action("train.resume")->isEnabled());
  h.registry.action("train.pause")->trigger();
  EXPECT_FALSE(h.registry.action("train.pause")->isEnabled());
  EXPECT_TRUE(h.registry.action("train.resume")->isEnabled());
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.state() == "Paused"; }, 20000));
  const int atPause = h.totalPoints();
  QTest::qWait(150);
  EXPECT_EQ(h.totalPoints(), atPause);
  h.registry.action("train.resume")->trigger();
  EXPECT_TRUE(h.registry.action("train.pause")->isEnabled());
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.totalPoints() > atPause + 5; }, 20000));
  EXPECT_EQ(h.state(), "Training");
  // Stop while paused ends the run too.
  h.registry.action("train.pause")->trigger();
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.state() == "Paused"; }, 20000));
  h.registry.action("train.stop")->trigger();
  ASSERT_TRUE(finished.wait(20000));
  EXPECT_EQ(h.state(), "Stopped");
}

TEST(TrainModeTest, TheEventLoopStaysResponsiveWhileAJobFloodsTwoThousandSteps) {
  FakeFactory fakes;
  fakes.script.epochs = 2;
  fakes.script.iterationsPerEpoch = 1000; // 2 000 steps as fast as the job can report them
  fakes.script.microsecondsPerIteration = 0;
  TrainHarness h(fakes, "mode-latency");
  ASSERT_TRUE(QTest::qWaitForWindowExposed(h.mode.widget()));
  QTest::qWait(50); // the first layout and paint of the page are not what is measured
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  LatencyProbe probe;
  ASSERT_TRUE(h.mode.startTraining());
  ASSERT_TRUE(finished.wait(60000));
  QTest::qWait(4 * LossChartView::kReplotIntervalMs); // the last replots, measured too
  EXPECT_EQ(h.totalPoints(), 2000);
  EXPECT_EQ(h.mode.charts()->iterationGraph("loss_classifier", true)->dataCount(), 2000);
  EXPECT_EQ(h.mode.charts()->epochGraph("train")->dataCount(), 2);
  EXPECT_EQ(h.state(), "Finished");
  EXPECT_GT(probe.ticks(), 10);
  std::cout << "worst event-loop lateness " << probe.worstLatenessMs() << " ms over " << probe.ticks()
            << " ticks of 10 ms; replot " << h.mode.charts()->iterationPlot()->replotTime(false) << " ms (last), "
            << h.mode.charts()->iterationPlot()->replotTime(true) << " ms (average)\n";
  EXPECT_LT(probe.worstLatenessMs(), 50);
}

TEST(TrainModeTest, TrainIsDisabledWhileTheFormIsInvalid) {
  FakeFactory fakes;
  TrainHarness h(fakes, "mode-invalid");
  ASSERT_TRUE(h.registry.action("train.start")->isEnabled());
  auto* rate = h.mode.form()->findChild<QLineEdit*>("learningRate");
  rate->selectAll();
  QTest::keyClicks(rate, "-1");
  EXPECT_FALSE(h.registry.action("train.start")->isEnabled());
  auto* button = h.mode.widget()->findChild<QToolButton*>("trainButton");
  EXPECT_FALSE(button->isEnabled());
  QTest::mouseClick(button, Qt::LeftButton);
  EXPECT_FALSE(h.mode.startTraining());
  EXPECT_EQ(fakes.made, 0);
  rate->selectAll();
  QTest::keyClicks(rate, "0.01");
  EXPECT_TRUE(h.registry.action("train.start")->isEnabled());
}

TEST(TrainModeTest, SelectingAPastRunReloadsItsConfigAndCurvesAndContinueResumesIt) {
  FakeFactory fakes;
  fakes.script.epochs = 1;
  fakes.script.iterationsPerEpoch = 3;
  TrainHarness h(fakes, "mode-history");
  const QString run = fakes::writeRun(h.runs, "ssdlite320_mobilenet_v3_large", 6);
  h.mode.history()->refresh();
  ASSERT_EQ(h.mode.history()->runCount(), 1);
  EXPECT_FALSE(h.registry.action("train.continueRun")->isEnabled());
  ASSERT_TRUE(h.mode.history()->selectRun(run));
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.totalPoints() == 12; }, 20000));
  EXPECT_EQ(h.mode.form()->config().model, "ssdlite320_mobilenet_v3_large");
  EXPECT_EQ(h.mode.charts()->epochGraph("validation")->dataCount(), 2);
  EXPECT_EQ(h.mode.charts()->mapGraph("box mAP50")->dataCount(), 2);
  EXPECT_TRUE(h.mode.progress()->summary().startsWith("Best epoch 2: validation loss"))
      << h.mode.progress()->summary().toStdString();

  // Continue (extend) the selected run: the job is asked to resume from it, the old curves stay.
  ASSERT_TRUE(h.registry.action("train.continueRun")->isEnabled());
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  h.registry.action("train.continueRun")->trigger();
  ASSERT_EQ(fakes.made, 1);
  EXPECT_EQ(QString::fromStdString(fakes.last->resumeFrom()), run);
  EXPECT_GE(h.totalPoints(), 12);
  ASSERT_TRUE(finished.wait(20000));
  EXPECT_EQ(finished.first().at(0).toString(), run);
}

TEST(TrainModeTest, ExportsTheChartsAsPng) {
  FakeFactory fakes;
  fakes.script.epochs = 2;
  fakes.script.iterationsPerEpoch = 20;
  TrainHarness h(fakes, "mode-export");
  QSignalSpy finished(&h.mode, &TrainMode::trainingFinished);
  ASSERT_TRUE(h.mode.startTraining());
  ASSERT_TRUE(finished.wait(20000));
  const QString path = h.runs + "/charts.png";
  ASSERT_TRUE(h.mode.exportCharts(path));
  EXPECT_FALSE(QImage(path).isNull());
  // The autoscale action and the charts agree.
  h.registry.action("train.autoscale")->setChecked(false);
  EXPECT_FALSE(h.mode.charts()->autoscale());
  h.mode.charts()->setAutoscale(true);
  EXPECT_TRUE(h.registry.action("train.autoscale")->isChecked());
}

TEST(TrainModeTest, ShortcutsCollideWithNeitherTheShellNorAnnotate) {
  QList<Mode*> modes = createStudioModes();
  for (Mode* mode : modes)
    if (mode->id() == "train") {
      modes.removeOne(mode);
      delete mode;
      break;
    }
  FakeFactory fakes;
  modes.insert(2, new TrainMode(fakes.factory(), fakes::freshFolder("mode-shortcuts"), {}));
  MainWindow window(modes);
  EXPECT_TRUE(window.actions().shortcutConflicts().isEmpty())
      << window.actions().shortcutConflicts().join("; ").toStdString();
  // Labelme's annotate keys, reserved even before the Annotate mode registers them all.
  const QStringList reserved = {"Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+Q", "F11",    "Ctrl+N", "Ctrl+R",
                                "Ctrl+J", "Ctrl+S", "Ctrl+Z", "Ctrl+Y", "Ctrl+F", "Ctrl+0", "Ctrl+P", "Ctrl+C",
                                "Ctrl+V", "Ctrl+D", "D",      "A",      "Ctrl+E", "Ctrl+O", "Ctrl+U", "Ctrl+G"};
  for (const QString& id : window.actions().ids()) {
    if (!id.startsWith("train."))
      continue;
    for (const QKeySequence& key : window.actions().action(id)->shortcuts())
      EXPECT_FALSE(reserved.contains(key.toString(QKeySequence::PortableText)))
          << id.toStdString() << " uses " << key.toString().toStdString();
  }
}

TEST(TrainModeTest, SavesAScreenshotOfARunInProgress) {
  FakeFactory fakes;
  const QString runs = fakes::freshFolder("mode-screenshot/runs");
  const QString data = fakes::freshFolder("mode-screenshot/data");
  fakes::writeRun(runs, "maskrcnn_mobilenet_v3_large_fpn", 40); // an earlier run in the history
  auto* mode = new TrainMode(fakes.factory(), runs, {});
  MainWindow window({mode});
  window.resize(1440, 900);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  window.switchToMode("train");
  mode->form()->setConfig(fakes::validConfig(data));
  ASSERT_TRUE(mode->form()->applyPreset("cpu-quick"));
  fakes.script.epochs = 12;
  fakes.script.iterationsPerEpoch = 150;
  fakes.script.holdAfterIterations = 4 * 150 + 85; // four epochs done, the fifth under way
  ASSERT_TRUE(mode->startTraining());
  ASSERT_TRUE(QTest::qWaitFor([&] { return fakes.last->reportedIterations() == 685; }, 30000));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        QCPGraph* total = mode->charts()->iterationGraph(kTotalLossName, false);
        return total != nullptr && total->dataCount() == 685;
      },
      30000));
  QTest::qWait(5 * LossChartView::kReplotIntervalMs);
  EXPECT_TRUE(mode->toolBars().first()->isVisible());
  EXPECT_TRUE(mode->dockWidgets().first()->isVisible());
  QDir().mkpath(POLYTRAIN_TEST_OUTPUT_DIR "/ui");
  const QString path = POLYTRAIN_TEST_OUTPUT_DIR "/ui/train-preview.png";
  ASSERT_TRUE(window.grab().save(path));
  EXPECT_GT(QImage(path).width(), 1000);
  QSignalSpy finished(mode, &TrainMode::trainingFinished);
  mode->stopTraining();
  ASSERT_TRUE(finished.wait(20000));
}
