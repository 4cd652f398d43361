#include "ui/dataset/class_stats_model.h"

namespace polytrain::ui::dataset {

namespace {
int countIn(const polytrain::dataset::SplitStats& split, int classId) {
  const auto found = split.instancesPerClass.find(classId);
  return found == split.instancesPerClass.end() ? 0 : found->second;
}
} // namespace

ClassStatsModel::ClassStatsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClassStatsModel::setStats(const polytrain::dataset::DatasetStats& stats) {
  beginResetModel();
  stats_ = stats;
  endResetModel();
}

int ClassStatsModel::count(int classId, int column) const {
  switch (column) {
  case TrainColumn:
    return countIn(stats_.train, classId);
  case TestColumn:
    return countIn(stats_.test, classId);
  case TotalColumn:
    return countIn(stats_.train, classId) + countIn(stats_.test, classId);
  default:
    return 0;
  }
}

int ClassStatsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : stats_.classes.objectCount();
}

int ClassStatsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClassStatsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
    return {};
  const int id = classId(index.row());
  if (role == Qt::DisplayRole) {
    if (index.column() == ClassColumn)
      return QString::fromStdString(stats_.classes.names.at(static_cast<size_t>(id)));
    return count(id, index.column());
  }
  if (role == Qt::TextAlignmentRole && index.column() != ClassColumn)
    return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && index.column() == ClassColumn)
    return tr("class id %1").arg(id);
  return {};
}

QVariant ClassStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
  case ClassColumn:
    return tr("Class");
  case TrainColumn:
    return tr("Train");
  case TestColumn:
    return tr("Test");
  case TotalColumn:
    return tr("Total");
  default:
    return {};
  }
}

} // namespace polytrain::ui::dataset
