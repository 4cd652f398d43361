#pragma once
// The images of the open folder for the file list dock: the path relative to the folder, a check mark when the
// image has a Labelme file (as Labelme's file list shows it), the full path as tooltip.
#include <QAbstractListModel>
#include <QStringList>
#include <QVector>

namespace polytrain::ui::annotate {

class FileListModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum Roles { PathRole = Qt::UserRole + 1 };

  explicit FileListModel(QObject* parent = nullptr);

  void setFiles(const QString& root, const QStringList& files); // marks reset to "not annotated"
  void setAnnotated(const QVector<bool>& marks);
  void setAnnotated(int row, bool annotated);

  const QStringList& files() const { return files_; }
  QString root() const { return root_; }
  QString path(int row) const { return files_.value(row); }
  bool isAnnotated(int row) const { return row >= 0 && row < marks_.size() && marks_[row]; }
  int annotatedCount() const;
  int rowOf(const QString& path) const { return files_.indexOf(path); }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
  void marksChanged();

private:
  QString root_;
  QStringList files_;
  QStringList display_;
  QVector<bool> marks_;
};

} // namespace polytrain::ui::annotate
