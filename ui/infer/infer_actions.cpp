// The Infer mode's actions, its dialogs, saving and exporting, and pre-annotation.
#include "core/annotation/labelme_reader.h"
#include "core/common/atomic_file.h"
#include "ui/infer/filmstrip.h"
#include "ui/infer/frame_view.h"
#include "ui/infer/infer_mode.h"
#include "ui/infer/model_panel.h"
#include "ui/shell/action_registry.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

#include <opencv2/imgcodecs.hpp>

namespace polytrain::ui::infer {

namespace {

// The action's button in the side panel, found by its object name.
void bindButton(QWidget* page, const char* buttonName, QAction* action) {
  if (auto* button = page->findChild<QToolButton*>(buttonName)) {
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  }
}

} // namespace

QAction* InferMode::addAction(ActionRegistry& registry, const QString& name, const QString& text,
                              const QKeySequence& shortcut, const QString& tip, bool needsSource) {
  QAction* action = registry.add("infer." + name, text, shortcut);
  // Enabled only with something to act on (a model, an image, a video); the shell's action test reads this.
  action->setProperty("needsDocument", needsSource);
  action->setStatusTip(tip);
  action->setToolTip(shortcut.isEmpty() ? tip : tip + " (" + shortcut.toString(QKeySequence::NativeText) + ")");
  actions_.insert(name, action);
  return action;
}

void InferMode::registerActions(ActionRegistry& registry) {
  const QStyle* style = QApplication::style();
  connect(addAction(registry, "loadModel", tr("&Load Model"), QKeySequence("Ctrl+Shift+M"),
                    tr("Load the model chosen under Model"), false),
          &QAction::triggered, this, [this] { loadModel(); });
  QAction* openImageAction = addAction(registry, "openImage", tr("Open &Image..."), QKeySequence("Ctrl+Shift+I"),
                                       tr("Run the model on one image"), false);
  openImageAction->setIcon(style->standardIcon(QStyle::SP_FileIcon));
  connect(openImageAction, &QAction::triggered, this, &InferMode::openImageDialog);
  QAction* openFolderAction = addAction(registry, "openFolder", tr("Open &Folder..."), QKeySequence("Ctrl+Shift+O"),
                                        tr("Run the model on the images of a folder, one at a time"), false);
  openFolderAction->setIcon(style->standardIcon(QStyle::SP_DirOpenIcon));
  connect(openFolderAction, &QAction::triggered, this, &InferMode::openFolderDialog);
  QAction* openVideoAction = addAction(registry, "openVideo", tr("Open &Video..."), QKeySequence("Ctrl+Shift+V"),
                                       tr("Play a video file with the model's detections"), false);
  openVideoAction->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
  connect(openVideoAction, &QAction::triggered, this, &InferMode::openVideoDialog);
  QAction* cameraAction = addAction(registry, "camera", tr("&Camera"), QKeySequence("Ctrl+Shift+C"),
                                    tr("Start or stop the camera chosen under Source"), false);
  cameraAction->setCheckable(true);
  connect(cameraAction, &QAction::triggered, this, [this](bool on) {
    if (on)
      startCamera(camera_->currentText());
    else
      stopCamera();
    updateActions();
  });

  connect(
      addAction(registry, "playPause", tr("&Play"), QKeySequence(Qt::Key_Space), tr("Play or pause the video"), true),
      &QAction::triggered, this, &InferMode::togglePlayback);
  connect(addAction(registry, "previous", tr("P&revious Frame"), QKeySequence(Qt::Key_Comma),
                    tr("The previous frame of the video, or the previous image of the folder"), true),
          &QAction::triggered, this, [this] { step(-1); });
  connect(addAction(registry, "next", tr("&Next Frame"), QKeySequence(Qt::Key_Period),
                    tr("The next frame of the video, or the next image of the folder"), true),
          &QAction::triggered, this, [this] { step(1); });

  const auto toggle = [&](const char* name, const QString& text, const char* key, const QString& tip) {
    QAction* action = addAction(registry, name, text, QKeySequence(key), tip, false);
    action->setCheckable(true);
    action->setChecked(true);
    connect(action, &QAction::toggled, this, [this] { redraw(); });
    return action;
  };
  toggle("showMasks", tr("&Masks"), "Alt+1", tr("Tint each detection's mask"));
  toggle("showBoxes", tr("&Boxes"), "Alt+2", tr("Draw each detection's box"));
  toggle("showLabels", tr("&Labels"), "Alt+3", tr("Write each detection's class name"));
  toggle("showScores", tr("&Scores"), "Alt+4", tr("Write each detection's score"));

  QAction* saveAction = addAction(registry, "saveFrame", tr("&Save Frame As..."), QKeySequence("Ctrl+Shift+G"),
                                  tr("Save the frame as shown, detections drawn, as an image"), true);
  saveAction->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
  connect(saveAction, &QAction::triggered, this, &InferMode::saveFrameDialog);
  connect(addAction(registry, "exportVideo", tr("&Export Annotated Video..."), QKeySequence("Ctrl+Shift+X"),
                    tr("Write the whole video with the detections drawn, at the frame rate set"), true),
          &QAction::triggered, this, &InferMode::exportVideoDialog);
  connect(addAction(registry, "preAnnotate", tr("Pre-annotate This &Image"), QKeySequence("Ctrl+Shift+N"),
                    tr("Write the detections on this image as Labelme polygons next to it"), true),
          &QAction::triggered, this, &InferMode::preAnnotateCurrentImage);
  connect(addAction(registry, "preAnnotateFolder", tr("Pre-annotate &Unannotated Images"), QKeySequence("Ctrl+Shift+U"),
                    tr("Write Labelme files for every image of the folder that has none yet"), true),
          &QAction::triggered, this, &InferMode::preAnnotateUnannotatedImages);
  connect(addAction(registry, "undoPreAnnotation", tr("Undo Pre-annotation"), {},
                    tr("Put back the files the last pre-annotation wrote, as they were"), true),
          &QAction::triggered, this, &InferMode::undoLastPreAnnotation);
  QAction* annotateAction = addAction(registry, "openInAnnotate", tr("Open in &Annotate"), {},
                                      tr("Correct what the last pre-annotation wrote in the Annotate mode"), true);
  annotateAction->setIcon(QIcon(QStringLiteral(":/icons/mode-annotate.svg")));
  connect(annotateAction, &QAction::triggered, this, &InferMode::openLastPreAnnotationInAnnotate);

  buildMenuAndToolBar();
  updateActions();
}

void InferMode::buildMenuAndToolBar() {
  const auto a = [this](const char* name) { return actions_.value(name); };
  for (const char* name : {"loadModel", "openImage", "openFolder", "openVideo", "camera"})
    toolBar_->addAction(a(name));
  toolBar_->addSeparator();
  toolBar_->addSeparator();
  toolBar_->addAction(a("playPause"));
  toolBar_->addSeparator();
  for (const char* name : {"saveFrame", "exportVideo", "preAnnotate"})
    toolBar_->addAction(a(name));

  menu_ = new QMenu(tr("&Infer"));
  menu_->setObjectName("inferMenu");

  bindButton(page_, "loadModelButton", a("loadModel"));
  bindButton(page_, "openImageButton", a("openImage"));
  bindButton(page_, "openFolderButton", a("openFolder"));
  bindButton(page_, "openVideoButton", a("openVideo"));
  bindButton(page_, "cameraButton", a("camera"));
  bindButton(page_, "playButton", a("playPause"));
  bindButton(page_, "previousButton", a("previous"));
  bindButton(page_, "nextButton", a("next"));
  bindButton(page_, "showMasksButton", a("showMasks"));
  bindButton(page_, "showBoxesButton", a("showBoxes"));
  bindButton(page_, "showLabelsButton", a("showLabels"));
  bindButton(page_, "showScoresButton", a("showScores"));
  bindButton(page_, "preAnnotateButton", a("preAnnotate"));
  bindButton(page_, "preAnnotateFolderButton", a("preAnnotateFolder"));
  bindButton(page_, "undoPreAnnotationButton", a("undoPreAnnotation"));
  bindButton(page_, "openInAnnotateButton", a("openInAnnotate"));
}

void InferMode::fillMenu(bool active) {
  // The menu bar keeps every menu's shortcuts live, even a hidden menu's; the toolbar and the page hide with the
  // mode. So the menu holds the actions only while the mode is shown: Space, the frame steps, Alt+1 ... act in
  // this mode alone, and the actions stay enabled whatever mode is shown.
  menu_->clear();
  if (!active)
    return;
  const auto a = [this](const char* name) { return actions_.value(name); };
  for (const char* name : {"loadModel", "openImage", "openFolder", "openVideo", "camera"})
    menu_->addAction(a(name));
  menu_->addSeparator();
  for (const char* name : {"playPause", "previous", "next"})
    menu_->addAction(a(name));
  menu_->addSeparator();
  for (const char* name : {"showMasks", "showBoxes", "showLabels", "showScores"})
    menu_->addAction(a(name));
  menu_->addSeparator();
  for (const char* name :
       {"saveFrame", "exportVideo", "preAnnotate", "preAnnotateFolder", "undoPreAnnotation", "openInAnnotate"})
    menu_->addAction(a(name));
}

void InferMode::updateActions() {
  if (actions_.isEmpty())
    return;
  const bool busy = isExporting() || isPreAnnotating();
  const bool still = source_ == InferSource::Image || source_ == InferSource::Folder;
  const bool video = source_ == InferSource::Video && video_.job != 0;
  const auto set = [this](const char* name, bool enabled) {
    if (QAction* action = actions_.value(name))
      action->setEnabled(enabled);
  };
  set("loadModel", !busy);
  set("openImage", !busy);
  set("openFolder", !busy);
  set("openVideo", !busy);
  set("camera", !busy || isCameraRunning());
  if (QAction* camera = actions_.value("camera")) {
    const QSignalBlocker blocker(camera);
    camera->setChecked(isCameraRunning());
    camera->setText(isCameraRunning() ? tr("Stop &Camera") : tr("Start &Camera"));
  }
  set("playPause", video && !busy);
  if (QAction* play = actions_.value("playPause"))
    play->setText(playing_ ? tr("&Pause") : tr("&Play"));
  set("previous", (video && !busy) || source_ == InferSource::Folder);
  set("next", (video && !busy) || source_ == InferSource::Folder);
  set("saveFrame", !drawn_.empty());
  set("exportVideo", video && hasModel() && !busy);
  set("preAnnotate", still && !imagePath_.isEmpty() && hasModel() && !busy);
  set("preAnnotateFolder", source_ == InferSource::Folder && hasModel() && !busy);
  set("undoPreAnnotation", !lastPreAnnotation_.empty() && !busy);
  set("openInAnnotate", !lastPreAnnotationTarget_.isEmpty());
  camera_->setEnabled(!isCameraRunning());
}

// --- dialogs -------------------------------------------------------------------------------------------------------

void InferMode::openImageDialog() {
  const QString path =
      QFileDialog::getOpenFileName(page_, tr("Open image"), QFileInfo(imagePath_).path(),
                                   tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)"));
  if (!path.isEmpty())
    openImage(path);
}

void InferMode::openFolderDialog() {
  const QString folder =
      QFileDialog::getExistingDirectory(page_, tr("Open folder of images"), filmstrip_->property("folder").toString());
  if (!folder.isEmpty())
    openFolder(folder);
}

void InferMode::openVideoDialog() {
  const QString path = QFileDialog::getOpenFileName(
      page_, tr("Open video"), QFileInfo(video_.path).path(),
      tr("Videos (*.avi *.mp4 *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.wmv);;All files (*)"));
  if (!path.isEmpty())
    openVideo(path);
}

void InferMode::saveFrameDialog() {
  const QFileInfo source(source_ == InferSource::Video ? video_.path : imagePath_);
  QString suggestion = source.completeBaseName().isEmpty() ? QStringLiteral("frame") : source.completeBaseName();
  if (source_ == InferSource::Video)
    suggestion += QStringLiteral("-frame%1").arg(shownFrame_ + 1);
  suggestion = QDir(source.path()).filePath(suggestion + QStringLiteral("-detections.png"));
  const QString path =
      QFileDialog::getSaveFileName(page_, tr("Save frame"), suggestion, tr("Images (*.png *.jpg *.jpeg *.bmp)"));
  if (!path.isEmpty())
    saveCurrentFrame(path);
}

void InferMode::exportVideoDialog() {
  const QFileInfo input(video_.path);
  const QString suggestion = QDir(input.path()).filePath(input.completeBaseName() + QStringLiteral("-detections.mp4"));
  const QString path =
      QFileDialog::getSaveFileName(page_, tr("Export annotated video"), suggestion, tr("Videos (*.mp4 *.avi *.mkv)"));
  if (!path.isEmpty())
    exportVideo(path);
}

// --- output --------------------------------------------------------------------------------------------------------

bool InferMode::saveCurrentFrame(const QString& path) {
  if (drawn_.empty()) {
    showProblem(tr("There is no frame to save yet."));
    return false;
  }
  bool written = false;
  try {
    written = cv::imwrite(path.toStdString(), drawn_);
  } catch (const cv::Exception& error) {
    showProblem(tr("Could not save %1: %2").arg(path, QString::fromStdString(error.msg)));
    return false;
  }
  if (!written) {
    showProblem(tr("Could not save %1 (is the folder writable, is the extension an image type?)").arg(path));
    return false;
  }
  showInfo(tr("Saved the frame to %1.").arg(path));
  log(tr("saved frame to %1").arg(path));
  return true;
}

bool InferMode::exportVideo(const QString& outputPath) {
  if (source_ != InferSource::Video || video_.job == 0) {
    showProblem(tr("Open a video file to export."));
    return false;
  }
  if (!hasModel()) {
    showProblem(tr("Load a model first: the export draws its detections."));
    return false;
  }
  if (isExporting() || isPreAnnotating())
    return false;
  pause();
  inference::VideoJob job;
  job.inputPath = video_.path.toStdString();
  job.outputPath = outputPath.toStdString();
  job.framesPerSecond = fps_->value();
  job.overlay = overlayOptions();
  worker_->setScoreThreshold(scoreThreshold());
  exportJob_ = worker_->exportVideo(job);
  progress_->setRange(0, video_.frameCount > 0 ? static_cast<int>(video_.frameCount) : 0);
  progress_->setValue(0);
  progressLabel_->setText(tr("Exporting to %1").arg(QFileInfo(outputPath).fileName()));
  progressRow_->show();
  log(tr("exporting %1 to %2 at %3 fps").arg(video_.path, outputPath).arg(fps_->value(), 0, 'f', 1));
  updateActions();
  return true;
}

void InferMode::cancelExport() {
  if (isExporting())
    worker_->cancelExport();
}

// --- pre-annotation ------------------------------------------------------------------------------------------------

inference::PreAnnotationOptions InferMode::preAnnotationOptions() const {
  inference::PreAnnotationOptions options;
  options.tolerancePixels = tolerance_->value();
  options.minimumArea = minimumArea_->value();
  options.embedImageData = embedImage_->isChecked();
  return options;
}

bool InferMode::preAnnotateCurrentImage() {
  const QString image = currentImagePath();
  if (image.isEmpty() || !hasModel() || isExporting() || isPreAnnotating()) {
    showProblem(hasModel() ? tr("Open an image to pre-annotate.") : tr("Load a model first."));
    return false;
  }
  const QString json = QString::fromStdString(inference::labelmeJsonPathFor(image.toStdString()));
  auto policy = inference::ExistingAnnotationPolicy::Skip;
  if (QFileInfo::exists(json)) {
    const annotation::LoadResult existing = annotation::readLabelmeFile(json.toStdString());
    if (!existing.ok()) {
      showProblem(tr("%1 exists but cannot be read, so it is left as it is: %2")
                      .arg(json, existing.errors.empty() ? QString()
                                                         : QString::fromStdString(existing.errors.front().message())));
      return false;
    }
    switch (questions_.existingFile(json, static_cast<int>(existing.document->shapes.size()))) {
    case ExistingFileChoice::AddToShapes:
      policy = inference::ExistingAnnotationPolicy::AddToShapes;
      break;
    case ExistingFileChoice::Replace:
      policy = inference::ExistingAnnotationPolicy::Replace;
      break;
    case ExistingFileChoice::Cancel:
      showInfo(tr("%1 was left as it is.").arg(QFileInfo(json).fileName()));
      return false;
    }
  }
  startPreAnnotation({image}, policy, json);
  return true;
}

bool InferMode::preAnnotateUnannotatedImages() {
  if (source_ != InferSource::Folder || !hasModel() || isExporting() || isPreAnnotating()) {
    showProblem(hasModel() ? tr("Open a folder of images to pre-annotate.") : tr("Load a model first."));
    return false;
  }
  filmstrip_->refreshAnnotated();
  QStringList unannotated;
  for (int i = 0; i < filmstrip_->images().size(); ++i)
    if (!filmstrip_->isAnnotated(i))
      unannotated << filmstrip_->images()[i];
  const int annotated = static_cast<int>(filmstrip_->images().size() - unannotated.size());
  const QString folder = filmstrip_->property("folder").toString();
  if (unannotated.isEmpty()) {
    showInfo(tr("Every image of %1 already has a Labelme file; nothing to do.").arg(folder));
    return false;
  }
  const QString question = tr("Pre-annotate the %n image(s) of %1 that have no Labelme file yet?", nullptr,
                              static_cast<int>(unannotated.size()))
                               .arg(folder) +
                           QStringLiteral("\n") +
                           tr("The %n image(s) already annotated are left as they are.", nullptr, annotated);
  if (!questions_.confirm(question))
    return false;
  startPreAnnotation(unannotated, inference::ExistingAnnotationPolicy::Skip, folder);
  return true;
}

void InferMode::startPreAnnotation(const QStringList& images, inference::ExistingAnnotationPolicy policy,
                                   const QString& openTarget) {
  inference::PreAnnotationOptions options = preAnnotationOptions();
  options.existing = policy;
  worker_->setScoreThreshold(scoreThreshold());
  preJob_ = worker_->preAnnotate(images, options, scoreThreshold());
  lastPreAnnotationTarget_ = openTarget;
  progress_->setRange(0, static_cast<int>(images.size()));
  progress_->setValue(0);
  progressLabel_->setText(tr("Pre-annotating"));
  progressRow_->show();
  updateActions();
}

void InferMode::cancelPreAnnotation() {
  if (isPreAnnotating())
    worker_->cancelPreAnnotation();
}

void InferMode::onPreAnnotationFinished(const PreAnnotationSummary& summary) {
  if (summary.job != preJob_)
    return;
  preJob_ = 0;
  progressRow_->setVisible(isExporting());
  lastPreAnnotation_.clear();
  int shapes = 0;
  int nothing = 0;
  int problems = 0;
  for (const PreAnnotatedFile& file : summary.files) {
    const QString name = QFileInfo(file.imagePath).fileName();
    if (file.outcome) {
      shapes += file.shapes;
      const QString how = *file.outcome == inference::PreAnnotationOutcome::Created ? tr("new file")
                          : *file.outcome == inference::PreAnnotationOutcome::Added ? tr("added to its shapes")
                                                                                    : tr("replaced its shapes");
      log(tr("%1: %n shape(s) written to %2 (%3)", nullptr, file.shapes)
              .arg(name, QFileInfo(file.jsonPath).fileName(), how));
      lastPreAnnotation_.push_back(file);
    } else {
      ++(file.nothingDetected ? nothing : problems);
      log(tr("%1: %2").arg(name, file.problem));
    }
  }
  const int written = static_cast<int>(lastPreAnnotation_.size());
  QString text = tr("Pre-annotation wrote %n file(s)", nullptr, written) + tr(" with %n shape(s)", nullptr, shapes);
  if (nothing > 0)
    text += tr("; nothing detected on %n image(s)", nullptr, nothing);
  if (problems > 0)
    text += tr("; %n image(s) not written (see the log)", nullptr, problems);
  if (summary.stopped)
    text += tr("; stopped before the end");
  text += QStringLiteral(".");
  showInfo(text);
  if (written > 0) {
    message_->setText(
        text.toHtmlEscaped() +
        QStringLiteral(" <a href='annotate'>%1</a> · <a href='undo'>%2</a>").arg(tr("Open in Annotate"), tr("Undo")));
  } else {
    lastPreAnnotationTarget_.clear();
  }
  filmstrip_->refreshAnnotated();
  updateActions();
  emit preAnnotationFinished(written);
}

int InferMode::undoLastPreAnnotation() {
  int restored = 0;
  for (const PreAnnotatedFile& file : lastPreAnnotation_) {
    const std::string path = file.jsonPath.toStdString();
    std::string now;
    if (readWholeFile(path, now) || now != file.after) {
      log(tr("%1 was changed since the pre-annotation; left as it is").arg(file.jsonPath));
      continue;
    }
    if (file.before) {
      if (std::optional<Error> error = writeFileAtomically(path, *file.before)) {
        log(QString::fromStdString(error->message()));
        continue;
      }
    } else if (!QFile::remove(file.jsonPath)) {
      log(tr("could not remove %1").arg(file.jsonPath));
      continue;
    }
    ++restored;
  }
  const int total = static_cast<int>(lastPreAnnotation_.size());
  lastPreAnnotation_.clear();
  lastPreAnnotationTarget_.clear();
  showInfo(tr("Put back %1 of %n pre-annotated file(s) as they were.", nullptr, total).arg(restored));
  log(messageText());
  filmstrip_->refreshAnnotated();
  updateActions();
  return restored;
}

void InferMode::openLastPreAnnotationInAnnotate() {
  if (lastPreAnnotationTarget_.isEmpty())
    return;
  // A single image opens at its new file; a folder opens whole, to step through what was written.
  emit openInModeRequested(QStringLiteral("annotate"), lastPreAnnotationTarget_);
}

void InferMode::onMessageLink(const QString& link) {
  if (link == QLatin1String("annotate"))
    openLastPreAnnotationInAnnotate();
  else if (link == QLatin1String("undo"))
    undoLastPreAnnotation();
}

} // namespace polytrain::ui::infer
