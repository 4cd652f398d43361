#include "ui/train/train_mode.h"

#include "core/evaluation/evaluation_report.h"
#include "core/inference/checkpoint_evaluation.h"
#include "core/runtime/system_report.h"
#include "core/training/training_config.h"
#include "ui/shell/action_registry.h"
#include "ui/train/loss_chart_view.h"
#include "ui/train/run_history_view.h"
#include "ui/train/train_config_form.h"
#include "ui/train/training_progress_panel.h"
#include "ui/train/training_worker.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QScrollArea>
#include <QSplitter>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <filesystem>

namespace polytrain::ui {

TrainMode::TrainMode(training::TrainingJobFactory factory, const QString& runsFolder, const QStringList& cudaDevices,
                     QObject* parent)
    : Mode(parent), factory_(std::move(factory)), cudaDevices_(cudaDevices) {
  registerTrainingMetaTypes();
  buildPage();
  history_ = new RunHistoryView(runsFolder);
  historyDock_ = new QDockWidget(tr("Runs"));
  historyDock_->setObjectName("trainRunsDock");
  historyDock_->setWidget(history_);
  connect(history_, &RunHistoryView::runLoaded, this, &TrainMode::onRunLoaded);
  connect(history_, &RunHistoryView::selectionChanged, this, &TrainMode::updateActions);
  toolBar_ = new QToolBar(tr("Training"));
  toolBar_->setObjectName("trainToolBar");
  toolBar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

TrainMode::~TrainMode() {
  if (evaluationThread_)
    evaluationThread_->wait(); // its result is dropped: `self` is gone by then
  delete worker_;              // stops and joins a run still going before the widgets it reports to go away
  worker_ = nullptr;
  // Pieces the main window never adopted are still ours.
  if (page_ && page_->parent() == nullptr)
    delete page_;
  if (historyDock_ && historyDock_->parent() == nullptr)
    delete historyDock_;
  if (toolBar_ && toolBar_->parent() == nullptr)
    delete toolBar_;
  if (menu_ && menu_->parent() == nullptr)
    delete menu_;
}

QStringList TrainMode::detectCudaDevices() {
  runtime::ReportOptions options;
  options.measureGemm = false;
  QStringList devices;
  for (const std::string& name : runtime::collectSystemReport(options).cudaDeviceNames)
    devices << QString::fromStdString(name);
  return devices;
}

void TrainMode::buildPage() {
  page_ = new QWidget;
  page_->setObjectName("trainPage");
  form_ = new TrainConfigForm(cudaDevices_);
  charts_ = new LossChartView;
  progress_ = new TrainingProgressPanel;

  auto* formColumn = new QWidget;
  formColumn->setObjectName("trainFormColumn");
  auto* formLayout = new QVBoxLayout(formColumn);
  formLayout->setContentsMargins(6, 6, 6, 6);
  formLayout->addWidget(form_);
  auto* scroll = new QScrollArea;
  scroll->setWidget(formColumn);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(form_->sizeHint().width() + 30);

  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(charts_);
  right->addWidget(progress_);
  right->setStretchFactor(0, 4);
  right->setStretchFactor(1, 1);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(scroll);
  split->addWidget(right);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(page_);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(form_, &TrainConfigForm::validityChanged, this, &TrainMode::updateActions);
}

QList<QToolBar*> TrainMode::toolBars() {
  return {toolBar_};
}

QList<QMenu*> TrainMode::menus() {
  if (menu_)
    return {menu_};
  return {};
}

QList<QDockWidget*> TrainMode::dockWidgets() {
  if (historyDock_)
    return {historyDock_};
  return {};
}

void TrainMode::registerActions(ActionRegistry& registry) {
  const auto add = [&](const QString& name, const QString& text, const QKeySequence& shortcut, const QString& tip) {
    QAction* action = registry.add("train." + name, text, shortcut);
    action->setProperty("needsRunState", true); // enabled by the run's state (idle, running, paused)
    action->setStatusTip(tip);
    actions_.insert(name, action);
    return action;
  };
  connect(add("start", tr("&Train"), QKeySequence(Qt::Key_F5), tr("Start a new run with this configuration")),
          &QAction::triggered, this, &TrainMode::startTraining);
  connect(add("stop", tr("&Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
              tr("Stop the run at the next step; what it reached is kept")),
          &QAction::triggered, this, &TrainMode::stopTraining);
  connect(add("pause", tr("&Pause"), QKeySequence(Qt::Key_F6), tr("Pause the run between two steps")),
          &QAction::triggered, this, &TrainMode::pauseTraining);
  connect(add("resume", tr("&Resume"), QKeySequence(Qt::SHIFT | Qt::Key_F6), tr("Resume the paused run")),
          &QAction::triggered, this, &TrainMode::resumeTraining);
  connect(add("continueRun", tr("&Continue Selected Run"), QKeySequence(Qt::Key_F7),
              tr("Continue the run selected under Runs from its last checkpoint; more epochs extend a finished run")),
          &QAction::triggered, this, &TrainMode::continueSelectedRun);
  QAction* autoscale = add("autoscale", tr("&Autoscale Charts"), QKeySequence(Qt::Key_F8),
                           tr("Fit the charts to their data at every update"));
  autoscale->setCheckable(true);
  autoscale->setChecked(charts_->autoscale());
  connect(autoscale, &QAction::toggled, charts_, &LossChartView::setAutoscale);
  connect(charts_, &LossChartView::autoscaleChanged, autoscale, &QAction::setChecked);
  connect(add("exportChart", tr("&Export Charts as PNG..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
              tr("Save the three charts as one PNG image")),
          &QAction::triggered, this, [this] {
            QString path =
                QFileDialog::getSaveFileName(page_, tr("Export charts"), QString(), tr("PNG images (*.png)"));
            if (path.isEmpty())
              return;
            if (!path.endsWith(".png", Qt::CaseInsensitive))
              path += ".png";
            if (!exportCharts(path))
              progress_->appendLog(tr("could not write %1").arg(path));
          });

  connect(add("evaluate", tr("&Evaluate Run"), QKeySequence(),
              tr("Score the run's best checkpoint on its test split: COCO AP, PixelLib mAP@0.5, per class")),
          &QAction::triggered, this, [this] { evaluateRun(runForActions()); });
  connect(add("openInInfer", tr("Open in &Infer"), QKeySequence(),
              tr("Preview the run's model on images, video and the camera")),
          &QAction::triggered, this, [this] { openRunInInfer(runForActions()); });

  for (const char* name : {"start", "stop", "pause", "resume", "continueRun"})
    toolBar_->addAction(actions_.value(name));
  toolBar_->addSeparator();
  toolBar_->addAction(actions_.value("evaluate"));
  toolBar_->addAction(actions_.value("openInInfer"));
  toolBar_->addSeparator();
  toolBar_->addAction(autoscale);
  toolBar_->addAction(actions_.value("exportChart"));
  menu_ = new QMenu(tr("&Train"));
  menu_->addActions(toolBar_->actions());

  // The big button under the form is the same action as the toolbar's.
  auto* trainButton = new QToolButton;
  trainButton->setObjectName("trainButton");
  trainButton->setDefaultAction(actions_.value("start"));
  trainButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
  trainButton->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  trainButton->setMinimumHeight(36);
  if (auto* column = page_->findChild<QWidget*>("trainFormColumn"))
    static_cast<QVBoxLayout*>(column->layout())->addWidget(trainButton);
  updateActions();
}

QAction* TrainMode::action(const QString& name) const {
  return actions_.value(name);
}

bool TrainMode::isTraining() const {
  return worker_ != nullptr;
}

bool TrainMode::startTraining() {
  return launch(QString());
}

bool TrainMode::continueSelectedRun() {
  const QString selected = history_->selectedRun();
  return !selected.isEmpty() && launch(selected);
}

bool TrainMode::launch(const QString& resumeFrom) {
  if (worker_ != nullptr || !form_->isValid() || !factory_)
    return false;
  const training::TrainingConfig config = form_->config();
  std::unique_ptr<training::TrainingJob> job =
      factory_(config, history_->runsFolder().toStdString(), resumeFrom.toStdString());
  if (!job) {
    progress_->appendLog(tr("the trainer could not make a job for this configuration"));
    return false;
  }
  if (resumeFrom.isEmpty())
    charts_->clear(); // a continued run keeps the curves it was loaded with
  progress_->reset();
  progress_->appendLog(resumeFrom.isEmpty() ? tr("starting %1").arg(QString::fromStdString(config.model))
                                            : tr("continuing %1").arg(resumeFrom));
  currentRunFolder_.clear();
  worker_ = new TrainingWorker(std::move(job), this);
  connect(worker_, &TrainingWorker::iterationReported, charts_, &LossChartView::addIteration);
  connect(worker_, &TrainingWorker::iterationReported, progress_, &TrainingProgressPanel::showIteration);
  connect(worker_, &TrainingWorker::epochReported, charts_, &LossChartView::addEpoch);
  connect(worker_, &TrainingWorker::epochReported, progress_, &TrainingProgressPanel::showEpoch);
  connect(worker_, &TrainingWorker::statusReported, progress_, &TrainingProgressPanel::showStatus);
  connect(worker_, &TrainingWorker::statusReported, this, &TrainMode::updateActions);
  connect(worker_, &TrainingWorker::finished, this, &TrainMode::onWorkerFinished);
  form_->setEnabled(false);
  history_->setEnabled(false); // selecting a past run would replace the live curves
  worker_->start();
  updateActions();
  emit trainingStarted();
  return true;
}

void TrainMode::stopTraining() {
  if (worker_ == nullptr)
    return;
  worker_->requestStop();
  progress_->appendLog(tr("stop requested; the run stops after the current step"));
  updateActions();
}

void TrainMode::pauseTraining() {
  if (worker_ != nullptr && !worker_->stopRequested())
    worker_->setPaused(true);
  updateActions();
}

void TrainMode::resumeTraining() {
  if (worker_ != nullptr)
    worker_->setPaused(false);
  updateActions();
}

bool TrainMode::exportCharts(const QString& path) {
  return charts_->exportPng(path);
}

void TrainMode::onWorkerFinished() {
  currentRunFolder_ = worker_->runFolder();
  worker_->deleteLater();
  worker_ = nullptr;
  form_->setEnabled(true);
  history_->setEnabled(true);
  history_->refresh();
  if (!currentRunFolder_.isEmpty())
    progress_->appendLog(tr("run folder: %1").arg(currentRunFolder_));
  updateActions();
  emit trainingFinished(currentRunFolder_);
}

void TrainMode::onRunLoaded(const LoadedRun& run) {
  if (worker_ != nullptr)
    return;
  if (run.error)
    progress_->appendLog(QString::fromStdString(run.error->message()));
  form_->setConfig(run.config);
  charts_->showHistory(run.iterations, run.epochs);
  progress_->reset();
  for (const training::EpochStats& epoch : run.epochs)
    progress_->showEpoch(epoch);
  if (!run.iterations.empty())
    progress_->showIteration(run.iterations.back());
  progress_->appendLog(tr("loaded %1: %2 epochs, %3 iterations")
                           .arg(QString::fromStdString(run.path))
                           .arg(run.epochs.size())
                           .arg(run.iterations.size()));
}

bool TrainMode::mayClose() {
  if (worker_ == nullptr)
    return true;
  const bool stop = confirmStop_
                        ? confirmStop_()
                        : QMessageBox::question(page_, tr("Training is running"),
                                                tr("A training run is going on. Stop it and "
                                                   "close? It saves its last checkpoint and "
                                                   "can be continued from the Runs list.")) == QMessageBox::Yes;
  if (stop)
    stopTraining(); // the worker's destructor then waits for the step to end and the checkpoint to be written
  return stop;
}

bool TrainMode::openPath(const QString& path) {
  if (worker_ != nullptr || !QFileInfo(path).isDir())
    return false;
  training::TrainingConfig config = form_->config();
  config.dataRoot = path.toStdString();
  form_->setConfig(config);
  return true;
}

QString TrainMode::runForActions() const {
  return !currentRunFolder_.isEmpty() ? currentRunFolder_ : history_->selectedRun();
}

void TrainMode::openRunInInfer(const QString& runFolder) {
  if (!runFolder.isEmpty())
    emit openInModeRequested(QStringLiteral("infer"), runFolder);
}

namespace {

// The evaluation of one run, off the GUI thread: its config says where the data is.
std::pair<bool, QString> evaluateRunFolder(const QString& runFolder) {
  Error error;
  const auto config = training::loadConfig((runFolder + "/config.json").toStdString(), error);
  if (!config)
    return {false, QString::fromStdString(error.message())};
  inference::CheckpointEvaluationOptions options;
  options.dataRoot = config->dataRoot;
  options.weights = inference::resolveWeightsPath(runFolder.toStdString());
  options.predictor.scoreThreshold = 0.05; // COCO AP wants the low-scoring detections too
  auto scored = inference::evaluateCheckpoints(options);
  if (auto* failure = std::get_if<Error>(&scored))
    return {false, QString::fromStdString(failure->message())};
  const inference::CheckpointScore& score = std::get<std::vector<inference::CheckpointScore>>(scored).front();
  const std::string folder = runFolder.toStdString() + "/eval";
  if (auto failure = evaluation::writeEvaluationFolder(folder, score.report))
    return {false, QString::fromStdString(failure->message())};
  QString summary = QObject::tr("%1 on %2 test images: box mAP50 %3, mAP50-95 %4")
                        .arg(QString::fromStdString(std::filesystem::path(score.weightsPath).filename().string()))
                        .arg(score.report.images)
                        .arg(score.report.box.stats[1], 0, 'f', 3)
                        .arg(score.report.box.stats[0], 0, 'f', 3);
  if (score.report.mask)
    summary += QObject::tr("; mask mAP50 %1, mAP50-95 %2")
                   .arg(score.report.mask->stats[1], 0, 'f', 3)
                   .arg(score.report.mask->stats[0], 0, 'f', 3);
  summary += QObject::tr("; PixelLib mAP@0.5 %1. Curves, confusion matrix and per-class AP: %2")
                 .arg(score.report.pixellib.map, 0, 'f', 3)
                 .arg(QString::fromStdString(folder));
  return {true, summary};
}

} // namespace

bool TrainMode::evaluateRun(const QString& runFolder) {
  if (evaluating_ || worker_ != nullptr || runFolder.isEmpty())
    return false;
  evaluating_ = true;
  updateActions();
  progress_->appendLog(tr("evaluating %1 ...").arg(runFolder));
  QPointer<TrainMode> self(this);
  QThread* thread = QThread::create([self, runFolder] {
    const auto [ok, summary] = evaluateRunFolder(runFolder);
    if (self)
      QMetaObject::invokeMethod(
          self.data(),
          [self, runFolder, ok = ok, summary = summary] {
            if (!self)
              return;
            self->evaluating_ = false;
            self->progress_->appendLog(ok ? summary : tr("evaluation failed: %1").arg(summary));
            self->updateActions();
            emit self->evaluationFinished(runFolder, ok, summary);
          },
          Qt::QueuedConnection);
  });
  thread->setObjectName("runEvaluation");
  evaluationThread_ = thread;
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
  return true;
}

void TrainMode::updateActions() {
  if (actions_.isEmpty())
    return;
  const bool running = worker_ != nullptr;
  const bool stopping = running && worker_->stopRequested();
  const bool paused = running && worker_->isPaused();
  actions_.value("start")->setEnabled(!running && form_->isValid());
  actions_.value("continueRun")->setEnabled(!running && form_->isValid() && !history_->selectedRun().isEmpty());
  actions_.value("stop")->setEnabled(running && !stopping);
  actions_.value("pause")->setEnabled(running && !stopping && !paused);
  actions_.value("resume")->setEnabled(running && paused);
  const bool haveRun = !runForActions().isEmpty();
  actions_.value("evaluate")->setEnabled(!running && haveRun && !evaluating_);
  actions_.value("openInInfer")->setEnabled(!running && haveRun);
}

} // namespace polytrain::ui
