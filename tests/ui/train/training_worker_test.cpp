#include "train_test_support.h"
#include "ui/train/training_worker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <gtest/gtest.h>

using namespace polytrain;
using namespace polytrain::ui;
using polytrain::fakes::FakeScript;
using polytrain::fakes::FakeTrainingJob;

namespace {

std::unique_ptr<FakeTrainingJob> makeJob(const FakeScript& script) {
  return std::make_unique<FakeTrainingJob>(training::TrainingConfig{}, "", "", script);
}

FakeScript quickScript() {
  FakeScript script;
  script.epochs = 2;
  script.iterationsPerEpoch = 5;
  script.writeRunFolder = false;
  return script;
}

FakeScript endlessScript() {
  FakeScript script;
  script.epochs = 1000;
  script.iterationsPerEpoch = 1000;
  script.microsecondsPerIteration = 1000;
  script.writeRunFolder = false;
  return script;
}

} // namespace

TEST(TrainingWorkerTest, ReEmitsEveryEventInOrderOnTheGuiThread) {
  auto owned = makeJob(quickScript());
  FakeTrainingJob* job = owned.get();
  TrainingWorker worker(std::move(owned));
  QStringList order;
  QList<QThread*> threads;
  QObject::connect(&worker, &TrainingWorker::iterationReported, [&](const training::IterationStats& stats) {
    order << QString("i%1").arg(stats.globalIteration);
    threads << QThread::currentThread();
  });
  QObject::connect(&worker, &TrainingWorker::epochReported, [&](const training::EpochStats& stats) {
    order << QString("e%1").arg(stats.epoch);
    threads << QThread::currentThread();
  });
  QObject::connect(&worker, &TrainingWorker::statusReported, [&](const training::StatusEvent& event) {
    order << QString::fromLatin1(training::toString(event.state));
  });
  QSignalSpy finished(&worker, &TrainingWorker::finished);
  worker.start();
  EXPECT_TRUE(worker.isRunning());
  ASSERT_TRUE(finished.wait(10000));
  EXPECT_EQ(order.join(" "), "started i1 i2 i3 i4 i5 e1 i6 i7 i8 i9 i10 e2 finished");
  for (QThread* thread : threads)
    EXPECT_EQ(thread, QThread::currentThread());
  EXPECT_NE(job->runThread(), std::this_thread::get_id()); // the job itself ran elsewhere
  EXPECT_FALSE(worker.isRunning());
  EXPECT_EQ(finished.count(), 1);
}

TEST(TrainingWorkerTest, StopEndsARunningJobWithStopped) {
  TrainingWorker worker(makeJob(endlessScript()));
  QList<training::TrainingState> states;
  QObject::connect(&worker, &TrainingWorker::statusReported,
                   [&](const training::StatusEvent& event) { states << event.state; });
  QSignalSpy iterations(&worker, &TrainingWorker::iterationReported);
  QSignalSpy finished(&worker, &TrainingWorker::finished);
  worker.start();
  ASSERT_TRUE(QTest::qWaitFor([&] { return iterations.count() >= 3; }, 10000));
  worker.requestStop();
  EXPECT_TRUE(worker.stopRequested());
  ASSERT_TRUE(finished.wait(10000));
  ASSERT_FALSE(states.isEmpty());
  EXPECT_EQ(states.last(), training::TrainingState::Stopped);
  EXPECT_LT(iterations.count(), 1000);
}

TEST(TrainingWorkerTest, PauseHoldsTheJobAndResumeContinuesIt) {
  auto owned = makeJob(endlessScript());
  FakeTrainingJob* job = owned.get();
  TrainingWorker worker(std::move(owned));
  QList<training::TrainingState> states;
  QObject::connect(&worker, &TrainingWorker::statusReported,
                   [&](const training::StatusEvent& event) { states << event.state; });
  QSignalSpy finished(&worker, &TrainingWorker::finished);
  worker.start();
  ASSERT_TRUE(QTest::qWaitFor([&] { return job->reportedIterations() >= 3; }, 10000));
  worker.setPaused(true);
  EXPECT_TRUE(worker.isPaused());
  ASSERT_TRUE(QTest::qWaitFor([&] { return states.contains(training::TrainingState::Paused); }, 10000));
  const long atPause = job->reportedIterations();
  QTest::qWait(100);
  EXPECT_EQ(job->reportedIterations(), atPause); // nothing runs while paused
  worker.setPaused(false);
  ASSERT_TRUE(QTest::qWaitFor([&] { return job->reportedIterations() > atPause + 2; }, 10000));
  EXPECT_TRUE(states.contains(training::TrainingState::Resumed));
  EXPECT_FALSE(worker.isPaused());
  worker.requestStop();
  ASSERT_TRUE(finished.wait(10000));
}

TEST(TrainingWorkerTest, DestroyingTheWorkerStopsAndJoinsTheJob) {
  auto worker = std::make_unique<TrainingWorker>(makeJob(endlessScript()));
  QSignalSpy iterations(worker.get(), &TrainingWorker::iterationReported);
  worker->start();
  ASSERT_TRUE(QTest::qWaitFor([&] { return iterations.count() >= 1; }, 10000));
  worker.reset(); // must return: the job sees the stop request
  SUCCEED();
}
