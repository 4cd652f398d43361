#include "core/inference/camera_pipeline.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace polytrain::inference {
namespace {

using Clock = std::chrono::steady_clock;

// The grabber's single slot: a new frame replaces the one waiting, which then counts as dropped.
class NewestFrameSlot {
public:
  void put(cv::Mat frame, long index, Clock::time_point captured) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (full_)
      ++dropped_;
    frame_ = std::move(frame);
    index_ = index;
    captured_ = captured;
    full_ = true;
    changed_.notify_one();
  }

  void finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    changed_.notify_one();
  }

  // Waits for a frame; false when the source ended (or `stop` was set) and nothing is waiting.
  bool take(cv::Mat& frame, long& index, Clock::time_point& captured, const std::atomic<bool>& stop) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!full_ && !finished_ && !stop.load())
      changed_.wait_for(lock, std::chrono::milliseconds(50));
    if (!full_)
      return false;
    frame = std::move(frame_);
    index = index_;
    captured = captured_;
    full_ = false;
    return true;
  }

  long dropped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return dropped_;
  }

private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  cv::Mat frame_;
  long index_ = 0;
  Clock::time_point captured_;
  bool full_ = false;
  bool finished_ = false;
  long dropped_ = 0;
};

double millisecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

} // namespace

CameraRunStats runLivePipeline(FrameSource& source, Predictor& predictor,
                               const std::function<bool(const LiveFrame&)>& onFrame, const std::atomic<bool>& stop,
                               long maxFrames) {
  NewestFrameSlot slot;
  std::atomic<bool> grabberStop{false};
  std::atomic<long> captured{0};
  std::thread grabber([&] {
    cv::Mat frame;
    while (!grabberStop.load() && !stop.load() && source.read(frame)) {
      slot.put(frame.clone(), captured.load(), Clock::now());
      captured.fetch_add(1);
    }
    slot.finish();
  });

  CameraRunStats stats;
  const Clock::time_point start = Clock::now();
  std::deque<Clock::time_point> recent; // completion times within the last second
  double latencySum = 0;
  LiveFrame live;
  while (!stop.load() && (maxFrames <= 0 || stats.processed < maxFrames)) {
    Clock::time_point capturedAt;
    if (!slot.take(live.frame, live.frameIndex, capturedAt, stop))
      break;
    live.prediction = predictor.predict(live.frame);
    const Clock::time_point done = Clock::now();
    ++stats.processed;
    recent.push_back(done);
    while (recent.size() > 1 && millisecondsBetween(recent.front(), done) > 1000)
      recent.pop_front();
    const double window = millisecondsBetween(recent.front(), done) / 1000.0;
    live.framesPerSecond = recent.size() > 1 && window > 0 ? static_cast<double>(recent.size() - 1) / window : 0;
    live.latencyMilliseconds = millisecondsBetween(capturedAt, done);
    latencySum += live.latencyMilliseconds;
    live.processed = stats.processed;
    live.dropped = slot.dropped();
    if (onFrame && !onFrame(live))
      break;
  }
  grabberStop.store(true);
  grabber.join();

  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stats.captured = captured.load();
  stats.dropped = stats.captured - stats.processed;
  stats.framesPerSecond = stats.seconds > 0 ? static_cast<double>(stats.processed) / stats.seconds : 0;
  stats.meanLatencyMilliseconds = stats.processed > 0 ? latencySum / static_cast<double>(stats.processed) : 0;
  return stats;
}

} // namespace polytrain::inference
