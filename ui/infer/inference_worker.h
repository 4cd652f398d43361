#pragma once
// Everything the Infer mode asks of a model runs here, on one background thread that owns the predictor: loading,
// predicting an image or a video frame, the live camera loop, exporting an annotated video and pre-annotating
// images. Each request gets a job id and its results come back as signals carrying that id, so the mode drops the
// answers to requests it has since replaced. Frame requests that were replaced before the thread got to them are
// skipped, and the camera delivers only its newest frame to the GUI thread: nothing queues up behind a slow model.
#include "core/inference/camera_pipeline.h"
#include "core/inference/pre_annotation.h"
#include "core/inference/predictor.h"
#include "core/inference/video_pipeline.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace polytrain::ui::infer {

using PredictorLoader =
    std::function<std::variant<std::unique_ptr<inference::Predictor>, Error>(const inference::PredictorOptions&)>;

struct ModelInfo {
  qint64 job = 0;
  QString modelName;
  QStringList classNames;
  bool masks = false;
  QString device;
  QString weightsPath;
};

enum class FrameOrigin { Image, VideoFile, Camera };

struct FrameResult {
  qint64 job = 0;
  FrameOrigin origin = FrameOrigin::Image;
  QString source; ///< the image file, the video file or the camera's description
  cv::Mat frame;  ///< BGR, as decoded (EXIF turn applied for images)
  inference::Prediction prediction;
  long frameIndex = 0;            ///< in the video or the camera's stream
  double latencyMilliseconds = 0; ///< camera: from capture to the end of prediction; else decoding + prediction
  double framesPerSecond = 0;     ///< camera only: predicted frames per second
  long dropped = 0;               ///< camera only: frames replaced before they were predicted or shown
};

struct VideoInfo {
  qint64 job = 0;
  QString path;
  long frameCount = -1;
  double framesPerSecond = 0;
  int width = 0;
  int height = 0;
};

struct PreAnnotatedFile {
  QString imagePath;
  QString jsonPath;
  std::optional<inference::PreAnnotationOutcome> outcome; ///< empty when nothing was written
  int shapes = 0;
  bool nothingDetected = false;
  QString problem;                   ///< why nothing was written (nothing detected, unreadable image, ...)
  std::optional<std::string> before; ///< the file's bytes before the write; empty when there was none
  std::string after;                 ///< the bytes written
};

struct PreAnnotationSummary {
  qint64 job = 0;
  std::vector<PreAnnotatedFile> files;
  bool stopped = false;
};

class InferenceWorker : public QObject {
  Q_OBJECT
public:
  explicit InferenceWorker(PredictorLoader loader, QObject* parent = nullptr);
  // Stops the camera, an export and a pre-annotation, and waits for the thread.
  ~InferenceWorker() override;

  // Each returns the job id its signals will carry. Call from the GUI thread.
  qint64 loadModel(const inference::PredictorOptions& options);
  qint64 predictImage(const QString& path);
  qint64 openVideo(const QString& path);
  qint64 predictVideoFrame(long index); // of the video last opened
  qint64 startCamera(const QString& source);
  void stopCamera();
  qint64 exportVideo(const inference::VideoJob& job);
  void cancelExport();
  // Predicts each image and writes its detections with at least `minimumScore` as Labelme shapes. Images with
  // nothing detected get no file.
  qint64 preAnnotate(const QStringList& images, const inference::PreAnnotationOptions& options, double minimumScore);
  void cancelPreAnnotation();

  // Applied before the next prediction, the camera's and an export's included.
  void setScoreThreshold(double threshold);
  double scoreThreshold() const { return threshold_.load(); }

signals:
  void modelLoaded(const polytrain::ui::infer::ModelInfo& info);
  void modelFailed(qint64 job, const QString& message);
  void frameReady(const polytrain::ui::infer::FrameResult& result);
  void frameFailed(qint64 job, const QString& message);
  void videoOpened(const polytrain::ui::infer::VideoInfo& info);
  void videoFailed(qint64 job, const QString& message);
  void videoEnded(qint64 job, long frameIndex); // frame `frameIndex` could not be read: the video ends before it
  void cameraStarted(qint64 job, const QString& description);
  void cameraFailed(qint64 job, const QString& message);
  void cameraStopped(qint64 job, const polytrain::inference::CameraRunStats& stats);
  void exportProgress(qint64 job, long framesDone, long framesTotal);
  void exportFinished(qint64 job, bool ok, const QString& message, long framesWritten);
  void preAnnotationProgress(qint64 job, int done, int total, const QString& imagePath);
  void preAnnotationFinished(const polytrain::ui::infer::PreAnnotationSummary& summary);

private:
  class ActivePredictor;
  struct VideoState;
  void post(std::function<void()> work);
  void postLive(FrameResult result); // any thread; the GUI thread gets the newest only
  void deliverLive();                // GUI thread

  PredictorLoader loader_;
  QThread thread_;
  QObject* context_; // lives on thread_; work is posted to it
  std::atomic<qint64> nextJob_{1};
  std::atomic<qint64> latestFrameJob_{0};
  std::atomic<qint64> latestCameraJob_{0};
  std::atomic<bool> stopCamera_{false};
  std::atomic<bool> stopExport_{false};
  std::atomic<bool> stopPreAnnotation_{false};
  std::atomic<double> threshold_{0.5};

  // Thread-owned (touched only by posted work).
  std::unique_ptr<ActivePredictor> predictor_;
  std::unique_ptr<VideoState> video_;

  std::mutex liveMutex_;
  std::optional<FrameResult> liveNewest_;
  bool liveScheduled_ = false;
  long liveReplaced_ = 0;
};

void registerInferenceMetaTypes();

} // namespace polytrain::ui::infer

Q_DECLARE_METATYPE(polytrain::ui::infer::ModelInfo)
Q_DECLARE_METATYPE(polytrain::ui::infer::FrameResult)
Q_DECLARE_METATYPE(polytrain::ui::infer::VideoInfo)
Q_DECLARE_METATYPE(polytrain::ui::infer::PreAnnotationSummary)
Q_DECLARE_METATYPE(polytrain::inference::CameraRunStats)
