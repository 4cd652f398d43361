#include "ui/train/loss_chart_view.h"

#include <QHBoxLayout>
#include <QMouseEvent>
#include <QPixmap>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace polytrain::ui {
namespace {

constexpr double kSmoothingBeta = 0.9;

QColor lighter(QColor color) {
  color.setAlpha(70);
  return color;
}

} // namespace

LossChartView::LossChartView(QWidget* parent) : QWidget(parent) {
  setObjectName("lossChartView");
  iterationPlot_ = makePlot(tr("Training loss per iteration"), tr("iteration"), tr("loss"));
  iterationPlot_->setObjectName("iterationPlot");
  iterationPlot_->addLayer("raw", iterationPlot_->layer("main"), QCustomPlot::limBelow);
  epochPlot_ = makePlot(tr("Loss per epoch"), tr("epoch"), tr("loss"));
  epochPlot_->setObjectName("epochPlot");
  mapPlot_ = makePlot(tr("mAP per epoch"), tr("epoch"), tr("mAP"));
  mapPlot_->setObjectName("mapPlot");
  mapPlot_->yAxis->setRange(0.0, 1.0);
  mapPlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight); // mAP rises
  for (QCustomPlot* plot : {epochPlot_, mapPlot_}) {                                           // whole epochs only
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot->xAxis->setTicker(ticker);
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(iterationPlot_, 3);
  auto* perEpoch = new QHBoxLayout;
  perEpoch->addWidget(epochPlot_);
  perEpoch->addWidget(mapPlot_);
  layout->addLayout(perEpoch, 2);

  replotTimer_.setInterval(kReplotIntervalMs);
  connect(&replotTimer_, &QTimer::timeout, this, &LossChartView::replotDirty);
}

QCustomPlot* LossChartView::makePlot(const QString& title, const QString& xLabel, const QString& yLabel) {
  auto* plot = new QCustomPlot(this);
  plot->setMinimumSize(220, 160);
  plot->setNoAntialiasingOnDrag(true);
  // Thick antialiased polylines with thousands of segments are what a replot spends its time on.
  plot->setPlottingHint(QCP::phFastPolylines, true);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->plotLayout()->insertRow(0);
  auto* heading = new QCPTextElement(plot, title, QFont(font().family(), font().pointSize(), QFont::Bold));
  plot->plotLayout()->addElement(0, 0, heading);
  plot->xAxis->setLabel(xLabel);
  plot->yAxis->setLabel(yLabel);
  plot->legend->setVisible(false); // shown with the first curve
  QFont legendFont = font();
  legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
  plot->legend->setFont(legendFont);
  plot->legend->setBrush(QColor(255, 255, 255, 200));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  // The user taking over the view turns autoscale off, so the next replot does not undo the zoom.
  connect(plot, &QCustomPlot::mouseWheel, this, [this] { setAutoscale(false); });
  connect(plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton)
      setAutoscale(false);
  });
  return plot;
}

QCPGraph* LossChartView::lossGraph(const QString& name, bool smoothed) {
  QHash<QString, QCPGraph*>& graphs = smoothed ? smoothGraphs_ : rawGraphs_;
  if (QCPGraph* existing = graphs.value(name))
    return existing;
  const QColor color = lossSeriesColor(name);
  QCPGraph* graph = iterationPlot_->addGraph();
  iterationPlot_->legend->setVisible(true);
  graph->setName(name);
  graph->setAdaptiveSampling(true);
  if (smoothed) {
    graph->setPen(QPen(color, name == kTotalLossName ? 2.5 : 2.0));
  } else {
    graph->setPen(QPen(lighter(color), 0.0)); // a cosmetic one-pixel line without antialiasing: cheap
    graph->setAntialiased(false);
    graph->removeFromLegend();
    graph->setLayer("raw"); // under every smoothed curve
  }
  graphs.insert(name, graph);
  return graph;
}

QCPGraph* LossChartView::pointGraph(QCustomPlot* plot, QHash<QString, QCPGraph*>& graphs, const QString& name,
                                    const QColor& color, Qt::PenStyle style) {
  if (QCPGraph* existing = graphs.value(name))
    return existing;
  QCPGraph* graph = plot->addGraph();
  plot->legend->setVisible(true);
  graph->setName(name);
  graph->setPen(QPen(color, 2.0, style));
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
  graphs.insert(name, graph);
  return graph;
}

void LossChartView::addIterationPoint(const QString& name, double x, double value) {
  lossGraph(name, false)->addData(x, value);
  auto smoother = smoothers_.find(name);
  if (smoother == smoothers_.end())
    smoother = smoothers_.insert(name, EmaSmoother(kSmoothingBeta));
  lossGraph(name, true)->addData(x, smoother->add(value));
}

void LossChartView::addIteration(const training::IterationStats& stats) {
  const double x = static_cast<double>(stats.globalIteration);
  for (const auto& [name, value] : stats.losses)
    addIterationPoint(QString::fromStdString(name), x, value);
  addIterationPoint(kTotalLossName, x, stats.totalLoss);
  markDirty(iterationPlot_);
}

void LossChartView::addEpoch(const training::EpochStats& stats) {
  const double x = stats.epoch;
  const QColor trainColor = lossSeriesColor(kTotalLossName);
  if (!stats.trainLosses.empty())
    pointGraph(epochPlot_, epochGraphs_, tr("train"), trainColor, Qt::DashLine)
        ->addData(x, training::totalOf(stats.trainLosses));
  if (!stats.validationLosses.empty())
    pointGraph(epochPlot_, epochGraphs_, tr("validation"), QColor(0xd6, 0x27, 0x28), Qt::SolidLine)
        ->addData(x, training::totalOf(stats.validationLosses));
  markDirty(epochPlot_);
  const auto addMetrics = [&](const std::optional<training::DetectionMetrics>& metrics, const QString& kind,
                              const QColor& color) {
    if (!metrics)
      return;
    pointGraph(mapPlot_, mapGraphs_, tr("%1 mAP50").arg(kind), color, Qt::SolidLine)->addData(x, metrics->map50);
    pointGraph(mapPlot_, mapGraphs_, tr("%1 mAP50-95").arg(kind), color, Qt::DashLine)->addData(x, metrics->map50_95);
    markDirty(mapPlot_);
  };
  addMetrics(stats.boxMetrics, tr("box"), QColor(0x1f, 0x77, 0xb4));
  addMetrics(stats.maskMetrics, tr("mask"), QColor(0x2c, 0xa0, 0x2c));
}

void LossChartView::showHistory(const std::vector<training::IterationStats>& iterations,
                                const std::vector<training::EpochStats>& epochs) {
  clear();
  for (const auto& stats : iterations)
    addIteration(stats);
  for (const auto& stats : epochs)
    addEpoch(stats);
}

void LossChartView::clear() {
  for (QCustomPlot* plot : {iterationPlot_, epochPlot_, mapPlot_}) {
    plot->clearGraphs();
    plot->legend->setVisible(false);
    markDirty(plot);
  }
  rawGraphs_.clear();
  smoothGraphs_.clear();
  smoothers_.clear();
  epochGraphs_.clear();
  mapGraphs_.clear();
}

void LossChartView::setAutoscale(bool on) {
  if (on == autoscale_)
    return;
  autoscale_ = on;
  if (on)
    for (QCustomPlot* plot : {iterationPlot_, epochPlot_, mapPlot_})
      markDirty(plot);
  emit autoscaleChanged(on);
}

QCPGraph* LossChartView::iterationGraph(const QString& name, bool smoothed) const {
  return (smoothed ? smoothGraphs_ : rawGraphs_).value(name);
}
QCPGraph* LossChartView::epochGraph(const QString& name) const {
  return epochGraphs_.value(name);
}
QCPGraph* LossChartView::mapGraph(const QString& name) const {
  return mapGraphs_.value(name);
}

void LossChartView::markDirty(QCustomPlot* plot) {
  if (!dirty_.contains(plot))
    dirty_.append(plot);
  if (!replotTimer_.isActive())
    replotTimer_.start();
}

void LossChartView::fitAxes(QCustomPlot* plot) {
  if (plot->graphCount() == 0)
    return;
  plot->rescaleAxes();
  QCPRange x = plot->xAxis->range();
  if (plot != iterationPlot_ || x.size() < 1.0) // whole epochs get half an epoch of margin, so no marker is cut
    x = QCPRange(x.lower - 0.5, x.upper + 0.5);
  plot->xAxis->setRange(x);
  if (plot == mapPlot_) {
    plot->yAxis->setRange(0.0, std::max(1e-3, std::min(1.0, plot->yAxis->range().upper * 1.1)));
  } else {
    const QCPRange y = plot->yAxis->range();
    plot->yAxis->setRange(std::min(0.0, y.lower), y.upper > 0.0 ? y.upper * 1.05 : 1.0);
  }
}

void LossChartView::replotDirty() {
  if (dirty_.isEmpty()) {
    replotTimer_.stop(); // idle until the next point
    return;
  }
  for (QCustomPlot* plot : std::as_const(dirty_)) {
    if (autoscale_)
      fitAxes(plot);
    plot->replot(QCustomPlot::rpQueuedReplot);
    ++replotRequests_;
  }
  dirty_.clear();
}

bool LossChartView::exportPng(const QString& path) {
  for (QCustomPlot* plot : {iterationPlot_, epochPlot_, mapPlot_}) {
    if (autoscale_)
      fitAxes(plot);
    plot->replot(QCustomPlot::rpImmediateRefresh);
  }
  return grab().save(path, "PNG");
}

} // namespace polytrain::ui
