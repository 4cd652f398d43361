#include "ui/train/training_progress_panel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QVBoxLayout>
#include <climits>
#include <cmath>

namespace polytrain::ui {

QString formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0)
    return QStringLiteral("--:--:--");
  const long long total = std::llround(seconds);
  return QStringLiteral("%1:%2:%3")
      .arg(total / 3600)
      .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
      .arg(total % 60, 2, 10, QLatin1Char('0'));
}

TrainingProgressPanel::TrainingProgressPanel(QWidget* parent)
    : QWidget(parent), stateLabel_(new QLabel(this)), epochLabel_(new QLabel(this)), iterationLabel_(new QLabel(this)),
      speedLabel_(new QLabel(this)), etaLabel_(new QLabel(this)), lossLabel_(new QLabel(this)),
      summaryLabel_(new QLabel(this)), progress_(new QProgressBar(this)), log_(new QPlainTextEdit(this)) {
  setObjectName("trainingProgressPanel");
  stateLabel_->setObjectName("stateLabel");
  epochLabel_->setObjectName("epochLabel");
  iterationLabel_->setObjectName("iterationLabel");
  speedLabel_->setObjectName("speedLabel");
  etaLabel_->setObjectName("etaLabel");
  lossLabel_->setObjectName("lossLabel");
  summaryLabel_->setObjectName("summaryLabel");
  progress_->setObjectName("trainingProgress");
  log_->setObjectName("trainingLog");
  QFont bold = stateLabel_->font();
  bold.setBold(true);
  stateLabel_->setFont(bold);
  summaryLabel_->setWordWrap(true);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(kMaximumLogLines);
  log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  log_->setMinimumHeight(80);

  auto* facts = new QGridLayout;
  facts->addWidget(stateLabel_, 0, 0);
  facts->addWidget(epochLabel_, 0, 1);
  facts->addWidget(iterationLabel_, 0, 2);
  facts->addWidget(speedLabel_, 0, 3);
  facts->addWidget(etaLabel_, 0, 4);
  facts->addWidget(lossLabel_, 1, 0, 1, 5);
  for (int column = 0; column < 5; ++column)
    facts->setColumnStretch(column, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(facts);
  layout->addWidget(progress_);
  layout->addWidget(summaryLabel_);
  layout->addWidget(log_, 1);
  reset();
}

void TrainingProgressPanel::reset() {
  stateLabel_->setText(tr("Idle"));
  epochLabel_->setText(tr("Epoch -"));
  iterationLabel_->setText(tr("Iteration -"));
  speedLabel_->setText(tr("- images/s"));
  etaLabel_->setText(tr("ETA %1").arg(formatDuration(-1.0)));
  lossLabel_->clear();
  summaryLabel_->clear();
  summaryLabel_->hide();
  progress_->setRange(0, 1);
  progress_->setValue(0);
  bestLoss_.reset();
  bestMap_.reset();
  mapKind_.clear();
}

void TrainingProgressPanel::showIteration(const training::IterationStats& stats) {
  const long perEpoch = std::max(1, stats.iterationsPerEpoch);
  const long epochs = (stats.totalIterations + perEpoch - 1) / perEpoch;
  epochLabel_->setText(tr("Epoch %1 / %2").arg(stats.epoch).arg(epochs));
  iterationLabel_->setText(tr("Iteration %1 / %2").arg(stats.iteration).arg(stats.iterationsPerEpoch));
  speedLabel_->setText(tr("%1 images/s").arg(stats.imagesPerSecond, 0, 'f', 1));
  etaLabel_->setText(tr("ETA %1").arg(formatDuration(stats.etaSeconds)));
  lossLabel_->setText(tr("loss %1 \u00b7 learning rate %2 \u00b7 step %3 of %4")
                          .arg(stats.totalLoss, 0, 'f', 4)
                          .arg(stats.learningRate, 0, 'g', 4)
                          .arg(stats.globalIteration)
                          .arg(stats.totalIterations));
  progress_->setRange(0, static_cast<int>(std::min<long>(INT_MAX, std::max(1L, stats.totalIterations))));
  progress_->setValue(static_cast<int>(std::min<long>(INT_MAX, stats.globalIteration)));
  // A line every tenth of an epoch keeps the log readable at any speed.
  const int every = std::max(1, stats.iterationsPerEpoch / 10);
  if (stats.iteration % every == 0 || stats.iteration == stats.iterationsPerEpoch) {
    QString line = tr("epoch %1 iter %2/%3  loss %4")
                       .arg(stats.epoch)
                       .arg(stats.iteration)
                       .arg(stats.iterationsPerEpoch)
                       .arg(stats.totalLoss, 0, 'f', 4);
    for (const auto& [name, value] : stats.losses)
      line += QStringLiteral("  %1 %2").arg(QString::fromStdString(name)).arg(value, 0, 'f', 4);
    line += tr("  lr %1  %2 img/s").arg(stats.learningRate, 0, 'g', 3).arg(stats.imagesPerSecond, 0, 'f', 1);
    appendLog(line);
  }
}

void TrainingProgressPanel::showEpoch(const training::EpochStats& stats) {
  QString line = tr("epoch %1 done in %2: train loss %3")
                     .arg(stats.epoch)
                     .arg(formatDuration(stats.seconds))
                     .arg(training::totalOf(stats.trainLosses), 0, 'f', 4);
  if (!stats.validationLosses.empty())
    line += tr(", validation loss %1").arg(training::totalOf(stats.validationLosses), 0, 'f', 4);
  if (stats.boxMetrics)
    line += tr(", box mAP50 %1").arg(stats.boxMetrics->map50, 0, 'f', 3);
  if (stats.maskMetrics)
    line += tr(", mask mAP50 %1").arg(stats.maskMetrics->map50, 0, 'f', 3);
  appendLog(line);

  const bool validated = !stats.validationLosses.empty();
  const double loss = training::totalOf(validated ? stats.validationLosses : stats.trainLosses);
  // Validation loss decides once there is one; train loss only stands in while nothing was validated.
  if (!bestLoss_ || (validated && !bestLoss_->validation) ||
      (validated == bestLoss_->validation && loss < bestLoss_->loss))
    bestLoss_ = Best{stats.epoch, loss, validated};
  const auto& metrics = stats.maskMetrics ? stats.maskMetrics : stats.boxMetrics;
  if (metrics) {
    mapKind_ = stats.maskMetrics ? tr("mask") : tr("box");
    if (!bestMap_ || metrics->map50 > bestMap_->second)
      bestMap_ = std::make_pair(stats.epoch, metrics->map50);
  }
  updateSummary();
}

void TrainingProgressPanel::showStatus(const training::StatusEvent& event) {
  switch (event.state) {
  case training::TrainingState::Started:
    stateLabel_->setText(tr("Training"));
    break;
  case training::TrainingState::Paused:
    stateLabel_->setText(tr("Paused"));
    break;
  case training::TrainingState::Resumed:
    stateLabel_->setText(tr("Training"));
    break;
  case training::TrainingState::Finished:
    stateLabel_->setText(tr("Finished"));
    break;
  case training::TrainingState::Stopped:
    stateLabel_->setText(tr("Stopped"));
    break;
  case training::TrainingState::Failed:
    stateLabel_->setText(tr("Failed"));
    break;
  }
  QString line = QString::fromLatin1(training::toString(event.state));
  if (!event.message.empty())
    line += ": " + QString::fromStdString(event.message);
  appendLog(line);
}

void TrainingProgressPanel::appendLog(const QString& line) {
  log_->appendPlainText(QDateTime::currentDateTime().toString("HH:mm:ss  ") + line);
}

QString TrainingProgressPanel::summary() const {
  return summaryLabel_->text();
}

void TrainingProgressPanel::updateSummary() {
  if (!bestLoss_)
    return;
  QString text = tr("Best epoch %1: %2 loss %3")
                     .arg(bestLoss_->epoch)
                     .arg(bestLoss_->validation ? tr("validation") : tr("train"))
                     .arg(bestLoss_->loss, 0, 'f', 4);
  if (bestMap_)
    text += tr("; best %1 mAP50 %2 at epoch %3").arg(mapKind_).arg(bestMap_->second, 0, 'f', 3).arg(bestMap_->first);
  summaryLabel_->setText(text);
  summaryLabel_->show();
}

} // namespace polytrain::ui
