// `polytrain-cli bench`: a model timed on synthetic input; one JSON object on stdout
// (core/inference/model_benchmark.h).
#include "app/cli/commands.h"
#include "core/inference/model_benchmark.h"

#include <iostream>

namespace polytrain::cli {

void registerBenchCommand(CLI::App& app, const GlobalOptions& /*global*/, PendingCommand& pending) {
  auto* bench = app.add_subcommand(
      "bench", "time a model on synthetic input (warm-up excluded): inference latency and, with --train, the "
               "training step; prints one JSON object with median and spread, threads and BLAS");
  auto options = std::make_shared<inference::BenchmarkOptions>();
  bench->add_option("--model", options->model, "model name")->capture_default_str();
  bench->add_option("--weights", options->weights, "our checkpoint or a torchvision .pth (default: random weights)");
  bench->add_option("--size", options->size, "side of the square input image")
      ->check(CLI::Range(32, 4096))
      ->capture_default_str();
  bench->add_option("--iters", options->iterations, "timed runs")->check(CLI::PositiveNumber)->capture_default_str();
  bench->add_option("--warmup", options->warmup, "untimed runs first")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  bench->add_flag("--train", options->train, "also time training steps (forward, backward, AdamW step)");
  bench->add_option("--batch", options->batch, "images per training step")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bench->add_option("--classes", options->classes, "foreground classes of a random-weight model")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bench->add_option("--device", options->device, "cpu, cuda or cuda:N")->capture_default_str();
  bench->callback([&pending, options] {
    pending = [options] {
      auto ran = inference::runModelBenchmark(*options);
      if (auto* error = std::get_if<Error>(&ran)) {
        std::cerr << "bench: " << error->message() << "\n";
        return 1;
      }
      std::cout << inference::benchmarkJson(std::get<inference::BenchmarkResult>(ran)) << "\n";
      return 0;
    };
  });
}

} // namespace polytrain::cli
