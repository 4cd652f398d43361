#include "core/inference/video_pipeline.h"

#include "core/common/text.h"
#include "core/inference/bounded_queue.h"
#include "core/inference/frame_source.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <opencv2/videoio.hpp>
#include <thread>

namespace polytrain::inference {
namespace {

constexpr size_t kQueueDepth = 4;

int fourccFor(const std::string& path) {
  const std::string extension = lowerExtension(path);
  if (extension == ".avi")
    return cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
  if (extension == ".mkv" || extension == ".webm")
    return cv::VideoWriter::fourcc('V', 'P', '8', '0');
  return cv::VideoWriter::fourcc('m', 'p', '4', 'v');
}

} // namespace

std::variant<VideoResult, Error> annotateVideo(const VideoJob& job, Predictor& predictor,
                                               const std::function<void(const VideoProgress&)>& onProgress,
                                               const std::atomic<bool>& stop, bool keepPredictions) {
  auto opened = openVideoFile(job.inputPath);
  if (auto* error = std::get_if<Error>(&opened))
    return *error;
  std::unique_ptr<FrameSource> source = std::move(std::get<std::unique_ptr<FrameSource>>(opened));
  const std::string extension = lowerExtension(job.outputPath);
  if (extension != ".mp4" && extension != ".avi" && extension != ".mkv" && extension != ".webm" && extension != ".mov")
    return Error{job.outputPath, "", "unsupported output format \"" + extension + "\" (use .mp4, .avi or .mkv)"};
  const std::filesystem::path outputFolder = std::filesystem::path(job.outputPath).parent_path();
  std::error_code fsError;
  if (!outputFolder.empty() && !std::filesystem::is_directory(outputFolder, fsError))
    return Error{job.outputPath, "", "the output folder does not exist"};

  const double rate = job.framesPerSecond > 0 ? job.framesPerSecond
                                              : (source->framesPerSecond() > 0 ? source->framesPerSecond() : 25.0);
  VideoProgress progress;
  progress.framesTotal = source->frameCount();
  VideoResult result;
  const auto start = std::chrono::steady_clock::now();

  BoundedQueue<cv::Mat> decoded(kQueueDepth);
  BoundedQueue<cv::Mat> rendered(kQueueDepth);
  std::atomic<bool> failed{false};
  std::string writerProblem;

  std::thread decoder([&] {
    cv::Mat frame;
    while (!stop.load() && !failed.load() && source->read(frame)) {
      ++result.framesRead;
      if (!decoded.push(frame.clone()))
        break;
    }
    decoded.close();
  });

  std::thread encoder([&] {
    cv::VideoWriter writer;
    while (auto frame = rendered.pop()) {
      if (!writer.isOpened()) {
        writer.open(job.outputPath, fourccFor(job.outputPath), rate, frame->size(), /*isColor=*/true);
        if (!writer.isOpened()) {
          writerProblem = "cannot write the video (no encoder for this format, or the folder is not writable)";
          failed.store(true);
          decoded.close();
          break;
        }
      }
      writer.write(*frame);
      ++result.framesWritten;
    }
    rendered.close();
    writer.release();
  });

  const size_t classCount = predictor.classNames().size();
  while (auto frame = decoded.pop()) {
    Prediction prediction = predictor.predict(*frame);
    drawOverlay(*frame, prediction, job.overlay, classCount);
    if (keepPredictions)
      result.predictions.push_back(std::move(prediction));
    if (!rendered.push(std::move(*frame)))
      break;
    ++progress.framesDone;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.framesPerSecond = seconds > 0 ? static_cast<double>(progress.framesDone) / seconds : 0;
    if (onProgress)
      onProgress(progress);
  }
  rendered.close();
  decoded.close();
  decoder.join();
  encoder.join();

  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.stopped = stop.load();
  if (failed.load())
    return Error{job.outputPath, "", writerProblem};
  if (result.framesRead == 0 && !result.stopped) // OpenCV "opens" some non-videos (a JPEG as an image sequence)
    return Error{job.inputPath, "", "cannot decode the video (no frame could be read)"};
  return result;
}

} // namespace polytrain::inference
