#include "core/inference/frame_source.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <opencv2/videoio.hpp>
#include <thread>

namespace polytrain::inference {
namespace {

bool isCameraIndex(const std::string& text) {
  return !text.empty() && text.size() <= 3 && std::all_of(text.begin(), text.end(), ::isdigit);
}

class CaptureSource final : public FrameSource {
public:
  CaptureSource(std::unique_ptr<cv::VideoCapture> capture, std::string description, bool live)
      : capture_(std::move(capture)), description_(std::move(description)), live_(live) {}

  bool read(cv::Mat& frame) override { return capture_->read(frame) && !frame.empty(); }
  double framesPerSecond() const override {
    const double rate = capture_->get(cv::CAP_PROP_FPS);
    return rate > 0 && rate < 1000 ? rate : 0;
  }
  long frameCount() const override {
    if (live_)
      return -1;
    const double count = capture_->get(cv::CAP_PROP_FRAME_COUNT);
    return count > 0 ? static_cast<long>(count) : -1;
  }
  std::string description() const override { return description_; }

private:
  std::unique_ptr<cv::VideoCapture> capture_;
  std::string description_;
  bool live_;
};

class GeneratedSource final : public FrameSource {
public:
  GeneratedSource(std::function<bool(long, cv::Mat&)> make, double pace, long count)
      : make_(std::move(make)), pace_(pace), count_(count), start_(std::chrono::steady_clock::now()) {}

  bool read(cv::Mat& frame) override {
    if (count_ >= 0 && next_ >= count_)
      return false;
    if (pace_ > 0) // a live camera delivers frame n at n / fps seconds, however slowly it is read
      std::this_thread::sleep_until(start_ + std::chrono::duration<double>(static_cast<double>(next_) / pace_));
    return make_(next_++, frame);
  }
  double framesPerSecond() const override { return pace_; }
  long frameCount() const override { return count_; }
  std::string description() const override { return "generated frames"; }

private:
  std::function<bool(long, cv::Mat&)> make_;
  double pace_;
  long count_;
  long next_ = 0;
  std::chrono::steady_clock::time_point start_;
};

class RealTimeSource final : public FrameSource {
public:
  RealTimeSource(std::unique_ptr<FrameSource> inner, double rate)
      : inner_(std::move(inner)), rate_(rate > 0 ? rate : 30.0), start_(std::chrono::steady_clock::now()) {}

  bool read(cv::Mat& frame) override {
    // The frame a camera would be showing now; the ones it showed while nobody looked are gone.
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const long due = static_cast<long>(elapsed * rate_);
    while (position_ < due) {
      if (!inner_->read(frame))
        return false;
      ++position_;
    }
    std::this_thread::sleep_until(start_ + std::chrono::duration<double>(static_cast<double>(position_) / rate_));
    if (!inner_->read(frame))
      return false;
    ++position_;
    return true;
  }
  double framesPerSecond() const override { return rate_; }
  long frameCount() const override { return -1; }
  std::string description() const override { return inner_->description() + " (real time)"; }

private:
  std::unique_ptr<FrameSource> inner_;
  double rate_;
  long position_ = 0;
  std::chrono::steady_clock::time_point start_;
};

} // namespace

std::unique_ptr<FrameSource> makeRealTimeSource(std::unique_ptr<FrameSource> inner, double framesPerSecond) {
  return std::make_unique<RealTimeSource>(std::move(inner), framesPerSecond);
}

std::variant<std::unique_ptr<FrameSource>, Error> openCamera(const std::string& source) {
  auto capture = std::make_unique<cv::VideoCapture>();
  bool opened = false;
  try {
    if (isCameraIndex(source))
      opened = capture->open(std::stoi(source));
    else
      opened = capture->open(source);
  } catch (const cv::Exception& error) {
    return Error{source, "", std::string("cannot open the camera: ") + error.what()};
  }
  if (!opened || !capture->isOpened()) {
    const std::string hint = isCameraIndex(source) ? " (no camera with this index; is one connected, and may this "
                                                     "user read /dev/video" +
                                                         source + "?)"
                                                   : "";
    return Error{isCameraIndex(source) ? "camera " + source : source, "", "cannot open the camera" + hint};
  }
  auto camera = std::make_unique<CaptureSource>(std::move(capture), isCameraIndex(source) ? "camera " + source : source,
                                                /*live=*/true);
  std::error_code error;
  if (std::filesystem::is_regular_file(source, error)) { // a recorded clip plays as the camera would have sent it
    const double rate = camera->framesPerSecond() > 0 ? camera->framesPerSecond() : 30.0;
    return makeRealTimeSource(std::move(camera), rate);
  }
  return std::unique_ptr<FrameSource>(std::move(camera));
}

std::variant<std::unique_ptr<FrameSource>, Error> openVideoFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    return Error{path, "", "no such video file"};
  auto capture = std::make_unique<cv::VideoCapture>();
  bool opened = false;
  try {
    opened = capture->open(path);
  } catch (const cv::Exception& failure) {
    return Error{path, "", std::string("cannot decode the video: ") + failure.what()};
  }
  if (!opened || !capture->isOpened())
    return Error{path, "", "cannot decode the video (not a video file, or no decoder for its format)"};
  return std::unique_ptr<FrameSource>(std::make_unique<CaptureSource>(std::move(capture), path, /*live=*/false));
}

std::unique_ptr<FrameSource> makeGeneratedSource(std::function<bool(long index, cv::Mat& frame)> make,
                                                 double paceFramesPerSecond, long frameCount) {
  return std::make_unique<GeneratedSource>(std::move(make), paceFramesPerSecond, frameCount);
}

} // namespace polytrain::inference
