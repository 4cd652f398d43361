#pragma once
// Runs one TrainingJob on its own QThread and re-emits what it reports as Qt signals on the GUI thread.
// The job's callbacks only append to a queue; the GUI thread drains it in slices of a few milliseconds, so even a
// job that reports thousands of steps at once never stalls the event loop. Stop and pause go straight to the job's
// thread-safe methods; nothing here waits for the job except the destructor.
#include "core/training/training_job.h"
#include "ui/train/training_metatypes.h"

#include <QObject>
#include <QString>
#include <deque>
#include <memory>
#include <mutex>
#include <variant>

class QThread;

namespace polytrain::ui {

class TrainingWorker : public QObject {
  Q_OBJECT
public:
  explicit TrainingWorker(std::unique_ptr<training::TrainingJob> job, QObject* parent = nullptr);
  // Asks a running job to stop and waits for its thread: the only place that blocks.
  ~TrainingWorker() override;

  void start();
  void requestStop();
  void setPaused(bool paused);

  bool hasStarted() const { return thread_ != nullptr; }
  bool isRunning() const { return hasStarted() && !finishedEmitted_; } // until finished() was emitted
  bool isPaused() const { return paused_; }
  bool stopRequested() const { return stopRequested_; }
  QString runFolder() const;

  // Longest time one delivery slice may take on the GUI thread before it yields to other events.
  static constexpr int kDeliverySliceMs = 4;

signals:
  void iterationReported(const polytrain::training::IterationStats& stats);
  void epochReported(const polytrain::training::EpochStats& stats);
  void statusReported(const polytrain::training::StatusEvent& event);
  // After the job returned and every event it reported was emitted.
  void finished();

private:
  using Event = std::variant<training::IterationStats, training::EpochStats, training::StatusEvent>;
  void enqueue(Event event); // any thread
  void deliver();            // GUI thread
  void scheduleDelivery();   // with mutex_ held

  std::unique_ptr<training::TrainingJob> job_;
  QThread* thread_ = nullptr;
  std::mutex mutex_;
  std::deque<Event> pending_;
  bool deliveryScheduled_ = false;
  bool threadDone_ = false;
  bool finishedEmitted_ = false;
  bool paused_ = false;
  bool stopRequested_ = false;
};

} // namespace polytrain::ui
