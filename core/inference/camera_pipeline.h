#pragma once
// Live preview: one thread grabs frames as fast as the source gives them and keeps only the newest; the caller's
// thread predicts on whatever is newest when it is free, so the preview never lags behind the camera — stale frames
// are dropped and counted, not queued.
#include "core/inference/frame_source.h"
#include "core/inference/overlay_renderer.h"
#include "core/inference/predictor.h"

#include <atomic>
#include <functional>

namespace polytrain::inference {

struct LiveFrame {
  cv::Mat frame;                  ///< as captured
  Prediction prediction;          ///< on this frame
  long frameIndex = 0;            ///< index of the frame in the source's stream (gaps are dropped frames)
  long processed = 0;             ///< frames predicted so far, this one included
  long dropped = 0;               ///< frames the grabber replaced before they were predicted
  double framesPerSecond = 0;     ///< predicted frames per second over the last second or so
  double latencyMilliseconds = 0; ///< from capture to the end of prediction
};

struct CameraRunStats {
  long captured = 0;
  long processed = 0;
  long dropped = 0;
  double seconds = 0;
  double framesPerSecond = 0; ///< processed / seconds
  double meanLatencyMilliseconds = 0;
};

/// Runs until the source ends, `stop` becomes true, `maxFrames` (> 0) frames were processed, or onFrame returns
/// false. onFrame runs on the calling thread.
CameraRunStats runLivePipeline(FrameSource& source, Predictor& predictor,
                               const std::function<bool(const LiveFrame&)>& onFrame, const std::atomic<bool>& stop,
                               long maxFrames = 0);

} // namespace polytrain::inference
