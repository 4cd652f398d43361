#include "fake_predictor.h"

#include <opencv2/imgproc.hpp>

#include <chrono>
#include <thread>

namespace polytrain::fakes {

FakePredictor::FakePredictor(inference::PredictorOptions options, std::shared_ptr<FakeModelStats> stats)
    : options_(std::move(options)), stats_(std::move(stats)) {
  stats_->lastThreshold = options_.scoreThreshold;
}

void FakePredictor::setScoreThreshold(double threshold) {
  options_.scoreThreshold = threshold;
  stats_->lastThreshold = threshold;
}

inference::Prediction FakePredictor::predict(const cv::Mat& image) {
  ++stats_->started;
  if (const int delay = stats_->delayMilliseconds.load(); delay > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  ++stats_->predictions;
  inference::Prediction prediction;
  prediction.imageWidth = image.cols;
  prediction.imageHeight = image.rows;
  prediction.inferenceMilliseconds = 1.5;

  inference::Instance circle;
  circle.label = 1;
  circle.className = "circle";
  circle.score = 0.9f;
  circle.mask = cv::Mat1b(image.rows, image.cols, uchar(0));
  cv::circle(circle.mask, circleCentre(image.cols, image.rows), circleRadius(image.cols, image.rows), cv::Scalar(255),
             cv::FILLED);
  circle.box = cv::Rect2f(cv::boundingRect(circle.mask));

  inference::Instance box;
  box.label = 2;
  box.className = "square";
  box.score = 0.4f;
  box.mask = cv::Mat1b(image.rows, image.cols, uchar(0));
  cv::rectangle(box.mask, square(image.cols, image.rows), cv::Scalar(255), cv::FILLED);
  box.box = cv::Rect2f(cv::boundingRect(box.mask));

  for (inference::Instance* instance : {&circle, &box})
    if (instance->score >= options_.scoreThreshold)
      prediction.instances.push_back(std::move(*instance));
  return prediction;
}

ui::infer::PredictorLoader fakeLoader(std::shared_ptr<FakeModelStats> stats) {
  return [stats](
             const inference::PredictorOptions& options) -> std::variant<std::unique_ptr<inference::Predictor>, Error> {
    if (options.weightsPath == "missing.pt")
      return Error{"missing.pt", "", "no such file"};
    ++stats->loads;
    return std::make_unique<FakePredictor>(options, stats);
  };
}

} // namespace polytrain::fakes
