#pragma once
// Lists the images under a folder (recursively, natural order) on a worker thread, then finds which of them
// already have a Labelme file. The list arrives first so the first image can open at once; a newer scan makes
// the results of an older one be dropped (job ids, as KDAB hotspot's job tracker).
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <atomic>

namespace polytrain::ui::annotate {

// The Labelme file for `imagePath`: "<stem>.json" beside the image, or in `outputDir` when one is set.
QString labelFileFor(const QString& imagePath, const QString& outputDir);

// Image file suffixes the annotator opens (lower case, without dot).
const QStringList& imageSuffixes();
bool isImageFile(const QString& path);

class ImageFolderScanner : public QObject {
  Q_OBJECT
public:
  explicit ImageFolderScanner(QObject* parent = nullptr);
  ~ImageFolderScanner() override;

  // Starts a scan; returns its job id. Results come through the signals below, on this object's thread.
  int scan(const QString& folder, const QString& outputDir);
  // Re-checks which `files` have a Labelme file (after the output folder changed).
  int checkAnnotations(const QStringList& files, const QString& outputDir);

  int currentJob() const { return job_; }
  // Drops the results of every running job.
  void cancel() { ++job_; }

signals:
  void listed(int job, const QStringList& files);               // absolute paths, natural order
  void annotationsChecked(int job, const QVector<bool>& marks); // one per listed file

private:
  void runCheck(int job, const QStringList& files, const QString& outputDir);

  QThreadPool pool_;
  std::atomic<int> job_{0};
};

} // namespace polytrain::ui::annotate
