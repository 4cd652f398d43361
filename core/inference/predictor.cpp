#include "core/inference/predictor.h"

#include "core/inference/checkpoint_build.h"
#include "core/inference/coco_category_names.h"
#include "core/inference/detection_conversion.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/image_tensors.h"
#include "core/models/pth_io.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <c10/core/InferenceMode.h>
#include <chrono>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <torch/cuda.h>

namespace polytrain::inference {
namespace {

namespace fs = std::filesystem;

Error errorAt(const std::string& path, const std::string& what) {
  return Error{path, "", what};
}

// The class count (background included) a torchvision detection state dict was trained for, or 0 when its layout
// does not say it plainly.
int64_t classCountInStateDict(const models::StateDict& state) {
  for (const auto& [name, tensor] : state)
    if (name == "roi_heads.box_predictor.cls_score.weight" || name == "roi_heads.box_predictor.cls_score.bias")
      return tensor.size(0);
  return 0;
}

// How torchvision's own detection weights are built: frozen batch norm, torchvision's head widths.
struct BuildSettings {
  int inputSize = 0;
  bool trainableNorm = true;
  int trainableBackboneLayers = 3;
  bool reducedTail = true;
};

c10::Device parseDevice(const std::string& name, std::string& problem) {
  if (name.empty() || name == "cpu")
    return c10::Device(c10::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available()) {
      problem = "device " + name + ": CUDA is not available (this libtorch is a CPU build or no GPU is present)";
      return c10::Device(c10::kCPU);
    }
    try {
      c10::Device device(name);
      if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
        problem = "device " + name + ": only " + std::to_string(torch::cuda::device_count()) + " CUDA devices";
      return device;
    } catch (const c10::Error&) {
      problem = "device \"" + name + "\": expected cpu, cuda or cuda:N";
      return c10::Device(c10::kCPU);
    }
  }
  problem = "device \"" + name + "\": expected cpu, cuda or cuda:N";
  return c10::Device(c10::kCPU);
}

class TorchPredictor final : public Predictor {
public:
  TorchPredictor(PredictorOptions options, std::unique_ptr<models::Detector> detector, std::string modelName,
                 std::vector<std::string> classes, c10::Device device)
      : options_(std::move(options)), detector_(std::move(detector)), modelName_(std::move(modelName)),
        classes_(std::move(classes)), device_(device) {
    detector_->module().eval();
    detector_->module().to(device_);
    applyLimits();
  }

  Prediction predict(const cv::Mat& image) override {
    Prediction prediction;
    prediction.imageWidth = image.cols;
    prediction.imageHeight = image.rows;
    if (image.empty())
      return prediction;
    const cv::Mat bgr = toBgr(image);
    const auto start = std::chrono::steady_clock::now();
    ConversionOptions conversion;
    conversion.scoreThreshold = options_.scoreThreshold;
    conversion.maxDetections = options_.maxDetections;
    conversion.maskThreshold = options_.maskThreshold;
    {
      c10::InferenceMode inference;
      at::Tensor input = models::image_tensor_from_bgr(bgr.data, bgr.rows, bgr.cols, bgr.step[0]);
      if (!device_.is_cpu())
        input = input.to(device_);
      models::Detection detection = detector_->detect({input}).front();
      if (!detector_->predicts_masks())
        detection.masks = at::Tensor();
      prediction = predictionFromDetection(detection, classes_, conversion, image.cols, image.rows);
    }
    prediction.inferenceMilliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return prediction;
  }

  const std::string& modelName() const override { return modelName_; }
  const std::vector<std::string>& classNames() const override { return classes_; }
  bool predictsMasks() const override { return detector_->predicts_masks(); }
  std::string deviceName() const override { return device_.str(); }
  const PredictorOptions& options() const override { return options_; }
  void setScoreThreshold(double threshold) override {
    options_.scoreThreshold = threshold;
    applyLimits();
  }

  TorchvisionExport exportWeights(const std::string& path) const {
    detector_->export_torchvision_weights(path);
    return {models::module_state_dict(detector_->module()).size(), models::torchvision_builder(detector_->options())};
  }

private:
  // What is not shown is not computed: the model drops low scores before its mask head. torchvision's 0.05 stays
  // the floor, so a threshold of 0 gives what torchvision's model gives.
  void applyLimits() {
    detector_->set_detection_limits(std::max(0.05, options_.scoreThreshold),
                                    options_.maxDetections > 0 ? options_.maxDetections : 100);
  }

  static cv::Mat toBgr(const cv::Mat& image) {
    cv::Mat eight = image;
    if (image.depth() != CV_8U)
      image.convertTo(eight, CV_8U);
    cv::Mat bgr;
    if (eight.channels() == 1)
      cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR);
    else if (eight.channels() == 4)
      cv::cvtColor(eight, bgr, cv::COLOR_BGRA2BGR);
    else
      bgr = eight;
    return bgr.isContinuous() ? bgr : bgr.clone();
  }

  PredictorOptions options_;
  std::unique_ptr<models::Detector> detector_;
  std::string modelName_;
  std::vector<std::string> classes_;
  c10::Device device_;
};

models::DetectorOptions detectorOptions(const std::string& name, size_t classCount, const BuildSettings& settings,
                                        const PredictorOptions& predictor) {
  models::DetectorOptions options;
  options.name = name;
  options.num_classes = static_cast<int64_t>(classCount) + 1;
  options.input_size = predictor.inputSize > 0 ? predictor.inputSize : settings.inputSize;
  options.trainable_norm = settings.trainableNorm;
  options.trainable_backbone_layers = settings.trainableBackboneLayers;
  options.reduced_tail = settings.reducedTail;
  return options;
}

std::variant<std::unique_ptr<Predictor>, Error> loadCheckpoint(const PredictorOptions& options, const std::string& path,
                                                               const models::CheckpointInfo& info, c10::Device device) {
  if (!options.modelName.empty() && options.modelName != info.model_name)
    return errorAt(path, "the checkpoint holds a " + info.model_name + " model, not " + options.modelName);
  std::vector<std::string> classes = info.classes;
  if (!options.classNames.empty()) {
    if (options.classNames.size() != classes.size())
      return errorAt(path, "the checkpoint was trained for " + std::to_string(classes.size()) + " classes, but " +
                               std::to_string(options.classNames.size()) + " class names were given");
    classes = options.classNames;
  }
  models::DetectorOptions build = detectorOptionsOfCheckpoint(info, path);
  if (options.inputSize > 0)
    build.input_size = options.inputSize;
  auto detector = models::make_detector(build);
  models::load_checkpoint(path, *detector, nullptr);
  return std::unique_ptr<Predictor>(
      std::make_unique<TorchPredictor>(options, std::move(detector), info.model_name, std::move(classes), device));
}

std::variant<std::unique_ptr<Predictor>, Error> loadTorchvision(const PredictorOptions& options,
                                                                const std::string& path, c10::Device device) {
  if (options.modelName.empty())
    return errorAt(path, "not a PolyTrain checkpoint; to load torchvision weights give the model name "
                         "(one of the models in `polytrain-cli train --help`)");
  const models::StateDict state = models::read_pth_state_dict(path);
  const int64_t fileClasses = classCountInStateDict(state);
  std::vector<std::string> classes = options.classNames;
  if (classes.empty()) {
    if (fileClasses == 91)
      classes = torchvisionCocoCategoryNames();
    else if (fileClasses > 1)
      for (int64_t label = 1; label < fileClasses; ++label)
        classes.push_back("class_" + std::to_string(label));
    else
      return errorAt(path, "the class count cannot be read from the file; give the class names");
  }
  if (fileClasses > 0 && fileClasses != static_cast<int64_t>(classes.size()) + 1)
    return errorAt(path, "the weights predict " + std::to_string(fileClasses - 1) + " classes (plus background), but " +
                             std::to_string(classes.size()) + " class names were given");
  BuildSettings settings;
  settings.trainableNorm = false; // torchvision's detection weights use frozen batch norm
  models::DetectorOptions build = detectorOptions(options.modelName, classes.size(), settings, options);
  models::fit_options_to_weights(build, path);
  auto detector = models::make_detector(build);
  const models::LoadReport report = detector->import_torchvision_weights(path);
  if (!report.reinitialised.empty() || !report.missing.empty())
    return errorAt(path, "not a complete " + options.modelName + " for " + std::to_string(classes.size()) +
                             " classes: " + report.summary());
  return std::unique_ptr<Predictor>(
      std::make_unique<TorchPredictor>(options, std::move(detector), options.modelName, std::move(classes), device));
}

} // namespace

std::string resolveWeightsPath(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error))
    return path;
  for (const char* name : {"weights/best_map.pt", "weights/best_loss.pt", "weights/last.pt"}) {
    const fs::path candidate = fs::path(path) / name;
    if (fs::is_regular_file(candidate, error))
      return candidate.string();
  }
  return path;
}

std::variant<TorchvisionExport, Error> exportTorchvisionWeights(const Predictor& predictor, const std::string& path) {
  const auto* model = dynamic_cast<const TorchPredictor*>(&predictor);
  if (model == nullptr)
    return errorAt(path, "this predictor holds no model weights");
  try {
    return model->exportWeights(path);
  } catch (const c10::Error& error) {
    return errorAt(path, error.what_without_backtrace());
  } catch (const std::exception& error) {
    std::string what = error.what();
    if (what.rfind(path + ": ", 0) == 0)
      what = what.substr(path.size() + 2);
    return errorAt(path, what);
  }
}

std::variant<std::unique_ptr<Predictor>, Error> Predictor::load(const PredictorOptions& options) {
  const std::string path = resolveWeightsPath(options.weightsPath);
  std::error_code fsError;
  if (path.empty())
    return errorAt(path, "no weights file given");
  if (fs::is_directory(path, fsError))
    return errorAt(path, "a folder without weights/best_map.pt, best_loss.pt or last.pt");
  if (!fs::is_regular_file(path, fsError))
    return errorAt(path, "no such file");
  if (options.scoreThreshold < 0 || options.scoreThreshold > 1)
    return errorAt(path, "score threshold " + std::to_string(options.scoreThreshold) + " is outside 0..1");
  std::string deviceProblem;
  const c10::Device device = parseDevice(options.device, deviceProblem);
  if (!deviceProblem.empty())
    return errorAt(path, deviceProblem);
  try {
    std::optional<models::CheckpointInfo> info;
    try {
      info = models::read_checkpoint_info(path);
    } catch (const c10::Error&) {
      // Not our archive: a torchvision state dict, tried next.
    }
    if (info)
      return loadCheckpoint(options, path, *info, device);
    return loadTorchvision(options, path, device);
  } catch (const c10::Error& error) {
    return errorAt(path, error.what_without_backtrace());
  } catch (const std::exception& error) {
    std::string what = error.what();
    if (what.rfind(path + ": ", 0) == 0)
      what = what.substr(path.size() + 2);
    return errorAt(path, what);
  }
}

} // namespace polytrain::inference
