#pragma once
// What core found wrong while opening the dataset: problems (the file was skipped) and warnings (usable, but
// something was off), with the file relative to the root and the reason with its place in the file.
#include "core/dataset/dataset_item.h"

#include <QAbstractTableModel>

#include <vector>

namespace polytrain::ui::dataset {

class ProblemListModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { SeverityColumn, FileColumn, ReasonColumn, ColumnCount };
  enum Roles { PathRole = Qt::UserRole + 1, IsProblemRole };

  explicit ProblemListModel(QObject* parent = nullptr);

  void setDataset(const polytrain::dataset::Dataset& dataset);
  int problemCount() const { return problems_; }
  QString path(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
  struct Row {
    bool problem;
    QString path;
    QString file;
    QString reason;
  };
  std::vector<Row> rows_;
  int problems_ = 0;
};

} // namespace polytrain::ui::dataset
