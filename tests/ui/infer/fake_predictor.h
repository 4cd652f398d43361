#pragma once
// A Predictor without a model, for the Infer mode's tests: on every image it "detects" a filled circle (class 1,
// "circle", score 0.9) in the left half and a filled square (class 2, "square", score 0.4) in the right half,
// with masks at the image's resolution, and drops those under its score threshold like the real one.
#include "core/inference/predictor.h"
#include "ui/infer/inference_worker.h"

#include <atomic>
#include <memory>

namespace polytrain::fakes {

struct FakeModelStats {
  std::atomic<int> started{0};     ///< predict() calls begun
  std::atomic<int> predictions{0}; ///< predict() calls finished
  std::atomic<int> loads{0};
  std::atomic<int> delayMilliseconds{0}; ///< each predict() sleeps this long (a slow model)
  std::atomic<double> lastThreshold{-1};
};

class FakePredictor : public inference::Predictor {
public:
  FakePredictor(inference::PredictorOptions options, std::shared_ptr<FakeModelStats> stats);

  inference::Prediction predict(const cv::Mat& image) override;
  const std::string& modelName() const override { return name_; }
  const std::vector<std::string>& classNames() const override { return classes_; }
  bool predictsMasks() const override { return true; }
  std::string deviceName() const override { return "cpu"; }
  const inference::PredictorOptions& options() const override { return options_; }
  void setScoreThreshold(double threshold) override;

  // Where the detections are on a width x height image.
  static cv::Point circleCentre(int width, int height) { return {width / 4, height / 2}; }
  static int circleRadius(int width, int height) { return std::min(width, height) / 5; }
  static cv::Rect square(int width, int height) {
    const int side = std::min(width, height) / 3;
    return {width * 3 / 4 - side / 2, height / 2 - side / 2, side, side};
  }

private:
  inference::PredictorOptions options_;
  std::shared_ptr<FakeModelStats> stats_;
  std::string name_ = "fake_maskrcnn";
  std::vector<std::string> classes_ = {"circle", "square"};
};

// A loader for InferMode: "missing.pt" fails the way a missing file does, anything else gives a FakePredictor.
ui::infer::PredictorLoader fakeLoader(std::shared_ptr<FakeModelStats> stats);

} // namespace polytrain::fakes
