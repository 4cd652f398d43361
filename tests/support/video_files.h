#pragma once
// Counting what a video file really holds, by decoding it (the container's frame count can be missing or wrong).
#include <opencv2/core/mat.hpp>
#include <opencv2/videoio.hpp>
#include <string>

namespace polytrain::testing {

inline long countVideoFrames(const std::string& path) {
  cv::VideoCapture capture(path);
  long frames = 0;
  cv::Mat frame;
  while (capture.read(frame))
    ++frames;
  return frames;
}

} // namespace polytrain::testing
