#pragma once
// Writes train.json and test.json with core's COCO exporter (labelme2coco's rules) on a worker thread.
#include "ui/dataset/dataset_snapshot.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace polytrain::ui::dataset {

struct CocoExportSummary {
  QString folder;
  QStringList written; // the files written
  QStringList errors;  // files that could not be written, files left out
  QStringList warnings;
  int images = 0;
  int annotations = 0;
};

class CocoExportJob : public QObject {
  Q_OBJECT
public:
  explicit CocoExportJob(QObject* parent = nullptr);
  ~CocoExportJob() override;

  // False when an export is still running.
  bool start(std::shared_ptr<const DatasetSnapshot> snapshot, const QString& folder);
  bool isRunning() const { return running_; }

signals:
  void finished(const polytrain::ui::dataset::CocoExportSummary& summary);

private:
  QThreadPool pool_;
  bool running_ = false;
};

} // namespace polytrain::ui::dataset

Q_DECLARE_METATYPE(polytrain::ui::dataset::CocoExportSummary)
