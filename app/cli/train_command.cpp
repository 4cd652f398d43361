// `polytrain-cli train`: a training run in the terminal, with a progress line, Ctrl+C to stop (the run saves and
// can be resumed), --resume and --extend.
#include "app/cli/commands.h"
#include "core/training/run_folder.h"
#include "core/training/trainer.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace polytrain::cli {
namespace {

training::Trainer* activeTrainer = nullptr;

void stopOnInterrupt(int) {
  if (activeTrainer != nullptr)
    activeTrainer->requestStop(); // only sets an atomic and notifies: safe enough for a signal handler here
}

std::string clock(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  return text;
}

std::string shortLossName(const std::string& name) {
  return name.rfind("loss_", 0) == 0 ? name.substr(5) : name;
}

struct TrainOptions {
  std::string data, model, out = "runs", name = "train", preset, config, weights, device, resume;
  int epochs = 0, batch = 0, inputSize = 0, extend = 0;
  double learningRate = 0;
  long long seed = -1;
  bool printConfig = false;
};

int runTraining(const TrainOptions& options, const GlobalOptions& global) {
  training::TrainingConfig config;
  if (!options.preset.empty()) {
    const auto chosen = training::preset(options.preset);
    if (!chosen) {
      std::cerr << "train: unknown preset \"" << options.preset << "\"\n";
      return 2;
    }
    config = *chosen;
  }
  if (!options.config.empty()) {
    Error error;
    const auto loaded = training::loadConfig(options.config, error);
    if (!loaded) {
      std::cerr << "train: " << error.message() << "\n";
      return 2;
    }
    config = *loaded;
  }
  if (!options.data.empty())
    config.dataRoot = options.data;
  if (!options.model.empty())
    config.model = options.model;
  if (options.epochs > 0)
    config.epochs = options.epochs;
  if (options.batch > 0)
    config.batchSize = options.batch;
  if (options.inputSize > 0)
    config.inputSize = options.inputSize;
  if (options.learningRate > 0)
    config.learningRate = options.learningRate;
  if (!options.weights.empty())
    config.pretrainedWeights = options.weights;
  if (!options.device.empty())
    config.device = options.device;
  if (options.seed >= 0)
    config.seed = static_cast<unsigned long long>(options.seed);
  config.threads = global.threads;

  if (options.printConfig) {
    std::cout << training::toJson(config);
    return 0;
  }
  if (!options.resume.empty()) {
    Error error;
    const auto run = training::RunFolder::open(options.resume, error);
    const auto saved = run ? run->readConfig(error) : std::nullopt;
    if (!saved) {
      std::cerr << "train: " << error.message() << "\n";
      return 2;
    }
    config.epochs = saved->epochs + options.extend;
  } else {
    if (config.dataRoot.empty()) {
      std::cerr << "train: --data DIR is required for a new run\n";
      return 2;
    }
    const auto problems = training::validate(config);
    for (const Error& problem : problems)
      std::cerr << "train: " << problem.message() << "\n";
    if (!problems.empty())
      return 2;
  }

  training::Trainer trainer(config, options.out, options.resume, options.name);
  activeTrainer = &trainer;
  std::signal(SIGINT, stopOnInterrupt);
  const bool terminal = ::isatty(STDOUT_FILENO) != 0;
  training::TrainingState end = training::TrainingState::Failed;
  training::TrainingCallbacks callbacks;
  callbacks.onIteration = [terminal](const training::IterationStats& stats) {
    const int width = 20;
    const int filled = stats.iterationsPerEpoch > 0 ? width * stats.iteration / stats.iterationsPerEpoch : 0;
    char head[96];
    std::snprintf(head, sizeof head, "epoch %d [%s%s] %d/%d loss %.4f", stats.epoch, std::string(filled, '#').c_str(),
                  std::string(width - filled, '.').c_str(), stats.iteration, stats.iterationsPerEpoch, stats.totalLoss);
    std::string line = head;
    for (const auto& [name, value] : stats.losses) {
      char part[48];
      std::snprintf(part, sizeof part, " %s %.3f", shortLossName(name).c_str(), value);
      line += part;
    }
    char tail[64];
    std::snprintf(tail, sizeof tail, " | %.1f img/s ETA %s", stats.imagesPerSecond, clock(stats.etaSeconds).c_str());
    line += tail;
    if (terminal)
      std::cout << "\r" << line << "\033[K" << std::flush;
    else if (stats.iteration == stats.iterationsPerEpoch || stats.iteration % 10 == 1)
      std::cout << line << "\n";
  };
  callbacks.onEpoch = [terminal](const training::EpochStats& stats) {
    if (terminal)
      std::cout << "\n";
    std::cout << "epoch " << stats.epoch << " done in " << clock(stats.seconds) << ": train loss "
              << training::totalOf(stats.trainLosses);
    if (!stats.validationLosses.empty())
      std::cout << ", val loss " << training::totalOf(stats.validationLosses);
    if (stats.boxMetrics)
      std::cout << ", box mAP50 " << stats.boxMetrics->map50 << " mAP50-95 " << stats.boxMetrics->map50_95;
    if (stats.maskMetrics)
      std::cout << ", mask mAP50 " << stats.maskMetrics->map50 << " mAP50-95 " << stats.maskMetrics->map50_95;
    std::cout << ", peak RSS " << stats.peakRssBytes / (1024 * 1024) << " MiB\n";
  };
  callbacks.onStatus = [&end](const training::StatusEvent& event) {
    std::cout << "train: " << training::toString(event.state) << ": " << event.message << "\n";
    end = event.state;
  };
  trainer.run(callbacks);
  activeTrainer = nullptr;
  std::signal(SIGINT, SIG_DFL);
  return end == training::TrainingState::Finished ? 0 : end == training::TrainingState::Stopped ? 130 : 1;
}

} // namespace

void registerTrainCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending) {
  auto options = std::make_shared<TrainOptions>();
  auto* train = app.add_subcommand("train", "train a model on a dataset, writing a run folder (Ctrl+C stops and "
                                            "saves; --resume continues)");
  train->add_option("--data", options->data, "dataset root (train/ and test/, or one folder of Labelme files)");
  train->add_option("--model", options->model, "model name, e.g. maskrcnn_mobilenet_v3_large_fpn");
  train->add_option("--preset", options->preset, "start from a preset: cpu-quick, cpu-ssd or gpu-accurate");
  train->add_option("--config", options->config, "start from a config.json");
  train->add_option("--epochs", options->epochs, "epochs")->check(CLI::PositiveNumber);
  train->add_option("--batch", options->batch, "images per step")->check(CLI::PositiveNumber);
  train->add_option("--input-size", options->inputSize, "shorter image side fed to the model")
      ->check(CLI::PositiveNumber);
  train->add_option("--lr", options->learningRate, "learning rate")->check(CLI::PositiveNumber);
  train->add_option("--weights", options->weights, "pretrained torchvision .pth to start from");
  train->add_option("--device", options->device, "cpu or cuda:N");
  train->add_option("--seed", options->seed, "random seed")->check(CLI::NonNegativeNumber);
  train->add_option("--out", options->out, "folder that holds the run folders")->capture_default_str();
  train->add_option("--name", options->name, "run folder name (name2, name3... when taken)")->capture_default_str();
  train->add_flag("--print-config", options->printConfig,
                  "print the configuration the other options make (JSON, for --config) and exit");
  train->add_option("--resume", options->resume, "continue this run folder from its last checkpoint");
  train->add_option("--extend", options->extend, "with --resume: train this many epochs more")
      ->check(CLI::PositiveNumber);
  train->callback(
      [&pending, &global, options] { pending = [options, &global] { return runTraining(*options, global); }; });
}

} // namespace polytrain::cli
