#pragma once
// The Infer workspace: run a trained model on an image, a folder (filmstrip), a video file (play, pause, seek,
// frame rate) or a live camera, with overlay switches and a live score threshold; save the annotated frame, export
// an annotated video, and pre-annotate images as Labelme files to correct in Annotate. The model lives on an
// InferenceWorker's thread; this class only asks and draws what comes back, dropping answers it no longer wants.
#include "core/inference/overlay_renderer.h"
#include "core/inference/pre_annotation.h"
#include "ui/infer/inference_worker.h"
#include "ui/shell/mode.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace polytrain::ui::infer {

class Filmstrip;
class FrameView;
class ModelPanel;

enum class InferSource { None, Image, Folder, Video, Camera };
enum class ExistingFileChoice { AddToShapes, Replace, Cancel };

// The questions the mode asks; tests answer them instead of a dialog.
struct InferQuestions {
  // `jsonPath` exists with `shapes` shapes: add the detections, replace its shapes, or leave it.
  std::function<ExistingFileChoice(const QString& jsonPath, int shapes)> existingFile;
  // Yes or no to `text`.
  std::function<bool(const QString& text)> confirm;
};

class InferMode : public Mode {
  Q_OBJECT
public:
  // `loader` builds predictors (Predictor::load unless a test gives a fake); `devices`: "cuda:0", ... besides CPU;
  // `runsFolder`: where training runs are. The first time the mode is shown without a model chosen, it loads the
  // newest run there that has a checkpoint: what was just trained is what one wants to look at.
  explicit InferMode(PredictorLoader loader = defaultPredictorLoader(), const QStringList& devices = {},
                     const QString& runsFolder = {}, QObject* parent = nullptr);
  ~InferMode() override;
  static PredictorLoader defaultPredictorLoader();
  // The run folder under `runsFolder` whose checkpoint was written last; empty when none has one.
  static QString newestRun(const QString& runsFolder);

  QString id() const override { return QStringLiteral("infer"); }
  QString title() const override { return tr("Infer"); }
  QIcon icon() const override { return QIcon(QStringLiteral(":/icons/mode-infer.svg")); }
  QWidget* widget() override { return page_; }
  QList<QToolBar*> toolBars() override;
  QList<QMenu*> menus() override;
  void registerActions(ActionRegistry& registry) override;
  void activate() override;
  void deactivate() override;
  bool mayClose() override;
  // A run folder (it has weights/) or a .pt/.pth file loads as the model; an image, a folder or a video file (by
  // its extension) opens as the source.
  bool openPath(const QString& path) override;

  // Model: loads on the worker thread; modelLoaded or modelLoadFailed follow.
  void loadModel();
  void loadModel(const inference::PredictorOptions& options);
  bool hasModel() const { return !model_.modelName.isEmpty(); }
  const ModelInfo& model() const { return model_; }

  // Sources. Each stops the camera and the playback of the one before.
  void openImage(const QString& path);
  void openFolder(const QString& folder);
  void openVideo(const QString& path);
  void startCamera(const QString& source); // "0", "/dev/video2", a stream URL
  void stopCamera();
  InferSource source() const { return source_; }
  bool isCameraRunning() const { return cameraJob_ != 0; }
  QString currentImagePath() const {
    return source_ == InferSource::Image || source_ == InferSource::Folder ? imagePath_ : QString();
  }

  // Video playback.
  void play();
  void pause();
  void togglePlayback();
  void seek(long frame);
  void step(int delta); // a frame of the video, an image of the folder
  bool isPlaying() const { return playing_; }
  long currentFrameIndex() const { return shownFrame_; }
  long videoFrameCount() const { return video_.frameCount; }
  void setPlaybackFramesPerSecond(double fps);
  double playbackFramesPerSecond() const;

  // Display.
  void setScoreThreshold(double threshold);
  double scoreThreshold() const;
  inference::OverlayOptions overlayOptions() const;
  int shownDetections() const { return shownDetections_; }

  // Output.
  bool saveCurrentFrame(const QString& path);
  bool exportVideo(const QString& outputPath); // false when it cannot start
  void cancelExport();
  bool isExporting() const { return exportJob_ != 0; }

  // Pre-annotation. Both ask before they touch an existing file and report what they wrote.
  inference::PreAnnotationOptions preAnnotationOptions() const;
  bool preAnnotateCurrentImage();
  bool preAnnotateUnannotatedImages();
  void cancelPreAnnotation();
  bool isPreAnnotating() const { return preJob_ != 0; }
  // Puts back the files the last pre-annotation wrote, as they were (removed when it created them); files edited
  // since are left alone. Returns how many were put back.
  int undoLastPreAnnotation();
  void openLastPreAnnotationInAnnotate();
  const std::vector<PreAnnotatedFile>& lastPreAnnotation() const { return lastPreAnnotation_; }

  void setQuestions(InferQuestions questions) { questions_ = std::move(questions); }

  FrameView* frameView() const { return view_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  Filmstrip* filmstrip() const { return filmstrip_; }
  QSlider* thresholdSlider() const { return threshold_; }
  QSlider* seekSlider() const { return seek_; }
  QComboBox* cameraChooser() const { return camera_; }
  QString messageText() const;
  QString statisticsText() const;
  QString logText() const;
  QAction* action(const QString& name) const { return actions_.value(name); }

signals:
  void modelLoaded(const QString& summary);
  void modelLoadFailed(const QString& message);
  void frameShown(long frameIndex);
  void sourceFailed(const QString& message);
  void cameraStopped();
  void exportFinished(bool ok, const QString& message, long framesWritten);
  void preAnnotationFinished(int filesWritten);

private:
  static constexpr int kThresholdSteps = 100; // the score slider's range: 0.00 ... 1.00

  void buildPage();
  QWidget* buildSidePanel();
  QWidget* buildVideoBar();
  QWidget* buildProgressRow();
  QAction* addAction(ActionRegistry& registry, const QString& name, const QString& text, const QKeySequence& shortcut,
                     const QString& tip, bool needsSource);
  void buildMenuAndToolBar();
  void fillMenu(bool active);
  void connectWorker();
  void updateActions();

  void leaveSource(); // stops the camera and playback, hides the video bar and filmstrip
  void showImageOfFolder(const QString& path);
  void requestStill();
  void requestVideoFrame(long index);
  void requestNextPlaybackFrame();
  void onFrameReady(const FrameResult& result);
  void onVideoOpened(const VideoInfo& info);
  void redraw();
  void updateStatistics();
  void showProblem(const QString& message);
  void showInfo(const QString& message);
  void log(const QString& line);
  void onModelLoaded(const ModelInfo& info);
  void onPreAnnotationFinished(const PreAnnotationSummary& summary);
  void startPreAnnotation(const QStringList& images, inference::ExistingAnnotationPolicy policy,
                          const QString& openTarget);
  void onMessageLink(const QString& link);

  // Dialog-driven action handlers.
  void openImageDialog();
  void openFolderDialog();
  void openVideoDialog();
  void saveFrameDialog();
  void exportVideoDialog();

  InferenceWorker* worker_;
  QString runsFolder_;
  bool shownBefore_ = false;
  InferQuestions questions_;
  QHash<QString, QAction*> actions_;

  QPointer<QWidget> page_;
  QPointer<QToolBar> toolBar_;
  QPointer<QMenu> menu_;
  FrameView* view_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  Filmstrip* filmstrip_ = nullptr;
  QWidget* videoBar_ = nullptr;
  QSlider* seek_ = nullptr;
  QLabel* frameLabel_ = nullptr;
  QDoubleSpinBox* fps_ = nullptr;
  QComboBox* camera_ = nullptr;
  QSlider* threshold_ = nullptr;
  QLabel* thresholdLabel_ = nullptr;
  QDoubleSpinBox* tolerance_ = nullptr;
  QSpinBox* minimumArea_ = nullptr;
  QCheckBox* embedImage_ = nullptr;
  QLabel* statistics_ = nullptr;
  QLabel* message_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QWidget* progressRow_ = nullptr;
  QLabel* progressLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;

  ModelInfo model_;
  qint64 modelJob_ = 0;
  InferSource source_ = InferSource::None;
  QString imagePath_;
  QString cameraSource_;
  bool restartCamera_ = false; // after the model being loaded
  VideoInfo video_;
  qint64 videoOpenJob_ = 0;
  qint64 frameJob_ = 0;
  qint64 cameraJob_ = 0;
  qint64 exportJob_ = 0;
  qint64 preJob_ = 0;
  bool playing_ = false;
  QTimer playTimer_;
  QElapsedTimer requestClock_;
  long requestedFrame_ = -1;
  long shownFrame_ = -1;
  double thresholdOfShown_ = 1.0; // the predictor's threshold when the shown frame was predicted
  double thresholdOfRequest_ = 1.0;
  std::deque<qint64> shownTimes_; // ms on fpsClock_, for the playback rate
  QElapsedTimer fpsClock_;
  FrameResult shown_;
  cv::Mat drawn_;
  int shownDetections_ = 0;
  std::vector<PreAnnotatedFile> lastPreAnnotation_;
  QString lastPreAnnotationTarget_;
};

} // namespace polytrain::ui::infer
