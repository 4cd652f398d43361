#include "core/inference/model_benchmark.h"

#include "core/inference/checkpoint_build.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/runtime/system_report.h"
#include "core/runtime/torch_runtime.h"

#include <ATen/ATen.h>
#include <algorithm>
#include <c10/core/InferenceMode.h>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <torch/optim/adamw.h>
#include <torch/version.h>

namespace polytrain::inference {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty())
    return 0;
  const double position = fraction * static_cast<double>(sorted.size() - 1);
  const auto lower = static_cast<size_t>(std::floor(position));
  const size_t upper = std::min(lower + 1, sorted.size() - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - static_cast<double>(lower));
}

// A few boxes with rectangular masks spread over the image: enough for every loss term to be computed.
models::Target syntheticTarget(int64_t size, int64_t classes, int64_t seed) {
  const int64_t count = 3;
  models::Target target;
  target.boxes = at::empty({count, 4}, at::kFloat);
  target.labels = at::empty({count}, at::kLong);
  target.masks = at::zeros({count, size, size}, at::kByte);
  for (int64_t index = 0; index < count; ++index) {
    const int64_t x1 = (size / 8) * (index + 1) + seed % 7, y1 = (size / 10) * (index + 1);
    const int64_t x2 = std::min(size - 1, x1 + size / 3), y2 = std::min(size - 1, y1 + size / 4);
    target.boxes[index][0] = static_cast<float>(x1);
    target.boxes[index][1] = static_cast<float>(y1);
    target.boxes[index][2] = static_cast<float>(x2);
    target.boxes[index][3] = static_cast<float>(y2);
    target.labels[index] = 1 + (index + seed) % classes;
    target.masks[index].slice(0, y1, y2).slice(1, x1, x2).fill_(1);
  }
  return target;
}

} // namespace

TimingSummary summarise(std::vector<double> milliseconds) {
  TimingSummary summary;
  summary.iterations = static_cast<int>(milliseconds.size());
  if (milliseconds.empty())
    return summary;
  std::sort(milliseconds.begin(), milliseconds.end());
  double sum = 0;
  for (double value : milliseconds)
    sum += value;
  summary.meanMs = sum / static_cast<double>(milliseconds.size());
  summary.minMs = milliseconds.front();
  summary.maxMs = milliseconds.back();
  summary.medianMs = percentile(milliseconds, 0.5);
  summary.p10Ms = percentile(milliseconds, 0.1);
  summary.p90Ms = percentile(milliseconds, 0.9);
  return summary;
}

std::variant<BenchmarkResult, Error> runModelBenchmark(const BenchmarkOptions& options) {
  const std::string where = "bench " + options.model;
  if (options.size < 32 || options.size > 4096)
    return Error{where, "", "size must be 32..4096, got " + std::to_string(options.size)};
  if (options.iterations < 1 || options.warmup < 0 || options.batch < 1 || options.classes < 1)
    return Error{where, "", "iterations, batch and classes must be at least 1, warmup at least 0"};
  if (options.device != "cpu" && options.device.rfind("cuda", 0) != 0)
    return Error{where, "", "device \"" + options.device + "\": expected cpu, cuda or cuda:N"};

  BenchmarkResult result;
  result.options = options;
  try {
    const c10::Device device(options.device);
    at::manual_seed(static_cast<uint64_t>(options.seed));
    int64_t classes = options.classes;
    std::optional<models::CheckpointInfo> checkpoint;
    if (!options.weights.empty()) {
      try {
        checkpoint = models::read_checkpoint_info(options.weights);
        classes = static_cast<int64_t>(checkpoint->classes.size());
      } catch (const c10::Error&) {
        // a torchvision file
      }
    }
    models::DetectorOptions detectorOptions;
    if (checkpoint) {
      detectorOptions = detectorOptionsOfCheckpoint(*checkpoint, options.weights);
    } else {
      detectorOptions.name = options.model;
      detectorOptions.num_classes = classes + 1;
      detectorOptions.trainable_norm = options.weights.empty();
      if (!options.weights.empty())
        models::fit_options_to_weights(detectorOptions, options.weights);
    }
    detectorOptions.input_size = options.size;
    std::unique_ptr<models::Detector> detector = models::make_detector(detectorOptions);
    if (checkpoint)
      models::load_checkpoint(options.weights, *detector, nullptr);
    else if (!options.weights.empty())
      detector->import_torchvision_weights(options.weights);
    detector->module().to(device);

    const at::Tensor image = at::rand({3, options.size, options.size}).to(device);
    {
      detector->module().eval();
      c10::InferenceMode inference;
      std::vector<double> times;
      for (int run = 0; run < options.warmup + options.iterations; ++run) {
        const auto start = Clock::now();
        const models::Detection detection = detector->detect({image}).front();
        if (!device.is_cpu())
          (void)detection.scores.to(c10::kCPU); // waits for the GPU
        const double elapsed = millisecondsSince(start);
        if (run >= options.warmup)
          times.push_back(elapsed);
        result.detections = static_cast<int>(detection.scores.size(0));
      }
      result.inference = summarise(times);
      result.framesPerSecond = result.inference->medianMs > 0 ? 1000.0 / result.inference->medianMs : 0;
    }
    if (options.train) {
      detector->module().train(true);
      std::vector<at::Tensor> images;
      std::vector<models::Target> targets;
      for (int index = 0; index < options.batch; ++index) {
        images.push_back(at::rand({3, options.size, options.size}).to(device));
        models::Target target = syntheticTarget(options.size, classes, index);
        target.boxes = target.boxes.to(device);
        target.labels = target.labels.to(device);
        target.masks = target.masks.to(device);
        targets.push_back(std::move(target));
      }
      std::vector<at::Tensor> trainable;
      for (const at::Tensor& parameter : detector->module().parameters())
        if (parameter.requires_grad())
          trainable.push_back(parameter);
      torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(1e-4));
      std::vector<double> times;
      for (int run = 0; run < options.warmup + options.iterations; ++run) {
        const auto start = Clock::now();
        optimizer.zero_grad();
        const models::LossDict losses = detector->losses(images, targets);
        at::Tensor total = losses.front().second;
        for (size_t index = 1; index < losses.size(); ++index)
          total = total + losses[index].second;
        total.backward();
        optimizer.step();
        if (!device.is_cpu())
          (void)total.item<float>();
        const double elapsed = millisecondsSince(start);
        if (run >= options.warmup)
          times.push_back(elapsed);
      }
      result.trainStep = summarise(times);
      result.trainImagesPerSecond =
          result.trainStep->medianMs > 0 ? 1000.0 * options.batch / result.trainStep->medianMs : 0;
    }
  } catch (const c10::Error& error) {
    return Error{where, "", error.what_without_backtrace()};
  } catch (const std::exception& error) {
    return Error{where, "", error.what()};
  }
  runtime::ReportOptions reportOptions;
  reportOptions.measureGemm = false;
  const runtime::SystemReport report = runtime::collectSystemReport(reportOptions);
  result.threads = runtime::intraOpThreads();
  result.blas = report.blasLibrary.empty() ? "unknown" : report.blasLibrary;
  result.torchVersion = report.torchVersion;
  return result;
}

std::string benchmarkJson(const BenchmarkResult& result) {
  const auto timing = [](const TimingSummary& summary) {
    return nlohmann::ordered_json{{"iterations", summary.iterations}, {"median_ms", summary.medianMs},
                                  {"mean_ms", summary.meanMs},        {"min_ms", summary.minMs},
                                  {"max_ms", summary.maxMs},          {"p10_ms", summary.p10Ms},
                                  {"p90_ms", summary.p90Ms}};
  };
  nlohmann::ordered_json json{
      {"model", result.options.model}, {"weights", result.options.weights.empty() ? "random" : result.options.weights},
      {"size", result.options.size},   {"device", result.options.device},
      {"threads", result.threads},     {"blas", result.blas},
      {"torch", result.torchVersion},  {"warmup", result.options.warmup}};
  if (result.inference) {
    json["inference"] = timing(*result.inference);
    json["inference"]["frames_per_second"] = result.framesPerSecond;
    json["inference"]["detections"] = result.detections;
  }
  if (result.trainStep) {
    json["train"] = timing(*result.trainStep);
    json["train"]["batch"] = result.options.batch;
    json["train"]["images_per_second"] = result.trainImagesPerSecond;
  }
  return json.dump(2);
}

} // namespace polytrain::inference
