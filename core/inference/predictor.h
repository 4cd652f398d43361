#pragma once
// A trained model ready to detect: our checkpoint (model name, classes and input size are inside it) or a
// torchvision state dict (.pth, with the model name and class names given). BGR image in, detections at the
// image's own resolution out. Torch-free header: the GUI's Infer mode and the CLI use it; torch stays in the .cpp.
#include "core/common/error.h"

#include <opencv2/core/mat.hpp>

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace polytrain::inference {

struct PredictorOptions {
  std::string weightsPath;             ///< our checkpoint (weights/best_map.pt, a run folder) or a torchvision .pth
  std::string modelName;               ///< required for a torchvision file; for a checkpoint empty or equal to its own
  std::vector<std::string> classNames; ///< without the background. A torchvision file needs them (or the count is
                                       ///< read from the file and names become class_1...); for a checkpoint they
                                       ///< rename its classes and must have the same count
  double scoreThreshold = 0.5;         ///< detections below are dropped (the model's own threshold is not raised)
  int maxDetections = 100;
  double maskThreshold = 0.5; ///< mask probability above which a pixel is inside
  std::string device = "cpu"; ///< "cpu", "cuda" or "cuda:N"
  int inputSize = 0;          ///< 0: the checkpoint's training input size, else the model's default
};

struct Instance {
  int label = 0; ///< 1..K; 0 is the background and never reported
  std::string className;
  float score = 0;
  cv::Rect2f box; ///< x, y, width, height in image pixels
  cv::Mat1b mask; ///< image-sized, 255 inside; empty for box-only models (SSD)
};

struct Prediction {
  std::vector<Instance> instances; ///< by decreasing score
  int imageWidth = 0;
  int imageHeight = 0;
  double inferenceMilliseconds = 0; ///< the model alone, without decoding or drawing
};

class Predictor {
public:
  /// Builds the model and loads the weights. A run folder means its weights/best_map.pt, else best_loss.pt, else
  /// last.pt. Errors name the file and the problem (unreadable, unknown model, class count differs, ...).
  static std::variant<std::unique_ptr<Predictor>, Error> load(const PredictorOptions& options);

  virtual ~Predictor() = default;

  /// An 8-bit BGR (or grey, or BGRA) image -> detections. Thread-compatible: one call at a time per predictor.
  virtual Prediction predict(const cv::Mat& image) = 0;

  virtual const std::string& modelName() const = 0;
  virtual const std::vector<std::string>& classNames() const = 0; ///< without the background
  virtual bool predictsMasks() const = 0;
  virtual std::string deviceName() const = 0;
  virtual const PredictorOptions& options() const = 0;
  /// Changes the score threshold for the next predictions (the Infer mode's slider).
  virtual void setScoreThreshold(double threshold) = 0;
};

/// The file a weights path stands for: a run folder's best checkpoint, or the path itself.
std::string resolveWeightsPath(const std::string& path);

struct TorchvisionExport {
  size_t tensors = 0;
  std::string pythonBuilder; ///< the torchvision expression that builds the model for the file; empty: none
};

/// Writes the loaded model's weights as a plain torchvision state dict (.pth, written atomically) that
/// torchvision's builder for the model with num_classes = classes + 1 loads strictly. Errors name `path`. Only a
/// predictor made by Predictor::load holds weights to export.
std::variant<TorchvisionExport, Error> exportTorchvisionWeights(const Predictor& predictor, const std::string& path);

} // namespace polytrain::inference
