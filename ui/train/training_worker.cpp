#include "ui/train/training_worker.h"

#include <QElapsedTimer>
#include <QThread>

namespace polytrain::ui {

TrainingWorker::TrainingWorker(std::unique_ptr<training::TrainingJob> job, QObject* parent)
    : QObject(parent), job_(std::move(job)) {
  registerTrainingMetaTypes();
}

TrainingWorker::~TrainingWorker() {
  if (thread_ != nullptr) {
    job_->requestStop();
    thread_->wait();
    delete thread_;
  }
}

void TrainingWorker::start() {
  if (thread_ != nullptr || !job_)
    return;
  training::TrainingCallbacks callbacks;
  callbacks.onIteration = [this](const training::IterationStats& stats) { enqueue(stats); };
  callbacks.onEpoch = [this](const training::EpochStats& stats) { enqueue(stats); };
  callbacks.onStatus = [this](const training::StatusEvent& event) { enqueue(event); };
  training::TrainingJob* job = job_.get();
  thread_ = QThread::create([job, callbacks] { job->run(callbacks); });
  thread_->setObjectName("TrainingWorker");
  connect(thread_, &QThread::finished, this, [this] {
    threadDone_ = true;
    deliver();
  });
  thread_->start();
}

void TrainingWorker::requestStop() {
  if (!job_ || !isRunning())
    return;
  stopRequested_ = true;
  job_->requestStop();
}

void TrainingWorker::setPaused(bool paused) {
  if (!job_ || !isRunning() || paused == paused_)
    return;
  paused_ = paused;
  job_->setPaused(paused);
}

QString TrainingWorker::runFolder() const {
  return job_ ? QString::fromStdString(job_->runFolder()) : QString();
}

void TrainingWorker::enqueue(Event event) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.push_back(std::move(event));
  if (!deliveryScheduled_)
    scheduleDelivery();
}

void TrainingWorker::scheduleDelivery() {
  deliveryScheduled_ = true;
  QMetaObject::invokeMethod(
      this, [this] { deliver(); }, Qt::QueuedConnection);
}

void TrainingWorker::deliver() {
  QElapsedTimer slice;
  slice.start();
  for (;;) {
    Event event;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (pending_.empty()) {
        deliveryScheduled_ = false;
        break;
      }
      if (slice.elapsed() >= kDeliverySliceMs) {
        // Yield to timers, input and painting; the rest follows in the next slice.
        scheduleDelivery();
        return;
      }
      event = std::move(pending_.front());
      pending_.pop_front();
    }
    if (const auto* stats = std::get_if<training::IterationStats>(&event)) {
      emit iterationReported(*stats);
    } else if (const auto* epoch = std::get_if<training::EpochStats>(&event)) {
      emit epochReported(*epoch);
    } else {
      const auto& status = std::get<training::StatusEvent>(event);
      if (status.state == training::TrainingState::Paused)
        paused_ = true;
      else if (status.state == training::TrainingState::Resumed)
        paused_ = false;
      emit statusReported(status);
    }
  }
  if (threadDone_ && !finishedEmitted_) {
    finishedEmitted_ = true;
    paused_ = false;
    emit finished();
  }
}

} // namespace polytrain::ui
