#pragma once
// Renders grid thumbnails on worker threads. Requests go on a last-in-first-out queue (the rows the user looks at
// now are drawn first); when more than `maxPending` wait, the oldest are dropped and reported so the model asks
// again once they are on screen. Changing the dataset, the overlays or the size starts a new generation: queued jobs
// of the old one are discarded and results still in flight are not delivered (hotspot's job-id rule).
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_rendering.h"

#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace polytrain::ui::dataset {

class ThumbnailRenderer : public QObject {
  Q_OBJECT
public:
  // `threads` 0: one fewer than the cores (at least one), so the GUI thread keeps a core.
  explicit ThumbnailRenderer(int threads = 0, QObject* parent = nullptr);
  ~ThumbnailRenderer() override;

  void setSource(std::shared_ptr<const DatasetSnapshot> snapshot, const Overlays& overlays, int side);
  void request(int entry);
  void setMaxPending(int jobs) { maxPending_ = jobs; }

  int generation() const { return generation_; }
  int pending() const;
  int threadCount() const { return pool_.maxThreadCount(); }
  // Waits for the queue to drain and the workers to finish (tests, shutdown).
  void waitForDone();

signals:
  // On the GUI thread, only for the current generation. A null image with `error` when the file cannot be loaded.
  void rendered(int generation, int entry, const QImage& image, const QString& error);
  void dropped(int generation, int entry);

private:
  struct Job {
    int generation;
    int entry;
  };
  void runOne();

  QThreadPool pool_;
  mutable std::mutex mutex_;
  std::deque<Job> queue_; // newest at the back
  std::shared_ptr<const DatasetSnapshot> snapshot_;
  Overlays overlays_;
  int side_ = 160;
  std::atomic<int> generation_{0};
  int maxPending_ = 512;
};

} // namespace polytrain::ui::dataset
