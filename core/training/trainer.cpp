#include "core/training/trainer.h"

#include "core/dataset/data_loader.h"
#include "core/dataset/dataset.h"
#include "core/evaluation/evaluation_report.h"
#include "core/inference/detection_conversion.h"
#include "core/inference/overlay_renderer.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/gradient_sync.h"
#include "core/models/image_tensors.h"
#include "core/runtime/freed_memory.h"
#include "core/training/detector_options.h"
#include "core/training/failure_message.h"
#include "core/training/lr_schedule.h"
#include "core/training/run_folder.h"
#include "core/training/run_plots.h"

#include <ATen/Parallel.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <opencv2/imgcodecs.hpp>
#include <sys/resource.h>
#include <torch/cuda.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>
#include <unistd.h>

namespace polytrain::training {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024L; // Linux reports kilobytes
}

long currentRssBytes() {
  long pages = 0, resident = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
    std::fclose(statm);
  }
  return resident * ::sysconf(_SC_PAGESIZE);
}

dataset::AugmentOptions augmentOptionsOf(const AugmentationConfig& config) {
  dataset::AugmentOptions options;
  options.horizontalFlip = config.horizontalFlip ? 0.5 : 0.0;
  options.scaleMin = 1.0 - config.scaleJitter;
  options.scaleMax = 1.0 + config.scaleJitter;
  options.brightness = config.brightness;
  options.contrast = config.contrast;
  options.saturation = config.saturation;
  options.hue = config.hue;
  options.rotationDegrees = config.rotationDegrees;
  options.cropProbability = config.randomCrop ? 0.5 : 0.0;
  return options;
}

// One sample's image and target as the models take them.
struct SampleTensors {
  at::Tensor image;
  models::Target target;
};

SampleTensors toTensors(const dataset::TrainingSample& sample) {
  SampleTensors tensors;
  const cv::Mat& image = sample.image;
  tensors.image = models::image_tensor_from_bgr(image.data, image.rows, image.cols, image.step[0]);
  const auto count = static_cast<int64_t>(sample.boxes.size());
  tensors.target.boxes = at::empty({count, 4}, at::kFloat);
  tensors.target.labels = at::empty({count}, at::kLong);
  tensors.target.masks = at::empty({count, image.rows, image.cols}, at::kByte);
  auto boxes = tensors.target.boxes.accessor<float, 2>();
  auto labels = tensors.target.labels.accessor<int64_t, 1>();
  for (int64_t index = 0; index < count; ++index) {
    const dataset::Box& box = sample.boxes[index];
    boxes[index][0] = box.x1;
    boxes[index][1] = box.y1;
    boxes[index][2] = box.x2;
    boxes[index][3] = box.y2;
    labels[index] = sample.labels[index];
    const cv::Mat1b& mask = sample.masks[index];
    tensors.target.masks[index].copy_(models::mask_tensor_from_bytes(mask.data, mask.rows, mask.cols, mask.step[0]));
  }
  return tensors;
}

SampleTensors toTensors(const dataset::TrainingSample& sample, const c10::Device& device) {
  SampleTensors tensors = toTensors(sample);
  if (!device.is_cpu()) {
    tensors.image = tensors.image.to(device);
    tensors.target.boxes = tensors.target.boxes.to(device);
    tensors.target.labels = tensors.target.labels.to(device);
    tensors.target.masks = tensors.target.masks.to(device);
  }
  return tensors;
}

// "cpu", "cuda" or "cuda:N", checked against what this libtorch and machine have.
c10::Device trainingDevice(const std::string& name) {
  if (name.empty() || name == "cpu")
    return c10::Device(c10::kCPU);
  if (!torch::cuda::is_available())
    throw std::runtime_error("device " + name +
                             ": CUDA is not available (this libtorch is a CPU build or no GPU is present); "
                             "train on the cpu");
  const c10::Device device(name);
  if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
    throw std::runtime_error("device " + name + ": this machine has " + std::to_string(torch::cuda::device_count()) +
                             " CUDA devices");
  return device;
}

LossValues lossValuesOf(const models::LossDict& losses) {
  LossValues values;
  for (const auto& [name, tensor] : losses)
    values.emplace_back(name, tensor.item<double>());
  return values;
}

// Adds `values` into running sums, keeping the first-seen order.
void accumulate(LossValues& sums, const LossValues& values) {
  for (const auto& [name, value] : values) {
    auto found = std::find_if(sums.begin(), sums.end(), [&](const auto& entry) { return entry.first == name; });
    if (found == sums.end())
      sums.emplace_back(name, value);
    else
      found->second += value;
  }
}

LossValues divided(LossValues sums, double count) {
  for (auto& entry : sums)
    entry.second /= std::max(1.0, count);
  return sums;
}

evaluation::BoxXywh xywhOf(float x1, float y1, float x2, float y2) {
  return {x1, y1, std::max(0.0f, x2 - x1), std::max(0.0f, y2 - y1)};
}

} // namespace

// Everything torch: built in run(), gone when run() returns.
struct Trainer::Session {
  Trainer& trainer;
  const TrainingCallbacks& callbacks;
  TrainingConfig config;
  std::optional<RunFolder> run;
  dataset::Dataset data;
  std::unique_ptr<models::Detector> detector;
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  std::vector<at::Tensor> trainableParameters; // in the model's parameter order
  c10::Device device{c10::kCPU};
  std::vector<EpochStats> history;
  models::CheckpointInfo progress;
  long stepsThisSession = 0;
  std::string notes;   // said with the Started event
  std::string endNote; // said with the final event

  Session(Trainer& owner, const TrainingCallbacks& events) : trainer(owner), callbacks(events) {}

  // A problem that does not stop the run, said once with the final event.
  void noteProblem(const std::string& problem) {
    if (endNote.find(problem) == std::string::npos)
      endNote += "; " + problem;
  }

  void log(TrainingState state, const std::string& message) const {
    if (callbacks.onStatus)
      callbacks.onStatus({state, message});
  }

  // Opens or creates the run folder and settles the configuration. Throws std::runtime_error with a message.
  void openRun() {
    Error error;
    if (!trainer.resumeFrom_.empty()) {
      run = RunFolder::open(trainer.resumeFrom_, error);
      if (!run)
        throw std::runtime_error(error.message());
      auto saved = run->readConfig(error);
      if (!saved)
        throw std::runtime_error(error.message());
      config = *saved;
      if (trainer.config_.epochs > saved->epochs && config.scheduleEpochs == 0)
        config.scheduleEpochs = saved->epochs; // the schedule keeps its span; the extension runs at its end rate
      config.epochs = std::max(saved->epochs, trainer.config_.epochs);
      if (config.epochs != saved->epochs && run->writeConfig(config))
        throw std::runtime_error(run->configPath() + ": cannot record the extended epoch count");
    } else {
      config = trainer.config_;
      const auto problems = validate(config);
      if (!problems.empty())
        throw std::runtime_error("configuration: " + problems.front().message());
      run = RunFolder::createUnique(trainer.runsParent_, trainer.runName_, error);
      if (!run)
        throw std::runtime_error(error.message());
      if (auto writeError = run->writeConfig(config))
        throw std::runtime_error(writeError->message());
    }
    std::lock_guard<std::mutex> lock(trainer.mutex_);
    trainer.runFolder_ = run->path();
  }

  void openData() {
    dataset::OpenOptions options;
    options.seed = config.seed;
    data = dataset::openDataset(config.dataRoot, options);
    if (data.train.empty())
      throw std::runtime_error(
          config.dataRoot + ": no annotated training images found" +
          (data.problems.empty() ? "" : " (first problem: " + data.problems.front().message() + ")"));
    if (data.classes.empty())
      throw std::runtime_error(config.dataRoot + ": the dataset has no object classes");
    if (!config.classes.empty() &&
        config.classes != std::vector<std::string>(data.classes.names.begin() + 1, data.classes.names.end()))
      throw std::runtime_error(config.dataRoot + ": its classes differ from the run's classes");
    config.classes.assign(data.classes.names.begin() + 1, data.classes.names.end());
    if (auto writeError = run->writeClasses(config.classes))
      throw std::runtime_error(writeError->message());
  }

  void buildModel() {
    const models::DetectorOptions options = detectorOptionsOf(config, config.classes.size(), true);
    detector = models::make_detector(options);
    if (!config.pretrainedWeights.empty()) {
      const models::LoadReport report = detector->import_torchvision_weights(config.pretrainedWeights);
      notes += "; pretrained weights " + config.pretrainedWeights + ": " + report.summary();
    }
    device = trainingDevice(config.device);
    detector->module().to(device); // before the optimiser takes the parameters
    if (!device.is_cpu())
      notes += "; on " + device.str();
    std::vector<at::Tensor>& trainable = trainableParameters;
    for (const at::Tensor& parameter : detector->module().parameters())
      if (parameter.requires_grad())
        trainable.push_back(parameter);
    if (config.optimizer == Optimizer::AdamW)
      optimizer = std::make_unique<torch::optim::AdamW>(
          trainable, torch::optim::AdamWOptions(config.learningRate).weight_decay(config.weightDecay));
    else
      optimizer = std::make_unique<torch::optim::SGD>(
          trainable,
          torch::optim::SGDOptions(config.learningRate).momentum(config.momentum).weight_decay(config.weightDecay));
  }

  // Data-parallel replicas start from rank 0's weights and buffers.
  void alignReplicas() {
    models::GradientSync* const sync = trainer.gradientSync_.get();
    if (!sync)
      return;
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> state;
    for (const at::Tensor& parameter : detector->module().parameters())
      state.push_back(parameter);
    for (const at::Tensor& buffer : detector->module().buffers())
      state.push_back(buffer);
    sync->broadcastFromRank0(state);
  }

  void restoreProgress() {
    progress.model_name = config.model;
    progress.classes = config.classes;
    progress.config_json = toJson(config);
    if (trainer.resumeFrom_.empty())
      return;
    Error error;
    if (!std::filesystem::exists(run->lastCheckpointPath()))
      throw std::runtime_error(run->path() + ": no weights/last.pt to resume from");
    const models::CheckpointInfo saved = models::load_checkpoint(run->lastCheckpointPath(), *detector, optimizer.get());
    // A run killed while writing a checkpoint left its temporary; this run owns the folder now.
    models::remove_unfinished_checkpoints(run->weightsFolder());
    progress.epoch = saved.epoch;
    progress.global_iteration = saved.global_iteration;
    progress.epoch_iteration = saved.epoch_iteration;
    progress.best_validation_loss = saved.best_validation_loss;
    progress.best_map = saved.best_map;
    auto results = run->readResults(error);
    if (!results)
      throw std::runtime_error(error.message());
    history = *results;
  }

  void saveCheckpoint(const std::string& path) {
    progress.config_json = toJson(config);
    models::save_checkpoint(path, *detector, optimizer.get(), progress);
  }

  // Mean validation losses over the test split: train-mode forward without gradients, BatchNorm statistics frozen.
  LossValues validationLosses() {
    LossValues sums;
    int batches = 0;
    models::set_train_keeping_norm_statistics(detector->module());
    torch::NoGradGuard noGrad;
    for (const dataset::DatasetItem& item : data.test) {
      dataset::SampleResult loaded = dataset::loadSample(item, data.classes);
      if (!loaded.sample || loaded.sample->boxes.empty())
        continue;
      SampleTensors tensors = toTensors(*loaded.sample, device);
      accumulate(sums, lossValuesOf(detector->losses({tensors.image}, {tensors.target})));
      ++batches;
    }
    detector->module().train(true);
    return divided(sums, batches);
  }

  // Test images drawn with what the model found, overwritten at each validation: what Ultralytics' val_batch
  // pictures show, one image a file.
  static constexpr size_t kPredictionPictures = 8;

  void writePredictionPicture(const dataset::DatasetItem& item, const cv::Mat& image,
                              const models::Detection& detection, size_t index) {
    inference::ConversionOptions conversion;
    conversion.scoreThreshold = 0.5;
    const inference::Prediction prediction =
        inference::predictionFromDetection(detection, config.classes, conversion, image.cols, image.rows);
    const cv::Mat drawn = inference::renderOverlay(image, prediction, {}, config.classes.size());
    char name[32];
    std::snprintf(name, sizeof name, "/test_%02zu_", index + 1);
    std::string stem = std::filesystem::path(item.key).stem().string();
    const std::string path = run->predictionsFolder() + name + stem + ".jpg";
    if (!cv::imwrite(path, drawn))
      noteProblem(path + ": cannot write the prediction picture");
  }

  // COCO AP of boxes (and masks) on the test split; the whole report (curves, confusion matrix, per-class AP) goes
  // into plots/ of the run folder.
  std::pair<std::optional<DetectionMetrics>, std::optional<DetectionMetrics>> evaluateTestSplit() {
    evaluation::GroundTruthSet truth;
    std::vector<evaluation::Detection> found;
    for (size_t id = 1; id < data.classes.names.size(); ++id)
      truth.categories.push_back({static_cast<int64_t>(id), data.classes.names[id]});
    detector->module().eval();
    torch::NoGradGuard noGrad;
    int64_t imageId = 0, instanceId = 0;
    for (const dataset::DatasetItem& item : data.test) {
      dataset::SampleResult loaded = dataset::loadSample(item, data.classes);
      if (!loaded.sample)
        continue;
      const dataset::TrainingSample& sample = *loaded.sample;
      ++imageId;
      truth.images.push_back({imageId, sample.image.cols, sample.image.rows, item.key});
      for (size_t index = 0; index < sample.boxes.size(); ++index) {
        evaluation::GroundTruthInstance instance;
        instance.id = ++instanceId;
        instance.imageId = imageId;
        instance.categoryId = sample.labels[index];
        const dataset::Box& box = sample.boxes[index];
        instance.box = xywhOf(box.x1, box.y1, box.x2, box.y2);
        instance.mask = evaluation::encodeMask(sample.masks[index]);
        instance.area = static_cast<double>(evaluation::rleArea(*instance.mask));
        truth.instances.push_back(std::move(instance));
      }
      const at::Tensor image = toTensors(sample, device).image;
      models::Detection detection = detector->detect({image}).front();
      if (!device.is_cpu()) {
        detection.boxes = detection.boxes.cpu();
        detection.labels = detection.labels.cpu();
        detection.scores = detection.scores.cpu();
        if (detection.masks.defined())
          detection.masks = detection.masks.cpu();
      }
      if (static_cast<size_t>(imageId) <= kPredictionPictures)
        writePredictionPicture(item, sample.image, detection, static_cast<size_t>(imageId) - 1);
      const auto boxes = detection.boxes.contiguous();
      for (int64_t index = 0; index < boxes.size(0); ++index) {
        evaluation::Detection result;
        result.imageId = imageId;
        result.categoryId = detection.labels[index].item<int64_t>();
        const auto corners = boxes[index];
        result.box = xywhOf(corners[0].item<float>(), corners[1].item<float>(), corners[2].item<float>(),
                            corners[3].item<float>());
        result.score = detection.scores[index].item<double>();
        if (detection.masks.defined() && detector->predicts_masks()) {
          const at::Tensor binary = detection.masks[index][0].gt(0.5).to(at::kByte).contiguous();
          const cv::Mat mask(static_cast<int>(binary.size(0)), static_cast<int>(binary.size(1)), CV_8U,
                             binary.data_ptr<uint8_t>());
          result.mask = evaluation::encodeMask(mask);
        }
        found.push_back(std::move(result));
      }
    }
    detector->module().train(true);
    if (truth.instances.empty())
      return {};
    evaluation::EvaluationOptions evaluationOptions;
    evaluationOptions.threads = config.threads;
    evaluationOptions.fromMaskModel = detector->predicts_masks();
    const evaluation::EvaluationReport report = evaluation::evaluateDetections(truth, found, evaluationOptions);
    if (auto error = evaluation::writeEvaluationFolder(run->plotsFolder(), report))
      noteProblem("could not write the evaluation pictures: " + error->message());
    std::optional<DetectionMetrics> masks;
    if (report.mask)
      masks = DetectionMetrics{std::max(0.0, report.mask->stats[1]), std::max(0.0, report.mask->stats[0])};
    return {DetectionMetrics{std::max(0.0, report.box.stats[1]), std::max(0.0, report.box.stats[0])}, masks};
  }

  void finishEpoch(EpochStats& stats, int epoch, Clock::time_point epochStart) {
    const bool validate = config.validationInterval > 0 &&
                          (epoch % config.validationInterval == 0 || epoch == config.epochs) && !data.test.empty();
    if (validate) {
      const auto validationStart = Clock::now();
      stats.validationLosses = validationLosses();
      if (config.evaluateMap)
        std::tie(stats.boxMetrics, stats.maskMetrics) = evaluateTestSplit();
      stats.validationSeconds = secondsSince(validationStart);
    }
    stats.peakRssBytes = peakRssBytes();
    stats.rssBytes = currentRssBytes();
    stats.seconds = secondsSince(epochStart); // training and validation
    progress.epoch = epoch;
    progress.epoch_iteration = 0;
    // The bests are settled before last.pt is written, so a run resumed from it compares against them; the best
    // checkpoints are then the same file as last.pt (links), written once.
    std::vector<std::string> bestPaths;
    if (!stats.validationLosses.empty()) {
      const double loss = totalOf(stats.validationLosses);
      if (progress.best_validation_loss == 0 || loss < progress.best_validation_loss) {
        progress.best_validation_loss = loss;
        bestPaths.push_back(run->bestLossCheckpointPath());
        bestPaths.push_back(run->namedCheckpointPath(epoch, loss));
      }
    }
    const auto& metric = stats.maskMetrics ? stats.maskMetrics : stats.boxMetrics;
    if (metric && metric->map50_95 > progress.best_map) {
      progress.best_map = metric->map50_95;
      bestPaths.push_back(run->bestMapCheckpointPath());
    }
    saveCheckpoint(run->lastCheckpointPath());
    for (const std::string& path : bestPaths)
      models::share_checkpoint(run->lastCheckpointPath(), path);
    history.push_back(stats);
    if (auto error = run->writeResults(history))
      throw std::runtime_error(error->message());
    if (auto error = writeRunPlots(run->plotsFolder(), history))
      noteProblem("could not draw the run's plots: " + error->message());
    if (callbacks.onEpoch)
      callbacks.onEpoch(stats);
  }

  // Replaces every trainable parameter's gradient by the replicas' mean (a parameter without one counts as zero).
  void synchronise(models::GradientSync& sync) {
    std::vector<at::Tensor> gradients;
    gradients.reserve(trainableParameters.size());
    for (at::Tensor& parameter : trainableParameters) {
      if (!parameter.grad().defined())
        parameter.mutable_grad() = at::zeros_like(parameter);
      gradients.push_back(parameter.grad());
    }
    sync.allReduceMean(gradients);
  }

  // Returns the final state: Finished or Stopped. Throws std::runtime_error on a fault.
  TrainingState train() {
    dataset::LoaderOptions loaderOptions;
    loaderOptions.batchSize = config.batchSize;
    loaderOptions.workers = 2;
    loaderOptions.seed = config.seed;
    loaderOptions.augment = augmentOptionsOf(config.augmentation);
    models::GradientSync* const sync = trainer.gradientSync_.get();
    if (sync) {
      loaderOptions.shardIndex = sync->rank();
      loaderOptions.shardCount = sync->worldSize();
    }
    // BatchNorm cannot train on one value per channel (SSD's 1x1 maps fail outright, as in torchvision).
    loaderOptions.dropSingleLast = true;
    dataset::DataLoader loader(data.train, data.classes, loaderOptions);
    const long perEpoch = static_cast<long>(loader.batchesPerEpoch());
    const long total = perEpoch * config.epochs;
    const long scheduleTotal = perEpoch * (config.scheduleEpochs > 0 ? config.scheduleEpochs : config.epochs);
    IterationLog iterationLog(run->iterationLogPath());
    detector->module().train(true);

    double smoothedStepSeconds = 0.0;
    long skippedSteps = 0;
    for (int epoch = static_cast<int>(progress.epoch) + 1; epoch <= config.epochs; ++epoch) {
      const auto epochStart = Clock::now();
      loader.startEpoch(epoch);
      for (long skip = 0; skip < progress.epoch_iteration; ++skip)
        loader.next(); // a run stopped mid-epoch continues with the batch it had not trained on
      LossValues sums;
      long counted = 0;
      while (auto batch = loader.next()) {
        if (!trainer.waitWhilePaused(callbacks) ||
            (trainer.stopAfterSteps_ > 0 && stepsThisSession >= trainer.stopAfterSteps_)) {
          saveCheckpoint(run->lastCheckpointPath());
          return TrainingState::Stopped;
        }
        const auto stepStart = Clock::now();
        std::vector<at::Tensor> images;
        std::vector<models::Target> targets;
        for (const dataset::TrainingSample& sample : batch->samples) {
          if (sample.boxes.empty())
            continue; // images whose every instance was augmented away carry no target
          SampleTensors tensors = toTensors(sample, device);
          images.push_back(std::move(tensors.image));
          targets.push_back(std::move(tensors.target));
        }
        ++progress.global_iteration;
        ++progress.epoch_iteration;
        ++stepsThisSession;
        const double learningRate = learningRateAt(config, progress.global_iteration - 1, scheduleTotal);
        for (auto& group : optimizer->param_groups())
          group.options().set_lr(learningRate);
        if (images.empty() && !sync)
          continue;

        // A replica with nothing to learn from this step still takes part in the all-reduce, with zero gradients.
        models::LossDict losses;
        double totalValue = 0.0;
        bool learned = false;
        optimizer->zero_grad();
        if (!images.empty()) {
          losses = detector->losses(images, std::move(targets));
          at::Tensor lossTotal = losses.front().second;
          for (size_t index = 1; index < losses.size(); ++index)
            lossTotal = lossTotal + losses[index].second;
          if (progress.global_iteration == trainer.poisonStep_)
            lossTotal = lossTotal * std::numeric_limits<double>::quiet_NaN();
          totalValue = lossTotal.item<double>();
          if (std::isfinite(totalValue)) {
            lossTotal.backward();
            learned = true;
          } else if (!config.skipNonFiniteSteps) {
            throw std::runtime_error("the loss became " + std::to_string(totalValue) + " at epoch " +
                                     std::to_string(epoch) + ", step " + std::to_string(progress.epoch_iteration) +
                                     "; the last good checkpoint is " + run->lastCheckpointPath() +
                                     ". Lower the learning rate or turn on gradient clipping.");
          } else {
            ++skippedSteps;
          }
        }
        if (!learned && !sync)
          continue;
        if (sync)
          synchronise(*sync);
        if (config.gradientClipNorm > 0)
          torch::nn::utils::clip_grad_norm_(detector->module().parameters(), config.gradientClipNorm);
        optimizer->step();
        if (!learned)
          continue;

        IterationStats stats;
        stats.epoch = epoch;
        stats.iteration = static_cast<int>(progress.epoch_iteration);
        stats.iterationsPerEpoch = static_cast<int>(perEpoch);
        stats.globalIteration = progress.global_iteration;
        stats.totalIterations = total;
        stats.losses = lossValuesOf(losses);
        stats.totalLoss = totalValue;
        stats.learningRate = learningRate;
        const double stepSeconds = secondsSince(stepStart);
        smoothedStepSeconds = smoothedStepSeconds == 0 ? stepSeconds : 0.9 * smoothedStepSeconds + 0.1 * stepSeconds;
        stats.imagesPerSecond = static_cast<double>(images.size()) / std::max(1e-9, stepSeconds);
        stats.etaSeconds = smoothedStepSeconds * static_cast<double>(total - progress.global_iteration);
        accumulate(sums, stats.losses);
        ++counted;
        iterationLog.append(stats);
        if (callbacks.onIteration)
          callbacks.onIteration(stats);
        if (config.checkpointEveryIterations > 0 && progress.global_iteration % config.checkpointEveryIterations == 0)
          saveCheckpoint(run->lastCheckpointPath());
      }
      EpochStats stats;
      stats.epoch = epoch;
      stats.trainLosses = divided(sums, static_cast<double>(counted));
      stats.learningRate = learningRateAt(config, progress.global_iteration - 1, scheduleTotal);
      finishEpoch(stats, epoch, epochStart);
    }
    if (skippedSteps > 0)
      endNote += "; " + std::to_string(skippedSteps) + " steps with a non-finite loss were skipped";
    return TrainingState::Finished;
  }
};

Trainer::Trainer(TrainingConfig config, std::string runsParent, std::string resumeFrom, std::string runName)
    : config_(std::move(config)), runsParent_(std::move(runsParent)), resumeFrom_(std::move(resumeFrom)),
      runName_(std::move(runName)) {}

Trainer::~Trainer() = default;

void Trainer::requestStop() {
  stopRequested_ = true;
  pauseChanged_.notify_all();
}

void Trainer::setPaused(bool paused) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = paused;
  }
  pauseChanged_.notify_all();
}

std::string Trainer::runFolder() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runFolder_;
}

bool Trainer::waitWhilePaused(const TrainingCallbacks& callbacks) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (paused_ && !stopRequested_) {
    if (callbacks.onStatus)
      callbacks.onStatus({TrainingState::Paused, "paused"});
    pauseChanged_.wait(lock, [this] { return !paused_ || stopRequested_; });
    if (!stopRequested_ && callbacks.onStatus)
      callbacks.onStatus({TrainingState::Resumed, "resumed"});
  }
  return !stopRequested_;
}

void Trainer::run(const TrainingCallbacks& callbacks) {
  // Declared before the session so that it runs after the model, optimiser and batches are freed: the heap keeps
  // freed memory during the run (runtime/freed_memory.h), and an idle studio should not hold a run's high-water mark.
  struct ReleaseFreedMemoryOnExit {
    ~ReleaseFreedMemoryOnExit() { runtime::releaseFreedMemory(); }
  } releaseOnExit;
  Session session(*this, callbacks);
  try {
    session.openRun();
    if (session.config.threads > 0)
      at::set_num_threads(session.config.threads);
    torch::manual_seed(session.config.seed);
    session.openData();
    session.buildModel();
    session.restoreProgress();
    session.alignReplicas();
    session.log(TrainingState::Started, (resumeFrom_.empty() ? "training " : "resuming ") + session.config.model +
                                            " on " + std::to_string(session.data.train.size()) + " images in " +
                                            session.run->path() + session.notes);
    const TrainingState end = session.train();
    session.log(end, end == TrainingState::Stopped ? "resume with the run folder " + session.run->path()
                                                   : "the run folder is " + session.run->path() + session.endNote);
  } catch (const c10::Error& error) {
    session.log(TrainingState::Failed, trainingFailureMessage(error.what_without_backtrace(), session.config));
  } catch (const std::exception& error) {
    session.log(TrainingState::Failed, trainingFailureMessage(error.what(), session.config));
  }
}

TrainingJobFactory trainerFactory() {
  return [](const TrainingConfig& config, const std::string& runsParent, const std::string& resumeFrom) {
    return std::make_unique<Trainer>(config, runsParent, resumeFrom);
  };
}

} // namespace polytrain::training
