#pragma once
// How responsive the GUI stayed: the worst lateness of a 10 ms timer, i.e. the longest the event loop kept it
// waiting. GUI tests of long work assert on it.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>

namespace polytrain::ui::testing {

class LatencyProbe {
public:
  LatencyProbe() {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kIntervalMs);
    QObject::connect(&timer_, &QTimer::timeout, [this] {
      const qint64 now = clock_.elapsed();
      if (ticks_ > 0)
        worst_ = std::max(worst_, now - last_ - kIntervalMs);
      last_ = now;
      ++ticks_;
    });
    clock_.start();
    timer_.start();
  }
  qint64 worstLatenessMs() const { return worst_; }
  int ticks() const { return ticks_; }

private:
  static constexpr int kIntervalMs = 10;
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  qint64 worst_ = 0;
  int ticks_ = 0;
};

} // namespace polytrain::ui::testing
