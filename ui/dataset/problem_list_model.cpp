#include "ui/dataset/problem_list_model.h"

#include "ui/dataset/dataset_snapshot.h"

#include <QApplication>
#include <QStyle>

#include <filesystem>

namespace polytrain::ui::dataset {

ProblemListModel::ProblemListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProblemListModel::setDataset(const polytrain::dataset::Dataset& dataset) {
  beginResetModel();
  rows_.clear();
  std::error_code error;
  const std::string base = std::filesystem::is_regular_file(dataset.root, error)
                               ? std::filesystem::path(dataset.root).parent_path().string()
                               : dataset.root;
  const auto add = [&](const Error& one, bool problem) {
    QString reason = QString::fromStdString(one.what);
    if (!one.pointer.empty())
      reason = QString::fromStdString(one.pointer) + ": " + reason;
    rows_.push_back(
        {problem, QString::fromStdString(one.path), QString::fromStdString(relativeToRoot(base, one.path)), reason});
  };
  for (const Error& one : dataset.problems)
    add(one, true);
  for (const Error& one : dataset.warnings)
    add(one, false);
  problems_ = static_cast<int>(dataset.problems.size());
  endResetModel();
}

QString ProblemListModel::path(int row) const {
  return row >= 0 && static_cast<size_t>(row) < rows_.size() ? rows_[static_cast<size_t>(row)].path : QString();
}

int ProblemListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ProblemListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || static_cast<size_t>(index.row()) >= rows_.size() || index.column() >= ColumnCount)
    return {};
  const Row& row = rows_[static_cast<size_t>(index.row())];
  switch (role) {
  case Qt::DisplayRole:
    if (index.column() == SeverityColumn)
      return row.problem ? tr("skipped") : tr("warning");
    return index.column() == FileColumn ? row.file : row.reason;
  case Qt::DecorationRole:
    if (index.column() == SeverityColumn)
      return QApplication::style()->standardIcon(row.problem ? QStyle::SP_MessageBoxCritical
                                                             : QStyle::SP_MessageBoxWarning);
    return {};
  case Qt::ToolTipRole:
    return row.path + "\n" + row.reason + "\n" + tr("Double-click to open it in Annotate");
  case PathRole:
    return row.path;
  case IsProblemRole:
    return row.problem;
  default:
    return {};
  }
}

QVariant ProblemListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
  case SeverityColumn:
    return tr("Kind");
  case FileColumn:
    return tr("File");
  case ReasonColumn:
    return tr("Reason");
  default:
    return {};
  }
}

} // namespace polytrain::ui::dataset
