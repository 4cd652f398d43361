#pragma once
// Where a run stands: epoch and iteration, a progress bar over all steps, images per second, ETA, the current loss
// and learning rate, a bounded log, and at the end a summary of the best epoch.
#include "core/training/training_events.h"

#include <QString>
#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace polytrain::ui {

// "1:02:03" for 3723 s; "0:00:07" for 7 s; "--:--:--" for negative or non-finite values.
QString formatDuration(double seconds);

class TrainingProgressPanel : public QWidget {
  Q_OBJECT
public:
  explicit TrainingProgressPanel(QWidget* parent = nullptr);

  void reset();
  void showIteration(const training::IterationStats& stats);
  void showEpoch(const training::EpochStats& stats);
  void showStatus(const training::StatusEvent& event);
  void appendLog(const QString& line);

  // "Best epoch 3: validation loss 0.512, box mAP50 0.430"; empty before the first epoch.
  QString summary() const;

  static constexpr int kMaximumLogLines = 5000;

private:
  void updateSummary();

  QLabel* stateLabel_;
  QLabel* epochLabel_;
  QLabel* iterationLabel_;
  QLabel* speedLabel_;
  QLabel* etaLabel_;
  QLabel* lossLabel_;
  QLabel* summaryLabel_;
  QProgressBar* progress_;
  QPlainTextEdit* log_;

  struct Best {
    int epoch = 0;
    double loss = 0.0;
    bool validation = false;
  };
  std::optional<Best> bestLoss_;
  std::optional<std::pair<int, double>> bestMap_; // epoch, mAP50 (mask when measured, else box)
  QString mapKind_;
};

} // namespace polytrain::ui
