#pragma once
// The Train mode's live charts: every loss component per iteration (raw thin and light, smoothed thick, one
// stable colour per component), train and validation loss per epoch, and mAP per epoch on its own chart.
// Adding points only marks a chart dirty; a 10 Hz timer replots dirty charts with rpQueuedReplot, so thousands
// of points per second never stall the window.
#include "core/training/training_events.h"
#include "ui/train/loss_series_style.h"

#include <QHash>
#include <QTimer>
#include <QWidget>
#include <vector>

class QCPGraph;
class QCustomPlot;

namespace polytrain::ui {

class LossChartView : public QWidget {
  Q_OBJECT
public:
  explicit LossChartView(QWidget* parent = nullptr);

  void addIteration(const training::IterationStats& stats);
  void addEpoch(const training::EpochStats& stats);
  // Replaces everything with a finished or earlier run's curves.
  void showHistory(const std::vector<training::IterationStats>& iterations,
                   const std::vector<training::EpochStats>& epochs);
  void clear();

  // While on, every replot fits the axes to the data; zooming or panning with the mouse turns it off.
  void setAutoscale(bool on);
  bool autoscale() const { return autoscale_; }
  // The three charts as one PNG at their current size.
  bool exportPng(const QString& path);

  QCustomPlot* iterationPlot() const { return iterationPlot_; }
  QCustomPlot* epochPlot() const { return epochPlot_; }
  QCustomPlot* mapPlot() const { return mapPlot_; }
  // Graphs by series name, nullptr until that series got a point. Iteration series are loss component names
  // (kTotalLossName for the total); epoch series "train" and "validation"; mAP series "box mAP50", "box mAP50-95",
  // "mask mAP50", "mask mAP50-95".
  QCPGraph* iterationGraph(const QString& name, bool smoothed) const;
  QCPGraph* epochGraph(const QString& name) const;
  QCPGraph* mapGraph(const QString& name) const;
  // How many replots the throttle has asked for (each covers every point added since the one before).
  int replotRequests() const { return replotRequests_; }

  static constexpr int kReplotIntervalMs = 100;

signals:
  void autoscaleChanged(bool on);

private:
  QCustomPlot* makePlot(const QString& title, const QString& xLabel, const QString& yLabel);
  QCPGraph* lossGraph(const QString& name, bool smoothed);
  QCPGraph* pointGraph(QCustomPlot* plot, QHash<QString, QCPGraph*>& graphs, const QString& name, const QColor& color,
                       Qt::PenStyle style);
  void addIterationPoint(const QString& name, double x, double value);
  void markDirty(QCustomPlot* plot);
  void replotDirty();
  void fitAxes(QCustomPlot* plot);

  QCustomPlot* iterationPlot_;
  QCustomPlot* epochPlot_;
  QCustomPlot* mapPlot_;
  QHash<QString, QCPGraph*> rawGraphs_;
  QHash<QString, QCPGraph*> smoothGraphs_;
  QHash<QString, EmaSmoother> smoothers_;
  QHash<QString, QCPGraph*> epochGraphs_;
  QHash<QString, QCPGraph*> mapGraphs_;
  QList<QCustomPlot*> dirty_;
  QTimer replotTimer_;
  bool autoscale_ = true;
  int replotRequests_ = 0;
};

} // namespace polytrain::ui
