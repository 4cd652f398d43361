#pragma once
// `polytrain-cli bench`: a model timed on synthetic input (warm-up excluded) — inference latency and, on request, the
// training step (forward, backward, optimiser step) — with the thread count and BLAS, as one JSON object. What users
// run to compare machines and what tests/bench calls. Torch-free header.
#include "core/common/error.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace polytrain::inference {

struct BenchmarkOptions {
  std::string model = "maskrcnn_mobilenet_v3_large_fpn";
  std::string weights; ///< optional: our checkpoint or a torchvision file (else random weights, as training starts)
  int size = 320;      ///< the square synthetic image's side, and the model's input size
  int iterations = 10; ///< timed runs
  int warmup = 2;      ///< untimed runs before them
  bool train = false;  ///< also time training steps
  int batch = 2;       ///< images per training step
  int classes = 2;     ///< foreground classes of the random-weight model
  std::string device = "cpu";
  unsigned long long seed = 0;
};

struct TimingSummary {
  int iterations = 0;
  double medianMs = 0;
  double meanMs = 0;
  double minMs = 0;
  double maxMs = 0;
  double p10Ms = 0;
  double p90Ms = 0;
};

/// Percentiles by linear interpolation, as numpy's default.
TimingSummary summarise(std::vector<double> milliseconds);

struct BenchmarkResult {
  BenchmarkOptions options;
  int threads = 0;
  std::string blas;
  std::string torchVersion;
  std::optional<TimingSummary> inference;
  double framesPerSecond = 0; ///< 1000 / median inference latency
  int detections = 0;         ///< in the last timed inference
  std::optional<TimingSummary> trainStep;
  double trainImagesPerSecond = 0;
};

std::variant<BenchmarkResult, Error> runModelBenchmark(const BenchmarkOptions& options);

std::string benchmarkJson(const BenchmarkResult& result);

} // namespace polytrain::inference
