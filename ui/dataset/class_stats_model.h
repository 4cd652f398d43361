#pragma once
// Instances per class per split as a table (class, train, test, total), straight from core's DatasetStats.
#include "core/dataset/dataset_stats.h"

#include <QAbstractTableModel>

namespace polytrain::ui::dataset {

class ClassStatsModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { ClassColumn, TrainColumn, TestColumn, TotalColumn, ColumnCount };

  explicit ClassStatsModel(QObject* parent = nullptr);

  void setStats(const polytrain::dataset::DatasetStats& stats);
  const polytrain::dataset::DatasetStats& stats() const { return stats_; }
  // Class id of a row (rows are classes 1..N in id order).
  int classId(int row) const { return row + 1; }
  int count(int classId, int column) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
  polytrain::dataset::DatasetStats stats_;
};

} // namespace polytrain::ui::dataset
