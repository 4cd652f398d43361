#pragma once
// Where frames come from: a camera (device index, device path or stream URL), a video file, or frames a test makes.
// The camera pipeline and the Infer mode read through this interface, so tests feed them without a camera.
#include "core/common/error.h"

#include <opencv2/core/mat.hpp>

#include <functional>
#include <memory>
#include <string>
#include <variant>

namespace polytrain::inference {

class FrameSource {
public:
  virtual ~FrameSource() = default;
  /// Blocks until the next frame; false at the end of the stream or when the device is gone.
  virtual bool read(cv::Mat& frame) = 0;
  /// Frames per second the source claims (0 when unknown).
  virtual double framesPerSecond() const = 0;
  /// Frame count for files, -1 for live sources.
  virtual long frameCount() const = 0;
  virtual std::string description() const = 0;
};

/// "0", "1", ... open that camera index; "/dev/video2" or "rtsp://..." open that; a video file plays in real time at
/// its own frame rate, as a camera would deliver it (see makeRealTimeSource). Errors name the source.
std::variant<std::unique_ptr<FrameSource>, Error> openCamera(const std::string& source);
/// A video file. Errors name the file ("cannot decode", "no such file", ...).
std::variant<std::unique_ptr<FrameSource>, Error> openVideoFile(const std::string& path);

/// Frames from a function (tests, synthetic input): `make(index, frame)` fills frame `index` and returns false to end.
/// `paceFramesPerSecond` > 0 makes read() wait like a live camera would (real time, frames made on demand).
std::unique_ptr<FrameSource> makeGeneratedSource(std::function<bool(long index, cv::Mat& frame)> make,
                                                 double paceFramesPerSecond, long frameCount = -1);

/// Reads `inner` no faster than `framesPerSecond` (a video file standing in for a camera: frame n is due at n / fps
/// seconds; frames that fall due while nobody reads are skipped, as a camera's would be).
std::unique_ptr<FrameSource> makeRealTimeSource(std::unique_ptr<FrameSource> inner, double framesPerSecond);

} // namespace polytrain::inference
