#include "ui/dataset/sample_preview_loader.h"

namespace polytrain::ui::dataset {

SamplePreviewLoader::SamplePreviewLoader(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);
}

SamplePreviewLoader::~SamplePreviewLoader() {
  latest_ = -1;
  pool_.clear();
  pool_.waitForDone();
}

int SamplePreviewLoader::request(const SamplePreviewRequest& request) {
  const int id = ++latest_;
  pool_.start([this, id, request] {
    if (id != latest_)
      return; // a newer request came while this one waited
    auto preview = std::make_shared<SamplePreview>();
    const DatasetEntry* entry =
        request.snapshot && request.entry >= 0 && static_cast<size_t>(request.entry) < request.snapshot->entries.size()
            ? &request.snapshot->entries[static_cast<size_t>(request.entry)]
            : nullptr;
    if (entry == nullptr) {
      preview->error = tr("no such file in the dataset");
    } else if (const auto* item = request.snapshot->item(*entry)) {
      *preview = renderSamplePreview(*item, request.snapshot->dataset.classes, request.overlays, request.side,
                                     request.augmentations, request.augmentSide, request.seed);
    } else if (!entry->imagePath.empty()) {
      preview->sample = loadFittedImage(entry->imagePath, request.side, &preview->error);
      if (entry->kind == EntryKind::Unlabelled)
        preview->warnings << tr("not annotated: training does not use this image");
    } else {
      preview->error = tr("the file was skipped");
    }
    if (entry != nullptr)
      for (const std::string& issue : entry->issues)
        preview->warnings << QString::fromStdString(issue);
    std::shared_ptr<const SamplePreview> result = preview;
    QMetaObject::invokeMethod(
        this,
        [this, id, result] {
          if (id == latest_)
            emit ready(id, result);
        },
        Qt::QueuedConnection);
  });
  return id;
}

} // namespace polytrain::ui::dataset
