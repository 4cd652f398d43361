#include "ui/dataset/dataset_loader.h"

namespace polytrain::ui::dataset {

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);
}

DatasetLoader::~DatasetLoader() {
  latest_ = -1;
  pool_.clear();
  pool_.waitForDone();
}

int DatasetLoader::request(const QString& root, const polytrain::dataset::OpenOptions& options) {
  const int id = ++latest_;
  ++busy_;
  pool_.start([this, id, root, options] {
    std::shared_ptr<const DatasetSnapshot> snapshot;
    if (id == latest_) // else a newer request came while this one waited
      snapshot = openSnapshot(root, options);
    QMetaObject::invokeMethod(
        this,
        [this, id, snapshot] {
          --busy_;
          if (id == latest_ && snapshot)
            emit opened(id, snapshot);
        },
        Qt::QueuedConnection);
  });
  return id;
}

} // namespace polytrain::ui::dataset
