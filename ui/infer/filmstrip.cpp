#include "ui/infer/filmstrip.h"

#include "core/inference/pre_annotation.h"
#include "ui/annotate/natural_sort.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>

#include <algorithm>

namespace polytrain::ui::infer {

Filmstrip::Filmstrip(QWidget* parent) : QListWidget(parent) {
  setObjectName("inferFilmstrip");
  setViewMode(QListView::IconMode);
  setFlow(QListView::LeftToRight);
  setWrapping(false);
  setMovement(QListView::Static);
  setResizeMode(QListView::Adjust);
  setUniformItemSizes(true);
  setIconSize(QSize(kThumbnailSize, kThumbnailSize));
  setGridSize(QSize(kThumbnailSize + 76, kThumbnailSize + 30));
  setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFixedHeight(kThumbnailSize + 52);
  thumbnails_.setInterval(0);
  connect(&thumbnails_, &QTimer::timeout, this, &Filmstrip::makeSomeThumbnails);
  connect(this, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0 && row < images_.size())
      emit imageChosen(images_[row]);
  });
}

QStringList Filmstrip::imagesIn(const QString& folder) {
  static const QStringList patterns = {"*.jpg", "*.jpeg", "*.png", "*.bmp", "*.tif", "*.tiff", "*.webp"};
  QDir dir(folder);
  QStringList names = dir.entryList(patterns, QDir::Files | QDir::Readable, QDir::NoSort);
  std::sort(names.begin(), names.end(), annotate::naturalLess); // as the Annotate mode lists them
  QStringList paths;
  for (const QString& name : names)
    paths << dir.filePath(name);
  return paths;
}

QStringList Filmstrip::setFolder(const QString& folder) {
  const QSignalBlocker blocker(this);
  clear();
  images_ = imagesIn(folder);
  for (const QString& path : images_) {
    auto* item = new QListWidgetItem(QFileInfo(path).fileName(), this);
    item->setToolTip(path);
    item->setSizeHint(gridSize());
  }
  refreshAnnotated();
  nextThumbnail_ = 0;
  thumbnails_.start();
  return images_;
}

void Filmstrip::setCurrentImage(int index) {
  if (index >= 0 && index < count())
    setCurrentRow(index);
}

bool Filmstrip::isAnnotated(int index) const {
  const QListWidgetItem* row = item(index);
  return row != nullptr && row->data(Qt::UserRole).toBool();
}

void Filmstrip::refreshAnnotated() {
  for (int i = 0; i < images_.size(); ++i) {
    const bool annotated =
        QFileInfo::exists(QString::fromStdString(inference::labelmeJsonPathFor(images_[i].toStdString())));
    QListWidgetItem* row = item(i);
    row->setData(Qt::UserRole, annotated);
    const QString name = QFileInfo(images_[i]).fileName();
    row->setText(annotated ? QStringLiteral("\u2713 ") + name : name);
    row->setToolTip(annotated ? tr("%1\nhas a Labelme file").arg(images_[i]) : images_[i]);
  }
}

void Filmstrip::makeSomeThumbnails() {
  for (int made = 0; made < 3 && nextThumbnail_ < images_.size(); ++made, ++nextThumbnail_) {
    QImageReader reader(images_[nextThumbnail_]);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid())
      reader.setScaledSize(size.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio));
    const QImage thumbnail = reader.read();
    if (!thumbnail.isNull())
      item(nextThumbnail_)->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
  }
  if (nextThumbnail_ >= images_.size())
    thumbnails_.stop();
}

} // namespace polytrain::ui::infer
