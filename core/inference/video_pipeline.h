#pragma once
// Video file in, annotated video out: decoding, inference and encoding run on three threads joined by short
// bounded queues, so they overlap; every input frame becomes one output frame, in order.
#include "core/common/error.h"
#include "core/inference/overlay_renderer.h"
#include "core/inference/predictor.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::inference {

struct VideoJob {
  std::string inputPath;
  std::string outputPath;     ///< .mp4 (mp4v), .avi (MJPG) or .mkv; the folder must exist
  double framesPerSecond = 0; ///< 0: the input's rate
  OverlayOptions overlay;
};

struct VideoProgress {
  long framesDone = 0;
  long framesTotal = -1; ///< -1 when the container does not say
  double framesPerSecond = 0;
};

struct VideoResult {
  long framesRead = 0;
  long framesWritten = 0;
  double seconds = 0;
  bool stopped = false;
  std::vector<Prediction> predictions; ///< one per frame when keepPredictions
};

/// Runs the whole job on the calling thread (plus two helpers). onProgress is called from the calling thread.
/// Errors (unreadable input, unwritable output) name the file.
std::variant<VideoResult, Error> annotateVideo(const VideoJob& job, Predictor& predictor,
                                               const std::function<void(const VideoProgress&)>& onProgress,
                                               const std::atomic<bool>& stop, bool keepPredictions = false);

} // namespace polytrain::inference
