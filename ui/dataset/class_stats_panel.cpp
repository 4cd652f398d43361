#include "ui/dataset/class_stats_panel.h"

#include "ui/dataset/class_stats_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace polytrain::ui::dataset {

ClassStatsPanel::ClassStatsPanel(QWidget* parent)
    : QWidget(parent), model_(new ClassStatsModel(this)), chart_(new QCustomPlot), table_(new QTableView),
      summary_(new QLabel) {
  setObjectName("datasetClassStats");
  chart_->setObjectName("classStatsChart");
  chart_->setMinimumHeight(180);
  chart_->setNoAntialiasingOnDrag(true);
  auto* group = new QCPBarsGroup(chart_);
  group->setSpacingType(QCPBarsGroup::stAbsolute);
  group->setSpacing(2);
  trainBars_ = new QCPBars(chart_->xAxis, chart_->yAxis);
  trainBars_->setName(tr("train"));
  trainBars_->setPen(QPen(QColor(31, 119, 180)));
  trainBars_->setBrush(QColor(31, 119, 180, 200));
  testBars_ = new QCPBars(chart_->xAxis, chart_->yAxis);
  testBars_->setName(tr("test"));
  testBars_->setPen(QPen(QColor(255, 127, 14)));
  testBars_->setBrush(QColor(255, 127, 14, 200));
  for (QCPBars* bars : {trainBars_, testBars_}) {
    bars->setWidth(0.38);
    bars->setBarsGroup(group);
  }
  chart_->yAxis->setLabel(tr("instances"));
  chart_->xAxis->setTickLabelRotation(30);
  chart_->xAxis->grid()->setVisible(false);
  chart_->legend->setVisible(true);
  // The legend in one row of its own above the axis rect, where it can never cover a bar.
  chart_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  chart_->plotLayout()->insertRow(0);
  chart_->plotLayout()->addElement(0, 0, chart_->legend);
  chart_->plotLayout()->setRowStretchFactor(0, 0.001);
  chart_->legend->setMargins(QMargins(4, 2, 4, 2));
  chart_->setInteractions(QCP::iSelectPlottables);
  connect(chart_, &QCustomPlot::plottableClick, this,
          [this](QCPAbstractPlottable*, int dataIndex, QMouseEvent*) { emit classActivated(dataIndex + 1); });

  table_->setObjectName("classStatsTable");
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(ClassStatsModel::ClassColumn, QHeaderView::Stretch);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  connect(table_, &QTableView::activated, this,
          [this](const QModelIndex& index) { emit classActivated(model_->classId(index.row())); });

  summary_->setObjectName("classStatsSummary");
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(chart_);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(summary_);
  layout->addWidget(split, 1);
  setStats({});
}

void ClassStatsPanel::setStats(const polytrain::dataset::DatasetStats& stats) {
  model_->setStats(stats);
  QVector<double> keys;
  QVector<double> train;
  QVector<double> test;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  double highest = 0;
  for (int row = 0; row < model_->rowCount(); ++row) {
    const int id = model_->classId(row);
    keys << id;
    train << model_->count(id, ClassStatsModel::TrainColumn);
    test << model_->count(id, ClassStatsModel::TestColumn);
    highest = std::max({highest, train.back(), test.back()});
    ticker->addTick(id, QString::fromStdString(stats.classes.names.at(static_cast<size_t>(id))));
  }
  trainBars_->setData(keys, train, true);
  testBars_->setData(keys, test, true);
  chart_->xAxis->setTicker(ticker);
  chart_->xAxis->setRange(0.4, std::max(1, model_->rowCount()) + 0.6);
  chart_->yAxis->setRange(0, std::max(1.0, highest * 1.1));
  chart_->replot(QCustomPlot::rpQueuedReplot);
  summary_->setText(summary());
}

QString ClassStatsPanel::summary() const {
  const auto& s = model_->stats();
  if (s.classes.empty() && s.train.images + s.test.images == 0)
    return tr("No dataset open.");
  return tr("%1 classes · train: %2 images, %3 instances · test: %4 images, %5 instances · %6 unlabelled · "
            "%7 problems · %8 warnings")
      .arg(s.classes.objectCount())
      .arg(s.train.images)
      .arg(s.train.instances)
      .arg(s.test.images)
      .arg(s.test.instances)
      .arg(s.unlabelledImages)
      .arg(s.problems)
      .arg(s.warnings);
}

} // namespace polytrain::ui::dataset
