#include "ui/annotate/file_list_model.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace polytrain::ui::annotate {

FileListModel::FileListModel(QObject* parent) : QAbstractListModel(parent) {}

void FileListModel::setFiles(const QString& root, const QStringList& files) {
  beginResetModel();
  root_ = root;
  files_ = files;
  display_.clear();
  display_.reserve(files.size());
  const QDir dir(root);
  for (const QString& file : files)
    display_.append(root.isEmpty() ? QFileInfo(file).fileName() : dir.relativeFilePath(file));
  marks_ = QVector<bool>(files.size(), false);
  endResetModel();
  emit marksChanged();
}

void FileListModel::setAnnotated(const QVector<bool>& marks) {
  if (marks.size() != files_.size())
    return;
  marks_ = marks;
  if (!files_.isEmpty())
    emit dataChanged(index(0), index(files_.size() - 1), {Qt::CheckStateRole});
  emit marksChanged();
}

void FileListModel::setAnnotated(int row, bool annotated) {
  if (row < 0 || row >= marks_.size() || marks_[row] == annotated)
    return;
  marks_[row] = annotated;
  emit dataChanged(index(row), index(row), {Qt::CheckStateRole});
  emit marksChanged();
}

int FileListModel::annotatedCount() const {
  return static_cast<int>(std::count(marks_.begin(), marks_.end(), true));
}

int FileListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : files_.size();
}

QVariant FileListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= files_.size())
    return {};
  switch (role) {
  case Qt::DisplayRole:
    return display_[index.row()];
  case Qt::ToolTipRole:
  case PathRole:
    return files_[index.row()];
  case Qt::CheckStateRole:
    return marks_[index.row()] ? Qt::Checked : Qt::Unchecked;
  default:
    return {};
  }
}

Qt::ItemFlags FileListModel::flags(const QModelIndex& index) const {
  return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

} // namespace polytrain::ui::annotate
