#pragma once
// The Train workspace: the configuration form, the live charts, the progress panel and the run history, driven by
// a TrainingJobFactory. A run goes on a TrainingWorker's thread; Stop, Pause and Resume go to the job without
// waiting for it.
#include "core/training/training_job.h"
#include "ui/shell/mode.h"

#include <QPointer>
#include <QStringList>
#include <functional>

class QAction;
class QThread;
class QDockWidget;
class QToolBar;

namespace polytrain::ui {

class LossChartView;
class RunHistoryView;
class TrainConfigForm;
class TrainingProgressPanel;
class TrainingWorker;
struct LoadedRun;

class TrainMode : public Mode {
  Q_OBJECT
public:
  // `runsFolder`: where new runs are created and the history looks; `cudaDevices`: what the device choice offers
  // besides the CPU (detectCudaDevices() asks the runtime).
  TrainMode(training::TrainingJobFactory factory, const QString& runsFolder, const QStringList& cudaDevices,
            QObject* parent = nullptr);
  ~TrainMode() override;

  // "cuda:0", ... as collectSystemReport sees them (without measuring GEMM speed).
  static QStringList detectCudaDevices();

  QString id() const override { return QStringLiteral("train"); }
  QString title() const override { return tr("Train"); }
  QIcon icon() const override { return QIcon(QStringLiteral(":/icons/mode-train.svg")); }
  QWidget* widget() override { return page_; }
  QList<QToolBar*> toolBars() override;
  QList<QDockWidget*> dockWidgets() override;
  QList<QMenu*> menus() override;
  void registerActions(ActionRegistry& registry) override;
  // A dataset folder becomes the form's dataset (`polytrain --mode train --open DATA`).
  bool openPath(const QString& path) override;
  // While a run goes on, asks whether to stop it (it saves and can be continued); closing then stops it.
  bool mayClose() override;
  // The question mayClose asks; tests answer it without a dialog.
  void setStopConfirmation(std::function<bool()> confirm) { confirmStop_ = std::move(confirm); }

  // Starts a new run with the form's configuration; false when it cannot start (invalid form, a run going on,
  // the factory made no job).
  bool startTraining();
  // Continues the run selected in the history with the form's configuration (more epochs extend it).
  bool continueSelectedRun();
  void stopTraining();
  void pauseTraining();
  void resumeTraining();
  bool exportCharts(const QString& path);

  bool isTraining() const;
  QString currentRunFolder() const { return currentRunFolder_; }
  // The run the end-of-run actions act on: the one just trained, else the one selected under Runs.
  QString runForActions() const;
  // Scores the run's best checkpoint on its dataset's test split on a worker thread (COCO AP, PixelLib mAP@0.5,
  // per-class AP) and writes the report into RUN/eval; evaluationFinished follows. False when one is going on.
  bool evaluateRun(const QString& runFolder);
  bool isEvaluating() const { return evaluating_; }
  // Asks the main window to open the run's model in the Infer mode.
  void openRunInInfer(const QString& runFolder);

  TrainConfigForm* form() const { return form_; }
  LossChartView* charts() const { return charts_; }
  TrainingProgressPanel* progress() const { return progress_; }
  RunHistoryView* history() const { return history_; }
  QAction* action(const QString& name) const; // "start", "stop", ... once registered

signals:
  void trainingStarted();
  // After the job's last event; `runFolder` is where it wrote (empty when it never created one).
  void trainingFinished(const QString& runFolder);
  // `summary`: the scores in a line, or what went wrong; `ok` false on failure.
  void evaluationFinished(const QString& runFolder, bool ok, const QString& summary);

private:
  void buildPage();
  bool launch(const QString& resumeFrom);
  void onWorkerFinished();
  void onRunLoaded(const LoadedRun& run);
  void updateActions();

  training::TrainingJobFactory factory_;
  QStringList cudaDevices_;
  QPointer<QWidget> page_;
  QPointer<QToolBar> toolBar_;
  QPointer<QMenu> menu_;
  QPointer<QDockWidget> historyDock_;
  TrainConfigForm* form_ = nullptr;
  LossChartView* charts_ = nullptr;
  TrainingProgressPanel* progress_ = nullptr;
  RunHistoryView* history_ = nullptr;
  TrainingWorker* worker_ = nullptr;
  QString currentRunFolder_;
  bool evaluating_ = false;
  std::function<bool()> confirmStop_;
  QPointer<QThread> evaluationThread_; // waited for on destruction
  QHash<QString, QAction*> actions_;
};

} // namespace polytrain::ui
