#pragma once
// Opens a dataset root on a worker thread (scanning and parsing thousands of Labelme files takes seconds) and
// hands the finished snapshot to the GUI thread. Only the latest request is answered.
#include "ui/dataset/dataset_snapshot.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace polytrain::ui::dataset {

class DatasetLoader : public QObject {
  Q_OBJECT
public:
  explicit DatasetLoader(QObject* parent = nullptr);
  ~DatasetLoader() override;

  int request(const QString& root, const polytrain::dataset::OpenOptions& options);
  bool isBusy() const { return busy_ > 0; }
  void waitForDone() { pool_.waitForDone(); }

signals:
  void opened(int requestId, std::shared_ptr<const polytrain::ui::dataset::DatasetSnapshot> snapshot);

private:
  QThreadPool pool_;
  std::atomic<int> latest_{0};
  std::atomic<int> busy_{0};
};

} // namespace polytrain::ui::dataset
