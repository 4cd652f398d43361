#include "ui/dataset/coco_export_job.h"

#include "core/dataset/coco_export.h"

namespace polytrain::ui::dataset {

namespace {
void append(QStringList& lines, const std::vector<Error>& errors) {
  for (const Error& error : errors)
    lines << QString::fromStdString(error.message());
}
} // namespace

CocoExportJob::CocoExportJob(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);
}

CocoExportJob::~CocoExportJob() {
  pool_.waitForDone();
}

bool CocoExportJob::start(std::shared_ptr<const DatasetSnapshot> snapshot, const QString& folder) {
  if (running_ || !snapshot)
    return false;
  running_ = true;
  pool_.start([this, snapshot, folder] {
    const polytrain::dataset::CocoWriteResult result =
        polytrain::dataset::writeCocoSplits(snapshot->dataset, folder.toStdString());
    CocoExportSummary summary;
    summary.folder = folder;
    for (const std::string& path : result.written)
      summary.written << QString::fromStdString(path);
    append(summary.errors, result.errors);
    append(summary.errors, result.train.problems);
    append(summary.errors, result.test.problems);
    append(summary.warnings, result.train.warnings);
    append(summary.warnings, result.test.warnings);
    summary.images = result.train.images + result.test.images;
    summary.annotations = result.train.annotations + result.test.annotations;
    QMetaObject::invokeMethod(
        this,
        [this, summary] {
          running_ = false;
          emit finished(summary);
        },
        Qt::QueuedConnection);
  });
  return true;
}

} // namespace polytrain::ui::dataset
