#include "ui/annotate/image_folder_scanner.h"

#include "ui/annotate/natural_sort.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>

namespace polytrain::ui::annotate {

namespace fs = std::filesystem;

QString labelFileFor(const QString& imagePath, const QString& outputDir) {
  const QFileInfo info(imagePath);
  const QString name = info.completeBaseName() + ".json";
  return outputDir.isEmpty() ? info.dir().filePath(name) : QDir(outputDir).filePath(name);
}

const QStringList& imageSuffixes() {
  static const QStringList suffixes = {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "ppm", "pgm", "pbm", "jpe"};
  return suffixes;
}

bool isImageFile(const QString& path) {
  return imageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

ImageFolderScanner::ImageFolderScanner(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);
}

ImageFolderScanner::~ImageFolderScanner() {
  job_ = -1; // running jobs see a stale id and stop early
  pool_.clear();
  pool_.waitForDone();
}

int ImageFolderScanner::scan(const QString& folder, const QString& outputDir) {
  const int job = ++job_;
  pool_.start([this, job, folder, outputDir] {
    // std::filesystem is several times faster than QDirIterator on large folders.
    std::vector<std::pair<QString, QString>> found; // relative (for sorting), absolute
    std::error_code error;
    const fs::path root = fs::path(folder.toStdString());
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
         it != end && !error; it.increment(error)) {
      if (job != job_)
        return;
      if (!it->is_regular_file(error))
        continue;
      const QString path = QString::fromStdString(it->path().string());
      if (isImageFile(path))
        found.emplace_back(QString::fromStdString(it->path().lexically_relative(root).generic_string()), path);
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return naturalLess(a.first, b.first); });
    QStringList files;
    files.reserve(static_cast<int>(found.size()));
    for (const auto& entry : found)
      files.append(entry.second);
    QMetaObject::invokeMethod(
        this,
        [this, job, files] {
          if (job == job_)
            emit listed(job, files);
        },
        Qt::QueuedConnection);
    runCheck(job, files, outputDir);
  });
  return job;
}

int ImageFolderScanner::checkAnnotations(const QStringList& files, const QString& outputDir) {
  const int job = ++job_;
  pool_.start([this, job, files, outputDir] { runCheck(job, files, outputDir); });
  return job;
}

void ImageFolderScanner::runCheck(int job, const QStringList& files, const QString& outputDir) {
  QVector<bool> marks(files.size(), false);
  for (int i = 0; i < files.size(); ++i) {
    if (job != job_)
      return;
    std::error_code error;
    marks[i] = fs::is_regular_file(fs::path(labelFileFor(files[i], outputDir).toStdString()), error);
  }
  QMetaObject::invokeMethod(
      this,
      [this, job, marks] {
        if (job == job_)
          emit annotationsChecked(job, marks);
      },
      Qt::QueuedConnection);
}

} // namespace polytrain::ui::annotate
