#include "ui/dataset/sample_view.h"

#include "ui/dataset/image_frame.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace polytrain::ui::dataset {

SampleView::SampleView(QWidget* parent)
    : QWidget(parent), loader_(new SamplePreviewLoader(this)), title_(new QLabel), details_(new QLabel),
      sampleFrame_(new ImageFrame), augmentTitle_(new QLabel) {
  setObjectName("datasetSampleView");
  title_->setObjectName("sampleTitle");
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  details_->setObjectName("sampleDetails");
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  sampleFrame_->setObjectName("sampleFrame");
  sampleFrame_->setMinimumSize(240, 200);
  augmentTitle_->setText(tr("Augmentations as training draws them (flip, scale, colour jitter)"));
  augmentTitle_->setWordWrap(true);

  auto* grid = new QGridLayout;
  grid->setSpacing(4);
  constexpr int kColumns = 3;
  for (int i = 0; i < kAugmentations; ++i) {
    auto* frame = new ImageFrame;
    frame->setObjectName(QStringLiteral("augmentation%1").arg(i));
    frame->setMinimumSize(96, 110);
    auto* caption = new QLabel;
    caption->setAlignment(Qt::AlignHCenter);
    grid->addWidget(frame, (i / kColumns) * 2, i % kColumns);
    grid->addWidget(caption, (i / kColumns) * 2 + 1, i % kColumns);
    augmentationFrames_ << frame;
    augmentationCaptions_ << caption;
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(title_);
  layout->addWidget(details_);
  layout->addWidget(sampleFrame_, 3);
  layout->addWidget(augmentTitle_);
  layout->addLayout(grid, 2);
  connect(loader_, &SamplePreviewLoader::ready, this, &SampleView::onReady);
  clear();
}

void SampleView::showEntry(std::shared_ptr<const DatasetSnapshot> snapshot, int entry) {
  snapshot_ = std::move(snapshot);
  entry_ = entry;
  reload();
}

void SampleView::clear() {
  snapshot_.reset();
  entry_ = -1;
  loading_ = false;
  title_->setText(tr("No sample selected"));
  details_->setText(tr("Select a thumbnail to see it large, with the masks and boxes training uses."));
  sampleFrame_->setImage({});
  sampleFrame_->setText({});
  for (int i = 0; i < kAugmentations; ++i) {
    augmentationFrames_[i]->setImage({});
    augmentationCaptions_[i]->clear();
  }
}

void SampleView::setOverlays(const Overlays& overlays) {
  if (overlays == overlays_)
    return;
  overlays_ = overlays;
  if (entry_ >= 0)
    reload();
}

void SampleView::newAugmentations() {
  ++seed_;
  if (entry_ >= 0)
    reload();
}

QString SampleView::caption() const {
  return title_->text() + '\n' + details_->text();
}

void SampleView::reload() {
  if (!snapshot_ || entry_ < 0 || static_cast<size_t>(entry_) >= snapshot_->entries.size()) {
    clear();
    return;
  }
  const DatasetEntry& entry = snapshot_->entries[static_cast<size_t>(entry_)];
  title_->setText(QFileInfo(QString::fromStdString(entry.name)).fileName());
  details_->setText(tr("loading..."));
  sampleFrame_->setText(tr("loading..."));
  SamplePreviewRequest request;
  request.snapshot = snapshot_;
  request.entry = entry_;
  request.overlays = overlays_;
  request.augmentations = kAugmentations;
  request.seed = seed_;
  loading_ = true;
  loader_->request(request);
}

void SampleView::onReady(int, std::shared_ptr<const SamplePreview> preview) {
  loading_ = false;
  if (!snapshot_ || entry_ < 0) // cleared while it was rendering
    return;
  const DatasetEntry& entry = snapshot_->entries[static_cast<size_t>(entry_)];
  QStringList lines;
  lines << QString::fromStdString(entry.name);
  if (entry.kind == EntryKind::Annotated) {
    lines << tr("%1 split · %n instance(s) for training", nullptr, preview->instances)
                 .arg(entry.split == 0 ? tr("train") : tr("test"));
    QStringList perClass;
    for (const auto& [id, count] : entry.instancesPerClass)
      perClass << QStringLiteral("%1 × %2").arg(count).arg(
          QString::fromStdString(snapshot_->dataset.classes.names.at(static_cast<size_t>(id))));
    if (!perClass.isEmpty())
      lines << perClass.join(", ");
  }
  if (!preview->error.isEmpty())
    lines << preview->error;
  lines << preview->warnings;
  details_->setText(lines.join('\n'));
  sampleFrame_->setImage(preview->sample);
  sampleFrame_->setText(preview->error.isEmpty() ? tr("no image") : preview->error);
  augmentTitle_->setVisible(!preview->augmentations.isEmpty());
  for (int i = 0; i < kAugmentations; ++i) {
    const bool shown = i < preview->augmentations.size();
    augmentationFrames_[i]->setImage(shown ? preview->augmentations[i] : QImage());
    augmentationFrames_[i]->setVisible(shown);
    augmentationCaptions_[i]->setText(shown ? preview->captions.value(i) : QString());
    augmentationCaptions_[i]->setVisible(shown);
  }
  emit previewShown();
}

} // namespace polytrain::ui::dataset
