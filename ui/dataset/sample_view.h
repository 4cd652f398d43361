#pragma once
// One sample large, with the masks and boxes training uses, and N seeded augmentations of it (core's training
// defaults) below. Pictures are rendered by a SamplePreviewLoader; "new augmentations" draws another seed.
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_preview_loader.h"
#include "ui/dataset/sample_rendering.h"

#include <QList>
#include <QWidget>

#include <memory>

class QLabel;

namespace polytrain::ui::dataset {

class ImageFrame;

class SampleView : public QWidget {
  Q_OBJECT
public:
  static constexpr int kAugmentations = 6;

  explicit SampleView(QWidget* parent = nullptr);

  void showEntry(std::shared_ptr<const DatasetSnapshot> snapshot, int entry);
  void clear();
  void setOverlays(const Overlays& overlays);
  void newAugmentations(); // the next seed
  uint64_t seed() const { return seed_; }
  int entry() const { return entry_; }
  bool isLoading() const { return loading_; }

  ImageFrame* sampleFrame() const { return sampleFrame_; }
  QList<ImageFrame*> augmentationFrames() const { return augmentationFrames_; }
  QString caption() const;
  SamplePreviewLoader* loader() const { return loader_; }
  QSize sizeHint() const override { return {360, 600}; }

signals:
  void previewShown();

private:
  void reload();
  void onReady(int requestId, std::shared_ptr<const SamplePreview> preview);

  SamplePreviewLoader* loader_;
  std::shared_ptr<const DatasetSnapshot> snapshot_;
  int entry_ = -1;
  Overlays overlays_;
  uint64_t seed_ = 1;
  bool loading_ = false;
  QLabel* title_;
  QLabel* details_;
  ImageFrame* sampleFrame_;
  QLabel* augmentTitle_;
  QList<ImageFrame*> augmentationFrames_;
  QList<QLabel*> augmentationCaptions_;
};

} // namespace polytrain::ui::dataset
