#pragma once
// Renders the sample view's pictures (the sample large and its augmentations) on a worker thread. Only the latest
// request is answered; older ones are skipped before they start and never delivered.
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_rendering.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace polytrain::ui::dataset {

struct SamplePreviewRequest {
  std::shared_ptr<const DatasetSnapshot> snapshot;
  int entry = -1;
  Overlays overlays;
  int side = 720;
  int augmentations = 6;
  int augmentSide = 192;
  uint64_t seed = 0;
};

class SamplePreviewLoader : public QObject {
  Q_OBJECT
public:
  explicit SamplePreviewLoader(QObject* parent = nullptr);
  ~SamplePreviewLoader() override;

  int request(const SamplePreviewRequest& request);
  int latestRequest() const { return latest_; }
  void waitForDone() { pool_.waitForDone(); }

signals:
  void ready(int requestId, std::shared_ptr<const polytrain::ui::dataset::SamplePreview> preview);

private:
  QThreadPool pool_;
  std::atomic<int> latest_{0};
};

} // namespace polytrain::ui::dataset
