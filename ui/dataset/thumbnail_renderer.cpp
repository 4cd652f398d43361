#include "ui/dataset/thumbnail_renderer.h"

#include <QThread>

#include <algorithm>

namespace polytrain::ui::dataset {

ThumbnailRenderer::ThumbnailRenderer(int threads, QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount() - 1));
}

ThumbnailRenderer::~ThumbnailRenderer() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
  }
  ++generation_;
  pool_.clear();
  pool_.waitForDone();
}

void ThumbnailRenderer::setSource(std::shared_ptr<const DatasetSnapshot> snapshot, const Overlays& overlays, int side) {
  std::lock_guard lock(mutex_);
  queue_.clear();
  snapshot_ = std::move(snapshot);
  overlays_ = overlays;
  side_ = side;
  ++generation_;
}

int ThumbnailRenderer::pending() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(queue_.size());
}

void ThumbnailRenderer::request(int entry) {
  std::vector<Job> droppedJobs;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({generation_, entry});
    while (static_cast<int>(queue_.size()) > maxPending_) {
      droppedJobs.push_back(queue_.front());
      queue_.pop_front();
    }
  }
  pool_.start([this] { runOne(); });
  for (const Job& job : droppedJobs)
    emit dropped(job.generation, job.entry);
}

void ThumbnailRenderer::runOne() {
  Job job{};
  std::shared_ptr<const DatasetSnapshot> snapshot;
  Overlays overlays;
  int side = 0;
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty())
      return; // dropped or superseded after this runnable was started
    job = queue_.back();
    queue_.pop_back();
    snapshot = snapshot_;
    overlays = overlays_;
    side = side_;
  }
  if (job.generation != generation_ || !snapshot || job.entry < 0 ||
      static_cast<size_t>(job.entry) >= snapshot->entries.size())
    return;
  const DatasetEntry& entry = snapshot->entries[static_cast<size_t>(job.entry)];
  QString error;
  QImage image;
  if (const auto* item = snapshot->item(entry))
    image = renderItemThumbnail(*item, snapshot->dataset.classes, overlays, side, &error);
  else if (!entry.imagePath.empty())
    image = renderImageThumbnail(entry.imagePath, side, &error);
  QMetaObject::invokeMethod(
      this,
      [this, job, image, error] {
        if (job.generation == generation_)
          emit rendered(job.generation, job.entry, image, error);
      },
      Qt::QueuedConnection);
}

void ThumbnailRenderer::waitForDone() {
  pool_.waitForDone();
}

} // namespace polytrain::ui::dataset
