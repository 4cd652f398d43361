#include "core/training/training_config.h"

#include "core/common/atomic_file.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace polytrain::training {
namespace {

using Json = nlohmann::ordered_json;

const char* optimizerName(Optimizer optimizer) {
  return optimizer == Optimizer::Sgd ? "sgd" : "adamw";
}

const char* scheduleName(LrSchedule schedule) {
  switch (schedule) {
  case LrSchedule::Constant:
    return "constant";
  case LrSchedule::Step:
    return "step";
  case LrSchedule::Cosine:
    return "cosine";
  }
  return "step";
}

// Reads config fields with type checks; the first problem is kept with its JSON pointer.
class FieldReader {
public:
  FieldReader(const Json& object, std::string path, std::string pointer)
      : object_(object), path_(std::move(path)), pointer_(std::move(pointer)) {}

  template <typename T> void read(const char* key, T& target) {
    if (failed() || !object_.contains(key))
      return;
    try {
      target = object_.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
      fail(key, std::string("expected ") + expectedType<T>() + ", got " + object_.at(key).type_name());
    }
  }

  template <typename E> void readEnum(const char* key, E& target, const std::vector<std::pair<std::string, E>>& names) {
    std::string text;
    read(key, text);
    if (failed() || !object_.contains(key))
      return;
    for (const auto& [name, value] : names)
      if (name == text) {
        target = value;
        return;
      }
    std::string allowed;
    for (const auto& entry : names)
      allowed += (allowed.empty() ? "" : ", ") + entry.first;
    fail(key, "unknown value \"" + text + "\"; expected one of " + allowed);
  }

  bool failed() const { return error_.has_value(); }
  const std::optional<Error>& error() const { return error_; }

private:
  template <typename T> static const char* expectedType() {
    if constexpr (std::is_same_v<T, bool>)
      return "a boolean";
    else if constexpr (std::is_arithmetic_v<T>)
      return "a number";
    else if constexpr (std::is_same_v<T, std::string>)
      return "a string";
    else
      return "an array";
  }
  void fail(const char* key, std::string what) { error_ = Error{path_, pointer_ + "/" + key, std::move(what)}; }

  const Json& object_;
  std::string path_;
  std::string pointer_;
  std::optional<Error> error_;
};

// The stages a model's backbone can return, in torchvision's numbering; why the list does not fit, if it does not.
std::optional<std::string> returnedLayersProblem(const TrainingConfig& config) {
  const auto& layers = config.returnedLayers;
  if (layers.empty() || !isMaskModel(config.model))
    return std::nullopt; // SSD models ignore it, as they ignore the other Mask R-CNN fields
  const bool mobileNet = config.model == "maskrcnn_mobilenet_v3_large_fpn";
  const int lowest = mobileNet ? 0 : 1;
  const int highest = mobileNet ? 5 : 4;
  for (size_t i = 0; i < layers.size(); ++i) {
    if (layers[i] < lowest || layers[i] > highest)
      return "each layer must be in [" + std::to_string(lowest) + ", " + std::to_string(highest) + "] for " +
             config.model + ", got " + std::to_string(layers[i]);
    if (i > 0 && layers[i] <= layers[i - 1])
      return "layers must be listed in increasing order, without repeats";
  }
  if (layers.size() > 4)
    return "at most 4 layers (the RoI heads pool from feature maps \"0\" to \"3\")";
  return std::nullopt;
}

} // namespace

const std::vector<std::string>& knownModelNames() {
  static const std::vector<std::string> names = {
      "maskrcnn_resnet50_fpn",         "maskrcnn_resnet101_fpn", "maskrcnn_mobilenet_v3_large_fpn",
      "ssdlite320_mobilenet_v3_large", "ssd300_vgg16",           "ssdlite320_mobilenet_v2"};
  return names;
}

bool isMaskModel(const std::string& modelName) {
  return modelName.rfind("maskrcnn_", 0) == 0;
}

std::vector<std::string> presetNames() {
  return {"cpu-quick", "cpu-ssd", "gpu-accurate"};
}

std::optional<TrainingConfig> preset(const std::string& name) {
  TrainingConfig config;
  if (name == "cpu-quick") {
    // Measured with torchvision on 2 cores (DESIGN.md): 300/150 proposals and 64 RoIs per image halve the step
    // time of MobileNetV3-FPN at 256 px with the same accuracy per step. Narrower heads (128-channel mask
    // convolutions, a 256-wide box head) took another 26 % off our step here (1.12 -> 0.82 s at batch 4, 2 threads,
    // early steps; more once the mask head sees its full 16 positives per image).
    config.model = "maskrcnn_mobilenet_v3_large_fpn";
    config.inputSize = 256;
    config.batchSize = 4;
    // 36 epochs, the step at 80 %: mask mAP@0.5 0.80 after 14.3 minutes of training (epoch 27) and 0.83-0.90 from
    // epoch 29; all 36 epochs in 19.1 minutes at 32 s an epoch, ending at 0.86, on the 200-image shapes set, flips
    // only, 2 threads (learning_curve_bench.py; torchvision with the same recipe: 0.73 at best in 20 minutes).
    config.epochs = 36;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = 1e-3;
    config.warmupIterations = 50;
    config.rpnPreNmsTopNTrain = 300;
    config.rpnPostNmsTopNTrain = 150;
    config.boxBatchSizePerImage = 64;
    config.maskHeadChannels = 128;
    config.boxHeadSize = 256;
    // torchvision's MobileNetV3 FPN reads two stride-32 stages: 8x8 maps at 256 px, where the box head confused
    // star/triangle and hexagon/square. Stage 3 (stride 16) instead of 4: box/mask mAP@0.5 0.44/0.44 after 540 s of
    // training on the shapes set against 0.30/0.28 (flips only, 2 threads); stride 8 ([2, 5]) gained nothing more.
    config.returnedLayers = {3, 5};
    return config;
  }
  if (name == "cpu-ssd") {
    // SSDlite320 with MobileNetV3: boxes only, the model that runs a live camera preview on a laptop CPU. Cosine
    // from 4e-3 over 15 epochs (3.4 minutes of training on 2 cores at 13.6 s an epoch): on the 200-image shapes set
    // box mAP@0.5 reached 0.51 / 0.81 / 0.89 / 0.92 after epochs 5 / 9 / 13 / 14, 0.9 after 3.2 minutes. Over 11
    // epochs 4e-3 gave 0.84 at the end where 2e-3 gave 0.81, and AdamW 1e-3 with a step at 80 % 0.67
    // (learning_curve_bench.py).
    config.model = "ssdlite320_mobilenet_v3_large";
    config.inputSize = 320;
    config.batchSize = 4;
    config.epochs = 15;
    config.optimizer = Optimizer::AdamW;
    config.learningRate = 4e-3;
    config.schedule = LrSchedule::Cosine;
    config.warmupIterations = 50;
    return config;
  }
  if (name == "gpu-accurate") {
    config.model = "maskrcnn_resnet50_fpn";
    config.inputSize = 800;
    config.batchSize = 4;
    config.epochs = 26;
    config.optimizer = Optimizer::Sgd;
    config.learningRate = 0.02;
    config.weightDecay = 1e-4;
    config.warmupIterations = 1000;
    config.stepMilestones = {16.0 / 26.0, 22.0 / 26.0};
    config.device = "cuda:0";
    return config;
  }
  return std::nullopt;
}

std::vector<Error> validate(const TrainingConfig& config) {
  std::vector<Error> errors;
  auto problem = [&errors](const std::string& field, const std::string& what) {
    errors.push_back(Error{"", field, what});
  };
  const auto& models = knownModelNames();
  if (std::find(models.begin(), models.end(), config.model) == models.end())
    problem("model", "unknown model \"" + config.model + "\"");
  if (config.inputSize < 64 || config.inputSize > 4096)
    problem("inputSize", "must be between 64 and 4096, got " + std::to_string(config.inputSize));
  if (config.batchSize < 1)
    problem("batchSize", "must be at least 1, got " + std::to_string(config.batchSize));
  if (config.epochs < 1)
    problem("epochs", "must be at least 1, got " + std::to_string(config.epochs));
  if (config.scheduleEpochs < 0)
    problem("scheduleEpochs", "must not be negative (0 = the schedule spans all epochs)");
  if (!(config.learningRate > 0.0) || config.learningRate > 10.0)
    problem("learningRate", "must be in (0, 10], got " + std::to_string(config.learningRate));
  if (config.weightDecay < 0.0)
    problem("weightDecay", "must not be negative");
  if (config.momentum < 0.0 || config.momentum >= 1.0)
    problem("momentum", "must be in [0, 1)");
  if (config.warmupIterations < 0)
    problem("warmupIterations", "must not be negative");
  if (!(config.warmupFactor > 0.0) || config.warmupFactor > 1.0)
    problem("warmupFactor", "must be in (0, 1]");
  for (const double milestone : config.stepMilestones)
    if (!(milestone > 0.0 && milestone < 1.0))
      problem("stepMilestones", "each milestone is a fraction of the run in (0, 1), got " + std::to_string(milestone));
  if (config.stepGamma <= 0.0 || config.stepGamma > 1.0)
    problem("stepGamma", "must be in (0, 1]");
  if (config.gradientClipNorm < 0.0)
    problem("gradientClipNorm", "must not be negative (0 turns clipping off)");
  if (config.trainableBackboneLayers < 0 || config.trainableBackboneLayers > 5)
    problem("trainableBackboneLayers", "must be between 0 and 5");
  if (config.device != "cpu" && config.device.rfind("cuda", 0) != 0)
    problem("device", "must be \"cpu\" or \"cuda:N\", got \"" + config.device + "\"");
  if (config.threads < 0)
    problem("threads", "must not be negative (0 = one per core)");
  if (config.validationInterval < 0)
    problem("validationInterval", "must not be negative (0 = never)");
  if (config.maskHeadChannels < 0 || config.boxHeadSize < 0)
    problem(config.maskHeadChannels < 0 ? "maskHeadChannels" : "boxHeadSize",
            "must not be negative (0 = torchvision's width)");
  if (auto problemWithLayers = returnedLayersProblem(config))
    problem("returnedLayers", *problemWithLayers);
  if (config.checkpointEveryIterations < 0)
    problem("checkpointEveryIterations", "must not be negative (0 = every epoch)");
  return errors;
}

std::string toJson(const TrainingConfig& config) {
  Json augmentation = {
      {"horizontalFlip", config.augmentation.horizontalFlip},   {"scaleJitter", config.augmentation.scaleJitter},
      {"brightness", config.augmentation.brightness},           {"contrast", config.augmentation.contrast},
      {"saturation", config.augmentation.saturation},           {"hue", config.augmentation.hue},
      {"rotationDegrees", config.augmentation.rotationDegrees}, {"randomCrop", config.augmentation.randomCrop}};
  Json json = {{"model", config.model},
               {"dataRoot", config.dataRoot},
               {"classes", config.classes},
               {"inputSize", config.inputSize},
               {"batchSize", config.batchSize},
               {"epochs", config.epochs},
               {"scheduleEpochs", config.scheduleEpochs},
               {"optimizer", optimizerName(config.optimizer)},
               {"learningRate", config.learningRate},
               {"momentum", config.momentum},
               {"weightDecay", config.weightDecay},
               {"warmupIterations", config.warmupIterations},
               {"warmupFactor", config.warmupFactor},
               {"schedule", scheduleName(config.schedule)},
               {"stepMilestones", config.stepMilestones},
               {"stepGamma", config.stepGamma},
               {"gradientClipNorm", config.gradientClipNorm},
               {"augmentation", augmentation},
               {"pretrainedWeights", config.pretrainedWeights},
               {"pretrainedBackboneOnly", config.pretrainedBackboneOnly},
               {"trainableBackboneLayers", config.trainableBackboneLayers},
               {"device", config.device},
               {"threads", config.threads},
               {"seed", config.seed},
               {"validationInterval", config.validationInterval},
               {"evaluateMap", config.evaluateMap},
               {"checkpointEveryIterations", config.checkpointEveryIterations},
               {"skipNonFiniteSteps", config.skipNonFiniteSteps},
               {"rpnPreNmsTopNTrain", config.rpnPreNmsTopNTrain},
               {"rpnPostNmsTopNTrain", config.rpnPostNmsTopNTrain},
               {"boxBatchSizePerImage", config.boxBatchSizePerImage},
               {"maskHeadChannels", config.maskHeadChannels},
               {"boxHeadSize", config.boxHeadSize},
               {"returnedLayers", config.returnedLayers},
               {"fpnNorm", config.fpnNorm},
               {"maskHeadNorm", config.maskHeadNorm}};
  return json.dump(2) + "\n";
}

std::optional<TrainingConfig> fromJson(const std::string& text, const std::string& sourcePath, Error& error) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const nlohmann::json::parse_error& parseError) {
    error = Error{sourcePath, "", std::string("not valid JSON: ") + parseError.what()};
    return std::nullopt;
  }
  if (!json.is_object()) {
    error = Error{sourcePath, "", std::string("expected a JSON object, got ") + json.type_name()};
    return std::nullopt;
  }
  TrainingConfig config;
  FieldReader reader(json, sourcePath, "");
  reader.read("model", config.model);
  reader.read("dataRoot", config.dataRoot);
  reader.read("classes", config.classes);
  reader.read("inputSize", config.inputSize);
  reader.read("batchSize", config.batchSize);
  reader.read("epochs", config.epochs);
  reader.read("scheduleEpochs", config.scheduleEpochs);
  reader.readEnum<Optimizer>("optimizer", config.optimizer, {{"sgd", Optimizer::Sgd}, {"adamw", Optimizer::AdamW}});
  reader.read("learningRate", config.learningRate);
  reader.read("momentum", config.momentum);
  reader.read("weightDecay", config.weightDecay);
  reader.read("warmupIterations", config.warmupIterations);
  reader.read("warmupFactor", config.warmupFactor);
  reader.readEnum<LrSchedule>(
      "schedule", config.schedule,
      {{"constant", LrSchedule::Constant}, {"step", LrSchedule::Step}, {"cosine", LrSchedule::Cosine}});
  reader.read("stepMilestones", config.stepMilestones);
  reader.read("stepGamma", config.stepGamma);
  reader.read("gradientClipNorm", config.gradientClipNorm);
  reader.read("pretrainedWeights", config.pretrainedWeights);
  reader.read("pretrainedBackboneOnly", config.pretrainedBackboneOnly);
  reader.read("trainableBackboneLayers", config.trainableBackboneLayers);
  reader.read("device", config.device);
  reader.read("threads", config.threads);
  reader.read("seed", config.seed);
  reader.read("validationInterval", config.validationInterval);
  reader.read("evaluateMap", config.evaluateMap);
  reader.read("checkpointEveryIterations", config.checkpointEveryIterations);
  reader.read("skipNonFiniteSteps", config.skipNonFiniteSteps);
  reader.read("rpnPreNmsTopNTrain", config.rpnPreNmsTopNTrain);
  reader.read("rpnPostNmsTopNTrain", config.rpnPostNmsTopNTrain);
  reader.read("boxBatchSizePerImage", config.boxBatchSizePerImage);
  reader.read("maskHeadChannels", config.maskHeadChannels);
  reader.read("boxHeadSize", config.boxHeadSize);
  reader.read("returnedLayers", config.returnedLayers);
  reader.read("fpnNorm", config.fpnNorm);
  reader.read("maskHeadNorm", config.maskHeadNorm);
  if (reader.failed()) {
    error = *reader.error();
    return std::nullopt;
  }
  if (json.contains("augmentation")) {
    if (!json.at("augmentation").is_object()) {
      error = Error{sourcePath, "/augmentation", "expected an object"};
      return std::nullopt;
    }
    FieldReader augmentation(json.at("augmentation"), sourcePath, "/augmentation");
    AugmentationConfig& target = config.augmentation;
    augmentation.read("horizontalFlip", target.horizontalFlip);
    augmentation.read("scaleJitter", target.scaleJitter);
    augmentation.read("brightness", target.brightness);
    augmentation.read("contrast", target.contrast);
    augmentation.read("saturation", target.saturation);
    augmentation.read("hue", target.hue);
    augmentation.read("rotationDegrees", target.rotationDegrees);
    augmentation.read("randomCrop", target.randomCrop);
    if (augmentation.failed()) {
      error = *augmentation.error();
      return std::nullopt;
    }
  }
  return config;
}

std::optional<TrainingConfig> loadConfig(const std::string& path, Error& error) {
  std::string text;
  if (auto readError = readWholeFile(path, text)) {
    error = *readError;
    return std::nullopt;
  }
  return fromJson(text, path, error);
}

std::optional<Error> saveConfig(const TrainingConfig& config, const std::string& path) {
  return writeFileAtomically(path, toJson(config));
}

} // namespace polytrain::training
