#pragma once
// A Predictor without a model, for pipeline tests: every image gets the same detections (a filled circle of class 1
// with its box), optionally after a delay that stands for the model's time.
#include "core/inference/predictor.h"

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace polytrain::testing {

class FakePredictor final : public inference::Predictor {
public:
  explicit FakePredictor(std::chrono::milliseconds delay = std::chrono::milliseconds(0)) : delay_(delay) {
    options_.modelName = "fake";
  }

  inference::Prediction predict(const cv::Mat& image) override {
    if (beforePredict)
      beforePredict(image);
    std::this_thread::sleep_for(delay_);
    ++calls;
    inference::Prediction prediction;
    prediction.imageWidth = image.cols;
    prediction.imageHeight = image.rows;
    inference::Instance instance;
    instance.label = 1;
    instance.className = classes_[0];
    instance.score = 0.9f;
    const int radius = std::max(2, std::min(image.cols, image.rows) / 6);
    const cv::Point centre(image.cols / 3, image.rows / 2);
    instance.mask = cv::Mat1b::zeros(image.rows, image.cols);
    cv::circle(instance.mask, centre, radius, cv::Scalar(255), cv::FILLED);
    instance.box = cv::Rect2f(static_cast<float>(centre.x - radius), static_cast<float>(centre.y - radius),
                              2.0f * radius + 1, 2.0f * radius + 1);
    if (instance.score >= options_.scoreThreshold)
      prediction.instances.push_back(instance);
    return prediction;
  }
  const std::string& modelName() const override { return options_.modelName; }
  const std::vector<std::string>& classNames() const override { return classes_; }
  bool predictsMasks() const override { return true; }
  std::string deviceName() const override { return "cpu"; }
  const inference::PredictorOptions& options() const override { return options_; }
  void setScoreThreshold(double threshold) override { options_.scoreThreshold = threshold; }

  std::function<void(const cv::Mat&)> beforePredict;
  std::atomic<long> calls{0};

private:
  std::chrono::milliseconds delay_;
  inference::PredictorOptions options_;
  std::vector<std::string> classes_{"circle", "square"};
};

} // namespace polytrain::testing
