#include "ui/infer/inference_worker.h"

#include "core/annotation/image_loading.h"
#include "core/common/atomic_file.h"

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace polytrain::ui::infer {

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

QString fromStd(const std::string& text) {
  return QString::fromStdString(text);
}

// An image file as Labelme shows it (EXIF turn applied), or the reason it cannot be read.
std::variant<cv::Mat, QString> readImage(const QString& path) {
  std::string bytes;
  if (std::optional<Error> error = readWholeFile(path.toStdString(), bytes))
    return fromStd(error->message());
  cv::Mat image = annotation::decodeImageBytes(bytes, true);
  if (image.empty())
    return InferenceWorker::tr("%1: not an image this program can decode").arg(path);
  return image;
}

} // namespace

void registerInferenceMetaTypes() {
  qRegisterMetaType<ModelInfo>();
  qRegisterMetaType<FrameResult>();
  qRegisterMetaType<VideoInfo>();
  qRegisterMetaType<PreAnnotationSummary>();
  qRegisterMetaType<inference::CameraRunStats>();
}

// The loaded model (or none: frames then pass through without detections) with the score threshold the GUI last
// asked for applied before every prediction, also inside the camera loop and the video export.
class InferenceWorker::ActivePredictor final : public inference::Predictor {
public:
  ActivePredictor(std::unique_ptr<inference::Predictor> inner, const std::atomic<double>& threshold)
      : inner_(std::move(inner)), threshold_(threshold) {}

  bool hasModel() const { return inner_ != nullptr; }

  inference::Prediction predict(const cv::Mat& image) override {
    if (!inner_) {
      inference::Prediction none;
      none.imageWidth = image.cols;
      none.imageHeight = image.rows;
      return none;
    }
    const double wanted = threshold_.load();
    if (wanted != applied_) {
      inner_->setScoreThreshold(wanted);
      applied_ = wanted;
    }
    return inner_->predict(image);
  }
  const std::string& modelName() const override { return inner_ ? inner_->modelName() : empty_; }
  const std::vector<std::string>& classNames() const override { return inner_ ? inner_->classNames() : noClasses_; }
  bool predictsMasks() const override { return inner_ && inner_->predictsMasks(); }
  std::string deviceName() const override { return inner_ ? inner_->deviceName() : std::string(); }
  const inference::PredictorOptions& options() const override { return inner_ ? inner_->options() : noOptions_; }
  void setScoreThreshold(double threshold) override {
    if (inner_)
      inner_->setScoreThreshold(threshold);
    applied_ = threshold;
  }

private:
  std::unique_ptr<inference::Predictor> inner_;
  const std::atomic<double>& threshold_;
  double applied_ = -1;
  std::string empty_;
  std::vector<std::string> noClasses_;
  inference::PredictorOptions noOptions_;
};

struct InferenceWorker::VideoState {
  cv::VideoCapture capture;
  QString path;
  long next = 0; // the frame the next read() returns
};

InferenceWorker::InferenceWorker(PredictorLoader loader, QObject* parent)
    : QObject(parent), loader_(std::move(loader)), context_(new QObject),
      predictor_(std::make_unique<ActivePredictor>(nullptr, threshold_)) {
  registerInferenceMetaTypes();
  thread_.setObjectName("InferenceWorker");
  context_->moveToThread(&thread_);
  thread_.start();
}

InferenceWorker::~InferenceWorker() {
  latestCameraJob_ = -1;
  latestFrameJob_ = -1;
  stopCamera_ = true;
  stopExport_ = true;
  stopPreAnnotation_ = true;
  thread_.quit();
  thread_.wait();
  delete context_;
}

void InferenceWorker::post(std::function<void()> work) {
  QMetaObject::invokeMethod(context_, std::move(work), Qt::QueuedConnection);
}

void InferenceWorker::setScoreThreshold(double threshold) {
  threshold_ = threshold;
}

qint64 InferenceWorker::loadModel(const inference::PredictorOptions& options) {
  const qint64 job = nextJob_++;
  post([this, job, options] {
    if (!loader_) {
      emit modelFailed(job, tr("this studio was built without a model loader"));
      return;
    }
    inference::PredictorOptions wanted = options;
    wanted.scoreThreshold = threshold_.load();
    auto loaded = loader_(wanted);
    if (auto* error = std::get_if<Error>(&loaded)) {
      emit modelFailed(job, fromStd(error->message()));
      return;
    }
    predictor_ = std::make_unique<ActivePredictor>(std::move(std::get<std::unique_ptr<inference::Predictor>>(loaded)),
                                                   threshold_);
    ModelInfo info;
    info.job = job;
    info.modelName = fromStd(predictor_->modelName());
    for (const std::string& name : predictor_->classNames())
      info.classNames << fromStd(name);
    info.masks = predictor_->predictsMasks();
    info.device = fromStd(predictor_->deviceName());
    info.weightsPath = fromStd(options.weightsPath);
    emit modelLoaded(info);
  });
  return job;
}

qint64 InferenceWorker::predictImage(const QString& path) {
  const qint64 job = nextJob_++;
  latestFrameJob_ = job;
  post([this, job, path] {
    if (job != latestFrameJob_.load())
      return; // another frame was asked for since
    const auto start = std::chrono::steady_clock::now();
    auto image = readImage(path);
    if (auto* problem = std::get_if<QString>(&image)) {
      emit frameFailed(job, *problem);
      return;
    }
    FrameResult result;
    result.job = job;
    result.origin = FrameOrigin::Image;
    result.source = path;
    result.frame = std::get<cv::Mat>(image);
    result.prediction = predictor_->predict(result.frame);
    result.latencyMilliseconds = millisecondsSince(start);
    emit frameReady(result);
  });
  return job;
}

qint64 InferenceWorker::openVideo(const QString& path) {
  const qint64 job = nextJob_++;
  latestFrameJob_ = job;
  post([this, job, path] {
    auto state = std::make_unique<VideoState>();
    state->path = path;
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(path.toStdString(), ignored)) {
      emit videoFailed(job, tr("%1: no such file").arg(path));
      return;
    }
    if (!state->capture.open(path.toStdString()) || !state->capture.isOpened()) {
      emit videoFailed(job, tr("%1: cannot decode this video").arg(path));
      return;
    }
    VideoInfo info;
    info.job = job;
    info.path = path;
    info.frameCount = static_cast<long>(state->capture.get(cv::CAP_PROP_FRAME_COUNT));
    if (info.frameCount <= 0)
      info.frameCount = -1;
    info.framesPerSecond = state->capture.get(cv::CAP_PROP_FPS);
    info.width = static_cast<int>(state->capture.get(cv::CAP_PROP_FRAME_WIDTH));
    info.height = static_cast<int>(state->capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    video_ = std::move(state);
    emit videoOpened(info);
  });
  return job;
}

qint64 InferenceWorker::predictVideoFrame(long index) {
  const qint64 job = nextJob_++;
  latestFrameJob_ = job;
  post([this, job, index] {
    if (job != latestFrameJob_.load())
      return;
    if (!video_) {
      emit frameFailed(job, tr("no video is open"));
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    if (index != video_->next) {
      video_->capture.set(cv::CAP_PROP_POS_FRAMES, static_cast<double>(index));
      video_->next = index;
    }
    FrameResult result;
    if (!video_->capture.read(result.frame) || result.frame.empty()) {
      emit videoEnded(job, index);
      return;
    }
    ++video_->next;
    result.job = job;
    result.origin = FrameOrigin::VideoFile;
    result.source = video_->path;
    result.frameIndex = index;
    result.prediction = predictor_->predict(result.frame);
    result.latencyMilliseconds = millisecondsSince(start);
    emit frameReady(result);
  });
  return job;
}

qint64 InferenceWorker::startCamera(const QString& source) {
  const qint64 job = nextJob_++;
  latestCameraJob_ = job;
  stopCamera_ = false;
  {
    std::lock_guard<std::mutex> lock(liveMutex_);
    liveReplaced_ = 0;
  }
  post([this, job, source] {
    if (job != latestCameraJob_.load() || stopCamera_.load())
      return;
    auto opened = inference::openCamera(source.toStdString());
    if (auto* error = std::get_if<Error>(&opened)) {
      emit cameraFailed(job, fromStd(error->message()));
      return;
    }
    std::unique_ptr<inference::FrameSource> camera =
        std::move(std::get<std::unique_ptr<inference::FrameSource>>(opened));
    const QString description = fromStd(camera->description());
    emit cameraStarted(job, description);
    const inference::CameraRunStats stats = inference::runLivePipeline(
        *camera, *predictor_,
        [this, job, &description](const inference::LiveFrame& live) {
          if (job != latestCameraJob_.load())
            return false;
          FrameResult result;
          result.job = job;
          result.origin = FrameOrigin::Camera;
          result.source = description;
          result.frame = live.frame.clone();
          result.prediction = live.prediction;
          result.frameIndex = live.frameIndex;
          result.latencyMilliseconds = live.latencyMilliseconds;
          result.framesPerSecond = live.framesPerSecond;
          result.dropped = live.dropped;
          postLive(std::move(result));
          return true;
        },
        stopCamera_);
    emit cameraStopped(job, stats);
  });
  return job;
}

void InferenceWorker::stopCamera() {
  stopCamera_ = true;
}

void InferenceWorker::postLive(FrameResult result) {
  std::lock_guard<std::mutex> lock(liveMutex_);
  if (liveNewest_)
    ++liveReplaced_; // the GUI had not shown the previous one yet: it is dropped, not queued
  liveNewest_ = std::move(result);
  if (!liveScheduled_) {
    liveScheduled_ = true;
    QMetaObject::invokeMethod(
        this, [this] { deliverLive(); }, Qt::QueuedConnection);
  }
}

void InferenceWorker::deliverLive() {
  FrameResult result;
  {
    std::lock_guard<std::mutex> lock(liveMutex_);
    liveScheduled_ = false;
    if (!liveNewest_)
      return;
    result = std::move(*liveNewest_);
    liveNewest_.reset();
    result.dropped += liveReplaced_;
  }
  emit frameReady(result);
}

qint64 InferenceWorker::exportVideo(const inference::VideoJob& videoJob) {
  const qint64 job = nextJob_++;
  stopExport_ = false;
  post([this, job, videoJob] {
    if (!predictor_->hasModel()) {
      emit exportFinished(job, false, tr("load a model first"), 0);
      return;
    }
    auto done = inference::annotateVideo(
        videoJob, *predictor_,
        [this, job](const inference::VideoProgress& progress) {
          emit exportProgress(job, progress.framesDone, progress.framesTotal);
        },
        stopExport_);
    if (auto* error = std::get_if<Error>(&done)) {
      emit exportFinished(job, false, fromStd(error->message()), 0);
      return;
    }
    const inference::VideoResult& result = std::get<inference::VideoResult>(done);
    if (result.stopped)
      emit exportFinished(job, false, tr("stopped after %n frame(s)", nullptr, static_cast<int>(result.framesWritten)),
                          result.framesWritten);
    else
      emit exportFinished(job, true, fromStd(videoJob.outputPath), result.framesWritten);
  });
  return job;
}

void InferenceWorker::cancelExport() {
  stopExport_ = true;
}

qint64 InferenceWorker::preAnnotate(const QStringList& images, const inference::PreAnnotationOptions& options,
                                    double minimumScore) {
  const qint64 job = nextJob_++;
  stopPreAnnotation_ = false;
  post([this, job, images, options, minimumScore] {
    PreAnnotationSummary summary;
    summary.job = job;
    if (!predictor_->hasModel()) {
      for (const QString& image : images) {
        PreAnnotatedFile file;
        file.imagePath = image;
        file.problem = tr("no model is loaded");
        summary.files.push_back(file);
      }
      emit preAnnotationFinished(summary);
      return;
    }
    for (int i = 0; i < images.size(); ++i) {
      if (stopPreAnnotation_.load()) {
        summary.stopped = true;
        break;
      }
      PreAnnotatedFile file;
      file.imagePath = images[i];
      const std::string jsonPath = inference::labelmeJsonPathFor(images[i].toStdString());
      file.jsonPath = fromStd(jsonPath);
      auto image = readImage(images[i]);
      if (auto* problem = std::get_if<QString>(&image)) {
        file.problem = *problem;
      } else {
        inference::Prediction prediction = predictor_->predict(std::get<cv::Mat>(image));
        auto& instances = prediction.instances;
        instances.erase(std::remove_if(instances.begin(), instances.end(),
                                       [&](const inference::Instance& x) { return x.score < minimumScore; }),
                        instances.end());
        if (instances.empty()) {
          file.nothingDetected = true;
          file.problem = tr("nothing detected");
        } else {
          std::string before;
          std::error_code ignored;
          if (std::filesystem::exists(jsonPath, ignored) && !readWholeFile(jsonPath, before))
            file.before = before;
          auto written = inference::writePreAnnotation(images[i].toStdString(), prediction, options, jsonPath);
          if (auto* error = std::get_if<Error>(&written)) {
            file.problem = fromStd(error->message());
          } else {
            const auto& result = std::get<inference::PreAnnotationResult>(written);
            if (result.outcome == inference::PreAnnotationOutcome::SkippedExisting) {
              file.problem = tr("already annotated; left as it is");
            } else {
              file.outcome = result.outcome;
              file.shapes = result.shapesWritten;
              readWholeFile(jsonPath, file.after);
            }
          }
        }
      }
      summary.files.push_back(std::move(file));
      emit preAnnotationProgress(job, i + 1, static_cast<int>(images.size()), images[i]);
    }
    emit preAnnotationFinished(summary);
  });
  return job;
}

void InferenceWorker::cancelPreAnnotation() {
  stopPreAnnotation_ = true;
}

} // namespace polytrain::ui::infer
