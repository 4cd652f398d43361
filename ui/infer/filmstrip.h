#pragma once
// The images of the open folder in a row, in natural order, with thumbnails made a few at a time so a large
// folder opens at once; an image that has a Labelme file is marked.
#include <QListWidget>
#include <QStringList>
#include <QTimer>

namespace polytrain::ui::infer {

class Filmstrip : public QListWidget {
  Q_OBJECT
public:
  explicit Filmstrip(QWidget* parent = nullptr);

  // Lists the images in `folder`; returns their paths.
  QStringList setFolder(const QString& folder);
  const QStringList& images() const { return images_; }
  int currentImage() const { return currentRow(); }
  void setCurrentImage(int index);
  // Re-reads which images have a Labelme file.
  void refreshAnnotated();
  bool isAnnotated(int index) const;

  static QStringList imagesIn(const QString& folder);
  static constexpr int kThumbnailSize = 72;

signals:
  void imageChosen(const QString& path);

private:
  void makeSomeThumbnails();

  QStringList images_;
  int nextThumbnail_ = 0;
  QTimer thumbnails_;
};

} // namespace polytrain::ui::infer
