#include "ui/infer/infer_mode.h"

#include "ui/infer/filmstrip.h"
#include "ui/infer/frame_view.h"
#include "ui/infer/model_panel.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTime>
#include <QToolBar>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace polytrain::ui::infer {

namespace {

constexpr qint64 kRateWindowMs = 2000;

QString videoTime(long frame, double fps) {
  if (fps <= 0)
    return QString::number(frame);
  return QTime(0, 0).addMSecs(static_cast<int>(frame * 1000.0 / fps)).toString(QStringLiteral("m:ss.zzz"));
}

} // namespace

PredictorLoader InferMode::defaultPredictorLoader() {
  return [](const inference::PredictorOptions& options) { return inference::Predictor::load(options); };
}

QString InferMode::newestRun(const QString& runsFolder) {
  if (runsFolder.isEmpty())
    return {};
  QString newest;
  QDateTime newestTime;
  for (const QFileInfo& run : QDir(runsFolder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    for (const char* name : {"best_map.pt", "best_loss.pt", "last.pt"}) {
      const QFileInfo checkpoint(QDir(run.filePath()).filePath(QStringLiteral("weights/") + name));
      if (checkpoint.isFile()) {
        if (newest.isEmpty() || checkpoint.lastModified() > newestTime) {
          newest = run.filePath();
          newestTime = checkpoint.lastModified();
        }
        break;
      }
    }
  }
  return newest;
}

InferMode::InferMode(PredictorLoader loader, const QStringList& devices, const QString& runsFolder, QObject* parent)
    : Mode(parent), worker_(new InferenceWorker(std::move(loader), this)), runsFolder_(runsFolder) {
  questions_.existingFile = [this](const QString& jsonPath, int shapes) {
    QMessageBox box(
        QMessageBox::Question, tr("Pre-annotate"),
        tr("%1 already has %n shape(s). Add the model's detections to them, or replace them?", nullptr, shapes)
            .arg(QFileInfo(jsonPath).fileName()),
        QMessageBox::Cancel, page_);
    QPushButton* add = box.addButton(tr("Add to Its Shapes"), QMessageBox::AcceptRole);
    QPushButton* replace = box.addButton(tr("Replace Its Shapes"), QMessageBox::DestructiveRole);
    box.setDefaultButton(add);
    box.exec();
    if (box.clickedButton() == add)
      return ExistingFileChoice::AddToShapes;
    if (box.clickedButton() == replace)
      return ExistingFileChoice::Replace;
    return ExistingFileChoice::Cancel;
  };
  questions_.confirm = [this](const QString& text) {
    return QMessageBox::question(page_, tr("Pre-annotate"), text, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Yes) == QMessageBox::Yes;
  };
  modelPanel_ = new ModelPanel(devices);
  buildPage();
  connectWorker();
  playTimer_.setSingleShot(true);
  connect(&playTimer_, &QTimer::timeout, this, &InferMode::requestNextPlaybackFrame);
  fpsClock_.start();
  toolBar_ = new QToolBar(tr("Infer"));
  toolBar_->setObjectName("inferToolBar");
  toolBar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

InferMode::~InferMode() {
  delete worker_; // stops the camera, an export or a pre-annotation and joins the thread first
  worker_ = nullptr;
  if (page_ && page_->parent() == nullptr)
    delete page_;
  if (toolBar_ && toolBar_->parent() == nullptr)
    delete toolBar_;
  if (menu_ && menu_->parent() == nullptr)
    delete menu_;
}

QList<QToolBar*> InferMode::toolBars() {
  return {toolBar_};
}

QList<QMenu*> InferMode::menus() {
  if (menu_)
    return {menu_};
  return {};
}

void InferMode::connectWorker() {
  connect(worker_, &InferenceWorker::modelLoaded, this, &InferMode::onModelLoaded);
  connect(worker_, &InferenceWorker::modelFailed, this, [this](qint64 job, const QString& message) {
    if (job != modelJob_)
      return;
    modelJob_ = 0;
    if (restartCamera_ && source_ == InferSource::Camera)
      startCamera(cameraSource_); // with the model it had
    restartCamera_ = false;
    modelPanel_->showFailed(message);
    log(tr("could not load the model: %1").arg(message));
    emit modelLoadFailed(message);
    updateActions();
  });
  connect(worker_, &InferenceWorker::frameReady, this, &InferMode::onFrameReady);
  connect(worker_, &InferenceWorker::frameFailed, this, [this](qint64 job, const QString& message) {
    if (job == frameJob_) {
      showProblem(message);
      emit sourceFailed(message);
    }
  });
  connect(worker_, &InferenceWorker::videoOpened, this, &InferMode::onVideoOpened);
  connect(worker_, &InferenceWorker::videoFailed, this, [this](qint64 job, const QString& message) {
    if (job != videoOpenJob_)
      return;
    source_ = InferSource::None;
    videoBar_->hide();
    showProblem(tr("Cannot open the video. %1").arg(message));
    emit sourceFailed(message);
    updateActions();
  });
  connect(worker_, &InferenceWorker::videoEnded, this, [this](qint64 job, long frameIndex) {
    if (job != frameJob_)
      return;
    pause();
    if (video_.frameCount < 0 || frameIndex < video_.frameCount) {
      video_.frameCount = frameIndex; // the container promised more frames than it has
      const QSignalBlocker blocker(seek_);
      seek_->setMaximum(std::max(0L, frameIndex - 1));
    }
    showInfo(tr("End of the video."));
    updateActions();
  });
  connect(worker_, &InferenceWorker::cameraStarted, this, [this](qint64 job, const QString& description) {
    if (job == cameraJob_)
      showInfo(tr("Camera %1 is running.").arg(description));
  });
  connect(worker_, &InferenceWorker::cameraFailed, this, [this](qint64 job, const QString& message) {
    if (job != cameraJob_)
      return;
    cameraJob_ = 0;
    source_ = InferSource::None;
    const QString text = tr("No camera could be opened at %1 (%2). Check that it is connected and not in use by "
                            "another program, or choose another index.")
                             .arg(cameraSource_, message);
    view_->clear();
    view_->setMessage(text);
    showProblem(text);
    emit sourceFailed(text);
    updateActions();
  });
  connect(worker_, &InferenceWorker::cameraStopped, this, [this](qint64 job, const inference::CameraRunStats& stats) {
    if (job != cameraJob_)
      return;
    cameraJob_ = 0;
    log(tr("camera %1 stopped: %2 frames predicted in %3 s (%4 fps), %5 dropped, mean latency %6 ms")
            .arg(cameraSource_)
            .arg(stats.processed)
            .arg(stats.seconds, 0, 'f', 1)
            .arg(stats.framesPerSecond, 0, 'f', 1)
            .arg(stats.dropped)
            .arg(stats.meanLatencyMilliseconds, 0, 'f', 1));
    showInfo(tr("Camera stopped."));
    updateActions();
    emit cameraStopped();
  });
  connect(worker_, &InferenceWorker::exportProgress, this, [this](qint64 job, long done, long total) {
    if (job != exportJob_)
      return;
    progress_->setRange(0, total > 0 ? static_cast<int>(total) : 0);
    progress_->setValue(static_cast<int>(done));
    progressLabel_->setText(total > 0 ? tr("Exporting frame %1 of %2").arg(done).arg(total)
                                      : tr("Exporting frame %1").arg(done));
  });
  connect(worker_, &InferenceWorker::exportFinished, this,
          [this](qint64 job, bool ok, const QString& message, long frames) {
            if (job != exportJob_)
              return;
            exportJob_ = 0;
            progressRow_->setVisible(isPreAnnotating());
            if (ok) {
              showInfo(tr("Exported %n frame(s) to %1.", nullptr, static_cast<int>(frames)).arg(message));
              log(tr("exported %1 frames to %2").arg(frames).arg(message));
            } else {
              showProblem(tr("The export did not finish: %1").arg(message));
            }
            updateActions();
            emit exportFinished(ok, message, frames);
          });
  connect(worker_, &InferenceWorker::preAnnotationProgress, this,
          [this](qint64 job, int done, int total, const QString& image) {
            if (job != preJob_)
              return;
            progress_->setRange(0, total);
            progress_->setValue(done);
            progressLabel_->setText(
                tr("Pre-annotating %1 (%2 of %3)").arg(QFileInfo(image).fileName()).arg(done).arg(total));
          });
  connect(worker_, &InferenceWorker::preAnnotationFinished, this, &InferMode::onPreAnnotationFinished);
}

bool InferMode::openPath(const QString& path) {
  const QFileInfo info(path);
  // A run folder or a weights file is a model to load (Train's "Open in Infer"), anything else a source.
  const bool runFolder = info.isDir() && QFileInfo(path + "/weights").isDir();
  const QString suffix = info.suffix().toLower();
  if (runFolder || (info.isFile() && (suffix == "pt" || suffix == "pth"))) {
    modelPanel_->setWeightsPath(path);
    loadModel();
    return true;
  }
  if (info.isDir()) {
    openFolder(path);
    return true;
  }
  static const QStringList videos = {"avi", "mp4", "mkv", "mov", "webm", "m4v", "mpg", "mpeg", "wmv"};
  if (!info.exists())
    return false;
  if (videos.contains(info.suffix().toLower()))
    openVideo(path);
  else
    openImage(path);
  return true;
}

void InferMode::loadModel() {
  loadModel(modelPanel_->options());
}

void InferMode::loadModel(const inference::PredictorOptions& options) {
  if (options.weightsPath.empty()) {
    modelPanel_->showFailed(tr("choose a run folder or a weights file first"));
    emit modelLoadFailed(tr("no weights chosen"));
    return;
  }
  if (isExporting() || isPreAnnotating()) {
    showProblem(tr("Wait for the export or the pre-annotation to finish before loading another model."));
    return;
  }
  if (isCameraRunning()) {
    // The camera loop holds the model's thread: stop it, and start it again once the model is in.
    restartCamera_ = true;
    stopCamera();
  }
  modelPanel_->showLoading();
  modelJob_ = worker_->loadModel(options);
  updateActions();
}

void InferMode::onModelLoaded(const ModelInfo& info) {
  if (info.job != modelJob_)
    return;
  modelJob_ = 0;
  model_ = info;
  QStringList shownClasses = info.classNames.mid(0, 8);
  if (info.classNames.size() > 8)
    shownClasses << QStringLiteral("...");
  const QString summary = tr("%1 on %2 · %n class(es): %3 · %4", nullptr, static_cast<int>(info.classNames.size()))
                              .arg(info.modelName, info.device, shownClasses.join(", "),
                                   info.masks ? tr("masks and boxes") : tr("boxes only"));
  modelPanel_->showLoaded(summary);
  log(tr("loaded %1 from %2").arg(info.modelName, info.weightsPath));
  emit modelLoaded(summary);
  // What is on screen now gets the model's detections.
  if (source_ == InferSource::Image || source_ == InferSource::Folder)
    requestStill();
  else if (source_ == InferSource::Video && !playing_ && shownFrame_ >= 0)
    requestVideoFrame(shownFrame_);
  else if (source_ == InferSource::Camera && restartCamera_)
    startCamera(cameraSource_);
  restartCamera_ = false;
  updateActions();
}

void InferMode::leaveSource() {
  pause();
  if (isCameraRunning())
    stopCamera();
  videoBar_->hide();
  filmstrip_->hide();
  shown_ = FrameResult();
  drawn_ = cv::Mat();
  shownFrame_ = -1;
  shownDetections_ = 0;
  shownTimes_.clear();
}

void InferMode::openImage(const QString& path) {
  leaveSource();
  source_ = InferSource::Image;
  imagePath_ = path;
  requestStill();
  updateActions();
}

void InferMode::openFolder(const QString& folder) {
  leaveSource();
  source_ = InferSource::Folder;
  imagePath_.clear();
  const QStringList images = filmstrip_->setFolder(folder);
  filmstrip_->setProperty("folder", folder);
  filmstrip_->show();
  if (images.isEmpty()) {
    view_->clear();
    view_->setMessage(tr("%1 has no images (jpg, png, bmp, tif, webp).").arg(folder));
    showProblem(tr("No images in %1.").arg(folder));
  } else {
    filmstrip_->setCurrentImage(0);
    showImageOfFolder(images.first());
  }
  updateActions();
}

void InferMode::showImageOfFolder(const QString& path) {
  if (path == imagePath_ && frameJob_ != 0)
    return;
  imagePath_ = path;
  requestStill();
  updateActions();
}

void InferMode::openVideo(const QString& path) {
  leaveSource();
  source_ = InferSource::Video;
  video_ = VideoInfo();
  video_.path = path;
  videoOpenJob_ = worker_->openVideo(path);
  frameJob_ = videoOpenJob_;
  updateActions();
}

void InferMode::onVideoOpened(const VideoInfo& info) {
  if (info.job != videoOpenJob_)
    return;
  video_ = info;
  {
    const QSignalBlocker blocker(seek_);
    seek_->setRange(0, info.frameCount > 0 ? static_cast<int>(info.frameCount - 1) : 0);
    seek_->setValue(0);
  }
  fps_->setValue(info.framesPerSecond > 0 ? info.framesPerSecond : 25.0);
  videoBar_->show();
  log(tr("opened %1: %2 frames, %3 fps, %4 x %5")
          .arg(info.path)
          .arg(info.frameCount)
          .arg(info.framesPerSecond, 0, 'f', 2)
          .arg(info.width)
          .arg(info.height));
  requestVideoFrame(0);
  updateActions();
}

void InferMode::startCamera(const QString& source) {
  leaveSource();
  source_ = InferSource::Camera;
  cameraSource_ = source.trimmed().isEmpty() ? QStringLiteral("0") : source.trimmed();
  view_->clear();
  view_->setMessage(tr("Opening camera %1 ...").arg(cameraSource_));
  cameraJob_ = worker_->startCamera(cameraSource_);
  updateActions();
}

void InferMode::stopCamera() {
  if (isCameraRunning())
    worker_->stopCamera();
}

void InferMode::requestStill() {
  if (imagePath_.isEmpty())
    return;
  thresholdOfRequest_ = scoreThreshold();
  requestClock_.restart();
  frameJob_ = worker_->predictImage(imagePath_);
  if (shown_.frame.empty()) // else the frame before stays until this one is ready
    view_->setMessage(modelJob_ != 0 ? tr("Loading the model, then running it on %1 ...").arg(imagePath_)
                                     : tr("Running the model on %1 ...").arg(imagePath_));
}

void InferMode::requestVideoFrame(long index) {
  if (source_ != InferSource::Video)
    return;
  thresholdOfRequest_ = scoreThreshold();
  requestClock_.restart();
  requestedFrame_ = index;
  frameJob_ = worker_->predictVideoFrame(index);
}

void InferMode::requestNextPlaybackFrame() {
  if (!playing_)
    return;
  const long next = shownFrame_ + 1;
  if (video_.frameCount > 0 && next >= video_.frameCount) {
    pause();
    showInfo(tr("End of the video."));
    return;
  }
  requestVideoFrame(next);
}

void InferMode::play() {
  if (source_ != InferSource::Video || playing_ || isExporting())
    return;
  playing_ = true;
  const bool atEnd = video_.frameCount > 0 && shownFrame_ + 1 >= video_.frameCount;
  requestVideoFrame(atEnd || shownFrame_ < 0 ? 0 : shownFrame_ + 1);
  updateActions();
}

void InferMode::pause() {
  playing_ = false;
  playTimer_.stop();
  updateActions();
}

void InferMode::togglePlayback() {
  playing_ ? pause() : play();
}

void InferMode::seek(long frame) {
  if (source_ != InferSource::Video)
    return;
  const long last = video_.frameCount > 0 ? video_.frameCount - 1 : std::max(0L, frame);
  requestVideoFrame(std::clamp(frame, 0L, last));
}

void InferMode::step(int delta) {
  if (source_ == InferSource::Video) {
    pause();
    seek(std::max(0L, shownFrame_) + delta);
  } else if (source_ == InferSource::Folder) {
    filmstrip_->setCurrentImage(std::clamp(filmstrip_->currentImage() + delta, 0, filmstrip_->count() - 1));
  }
}

void InferMode::setPlaybackFramesPerSecond(double fps) {
  fps_->setValue(fps);
}

double InferMode::playbackFramesPerSecond() const {
  return fps_->value();
}

void InferMode::onFrameReady(const FrameResult& result) {
  const bool wanted = result.origin == FrameOrigin::Camera ? result.job == cameraJob_ : result.job == frameJob_;
  if (!wanted)
    return; // an answer to a request replaced since
  shown_ = result;
  thresholdOfShown_ = result.origin == FrameOrigin::Camera ? worker_->scoreThreshold() : thresholdOfRequest_;
  shownFrame_ = result.frameIndex;
  const qint64 now = fpsClock_.elapsed();
  shownTimes_.push_back(now);
  while (shownTimes_.size() > 2 && now - shownTimes_.front() > kRateWindowMs)
    shownTimes_.pop_front();
  redraw();
  updateStatistics();
  if (result.origin == FrameOrigin::VideoFile) {
    {
      const QSignalBlocker blocker(seek_);
      seek_->setValue(static_cast<int>(result.frameIndex));
    }
    frameLabel_->setText(QStringLiteral("%1 / %2  %3")
                             .arg(result.frameIndex + 1)
                             .arg(video_.frameCount > 0 ? QString::number(video_.frameCount) : QStringLiteral("?"))
                             .arg(videoTime(result.frameIndex, video_.framesPerSecond)));
    if (playing_) {
      const double interval = 1000.0 / std::max(0.5, fps_->value());
      playTimer_.start(std::max(0, static_cast<int>(interval - static_cast<double>(requestClock_.elapsed()))));
    }
  }
  if (result.origin != FrameOrigin::Camera && message_->property("problem").toBool())
    showInfo({});
  emit frameShown(shownFrame_);
  updateActions();
}

void InferMode::redraw() {
  if (shown_.frame.empty())
    return;
  cv::Mat frame = shown_.frame;
  if (frame.channels() == 1)
    cv::cvtColor(frame, frame, cv::COLOR_GRAY2BGR);
  else if (frame.channels() == 4)
    cv::cvtColor(frame, frame, cv::COLOR_BGRA2BGR);
  inference::Prediction visible = shown_.prediction;
  const double threshold = scoreThreshold();
  auto& instances = visible.instances;
  instances.erase(std::remove_if(instances.begin(), instances.end(),
                                 [&](const inference::Instance& x) { return x.score < threshold; }),
                  instances.end());
  shownDetections_ = static_cast<int>(instances.size());
  size_t classCount = static_cast<size_t>(model_.classNames.size());
  for (const inference::Instance& instance : shown_.prediction.instances)
    classCount = std::max(classCount, static_cast<size_t>(std::max(0, instance.label)));
  drawn_ = inference::renderOverlay(frame, visible, overlayOptions(), classCount);
  const QImage image(drawn_.data, drawn_.cols, drawn_.rows, static_cast<qsizetype>(drawn_.step), QImage::Format_BGR888);
  view_->setImage(image.copy());
}

void InferMode::updateStatistics() {
  QStringList parts;
  parts << tr("model %1 ms").arg(shown_.prediction.inferenceMilliseconds, 0, 'f', 1);
  parts << tr("latency %1 ms").arg(shown_.latencyMilliseconds, 0, 'f', 1);
  double rate = shown_.framesPerSecond;
  if (shown_.origin != FrameOrigin::Camera && shownTimes_.size() >= 2 && shownTimes_.back() > shownTimes_.front())
    rate = 1000.0 * static_cast<double>(shownTimes_.size() - 1) /
           static_cast<double>(shownTimes_.back() - shownTimes_.front());
  if (shown_.origin == FrameOrigin::Camera || playing_)
    parts << tr("%1 fps").arg(rate, 0, 'f', 1);
  parts << tr("%1 of %2 detections shown").arg(shownDetections_).arg(shown_.prediction.instances.size());
  if (shown_.origin == FrameOrigin::Camera)
    parts << tr("%n frame(s) dropped", nullptr, static_cast<int>(shown_.dropped));
  statistics_->setText(parts.join(QStringLiteral("  ·  ")));
}

void InferMode::setScoreThreshold(double threshold) {
  threshold = std::clamp(threshold, 0.0, 1.0);
  const int steps = static_cast<int>(std::lround(threshold * kThresholdSteps));
  if (threshold_->value() != steps) {
    threshold_->setValue(steps); // comes back here through valueChanged
    return;
  }
  thresholdLabel_->setText(QString::number(scoreThreshold(), 'f', 2));
  worker_->setScoreThreshold(scoreThreshold());
  redraw();
  if (!shown_.frame.empty())
    updateStatistics();
  // Detections under the threshold the shown frame was predicted with are not in it: predict it again.
  if (scoreThreshold() < thresholdOfShown_ && hasModel()) {
    if (source_ == InferSource::Image || source_ == InferSource::Folder)
      requestStill();
    else if (source_ == InferSource::Video && !playing_ && shownFrame_ >= 0)
      requestVideoFrame(shownFrame_);
  }
}

double InferMode::scoreThreshold() const {
  return static_cast<double>(threshold_->value()) / kThresholdSteps;
}

inference::OverlayOptions InferMode::overlayOptions() const {
  inference::OverlayOptions options;
  const auto on = [this](const char* name) {
    const QAction* toggle = actions_.value(name);
    return toggle == nullptr || toggle->isChecked();
  };
  options.masks = on("showMasks");
  options.boxes = on("showBoxes");
  options.labels = on("showLabels");
  options.scores = on("showScores");
  return options;
}

QString InferMode::messageText() const {
  return message_->property("plain").toString();
}

QString InferMode::statisticsText() const {
  return statistics_->text();
}

QString InferMode::logText() const {
  return log_->toPlainText();
}

void InferMode::showProblem(const QString& message) {
  message_->setProperty("plain", message);
  message_->setProperty("problem", true);
  message_->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(message.toHtmlEscaped()));
  if (shown_.frame.empty()) {
    view_->clear();
    view_->setMessage(message);
  }
  log(message);
}

void InferMode::showInfo(const QString& message) {
  message_->setProperty("plain", message);
  message_->setProperty("problem", false);
  message_->setText(message.toHtmlEscaped());
}

void InferMode::log(const QString& line) {
  log_->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

void InferMode::activate() {
  if (menu_)
    fillMenu(true);
  if (!shownBefore_) {
    shownBefore_ = true;
    const QString newest = modelPanel_->weightsPath().isEmpty() ? newestRun(runsFolder_) : QString();
    if (!newest.isEmpty()) {
      modelPanel_->setWeightsPath(newest);
      log(tr("the newest training run is %1; loading it").arg(newest));
      loadModel();
    }
  }
}

void InferMode::deactivate() {
  pause();
  stopCamera(); // a camera left running behind another mode would hold the device and the CPU
  if (menu_)
    fillMenu(false);
}

bool InferMode::mayClose() {
  cancelExport();
  cancelPreAnnotation();
  stopCamera();
  return true;
}

} // namespace polytrain::ui::infer
