#pragma once
// The Class statistics dock: a bar chart (QCustomPlot) of instances per class, train and test side by side, above
// the same numbers as a table, and one summary line (images, instances, unlabelled images, problems).
#include "core/dataset/dataset_stats.h"

#include <QWidget>

class QCPBars;
class QCustomPlot;
class QLabel;
class QTableView;

namespace polytrain::ui::dataset {

class ClassStatsModel;

class ClassStatsPanel : public QWidget {
  Q_OBJECT
public:
  explicit ClassStatsPanel(QWidget* parent = nullptr);

  void setStats(const polytrain::dataset::DatasetStats& stats);

  ClassStatsModel* model() const { return model_; }
  QCustomPlot* chart() const { return chart_; }
  QCPBars* trainBars() const { return trainBars_; }
  QCPBars* testBars() const { return testBars_; }
  QString summary() const;

signals:
  // A bar or a table row was clicked: show that class's files.
  void classActivated(int classId);

private:
  ClassStatsModel* model_;
  QCustomPlot* chart_;
  QCPBars* trainBars_;
  QCPBars* testBars_;
  QTableView* table_;
  QLabel* summary_;
};

} // namespace polytrain::ui::dataset
