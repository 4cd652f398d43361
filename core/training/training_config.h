#pragma once
// Everything that defines a training run, as a plain struct and as the run folder's config.json.
// Torch-free: the GUI's form and the CLI's options fill it; core/training's trainer reads it.
#include "core/common/error.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::training {

// Model names as torchvision spells them where torchvision has the model.
const std::vector<std::string>& knownModelNames();
bool isMaskModel(const std::string& modelName);

enum class Optimizer { Sgd, AdamW };
enum class LrSchedule { Constant, Step, Cosine };

struct AugmentationConfig {
  bool horizontalFlip = true;
  double scaleJitter = 0.1; // relative, 0 = off
  double brightness = 0.2;  // photometric jitter strengths, 0 = off
  double contrast = 0.2;
  double saturation = 0.2;
  double hue = 0.02;
  double rotationDegrees = 0.0; // 0 = off
  bool randomCrop = false;
};

struct TrainingConfig {
  std::string model = "maskrcnn_mobilenet_v3_large_fpn";
  std::string dataRoot;             // dataset root (train/ and test/, or one folder with a split)
  std::vector<std::string> classes; // without background; empty = collected from the dataset
  int inputSize = 320;              // shorter side (Mask R-CNN) or the fixed square (SSD)
  int batchSize = 4;
  int epochs = 20;
  // The epochs the learning-rate schedule spans; 0 = epochs. Extending a finished run raises epochs only, so the
  // added epochs continue at the rate the run ended with instead of restarting the schedule at its peak.
  int scheduleEpochs = 0;

  Optimizer optimizer = Optimizer::AdamW;
  double learningRate = 1e-3;
  double momentum = 0.9; // SGD only
  double weightDecay = 1e-4;
  int warmupIterations = 50;
  double warmupFactor = 0.001; // the learning rate starts at learningRate * warmupFactor
  LrSchedule schedule = LrSchedule::Step;
  std::vector<double> stepMilestones = {0.8}; // fractions of all iterations where the rate is multiplied by stepGamma
  double stepGamma = 0.1;
  double gradientClipNorm = 0.0; // 0 = off

  AugmentationConfig augmentation;
  std::string pretrainedWeights; // a torchvision .pth or our checkpoint; empty = from scratch
  bool pretrainedBackboneOnly = false;
  int trainableBackboneLayers = 3; // 0..5, as torchvision
  std::string device = "cpu";      // "cpu" or "cuda:N"
  int threads = 0;                 // 0 = one per core
  unsigned long long seed = 42;
  int validationInterval = 1;        // epochs between validations; 0 = never
  bool evaluateMap = true;           // mAP@0.5 and COCO AP at each validation
  int checkpointEveryIterations = 0; // 0 = only at the end of each epoch
  bool skipNonFiniteSteps = false;   // false: a NaN/Inf loss stops the run

  // Region proposal and head sizes that trade accuracy for speed on a CPU (torchvision's defaults when 0).
  int rpnPreNmsTopNTrain = 0;
  int rpnPostNmsTopNTrain = 0;
  int boxBatchSizePerImage = 0;
  // Mask R-CNN head widths (torchvision's 256 and 1024 when 0); narrower heads train several times faster on a CPU.
  int maskHeadChannels = 0;
  int boxHeadSize = 0;
  // Mask R-CNN: the backbone stages whose outputs feed the FPN, as torchvision's returned_layers (ResNet: layers
  // 1..4; MobileNetV3: stages 0..5). Empty = torchvision's ({1, 2, 3, 4}; MobileNetV3 {4, 5}, whose two maps both
  // have stride 32: 8x8 at 256 px, too coarse to tell a hexagon from a circle).
  std::vector<int> returnedLayers;
  // Mask R-CNN: BatchNorm in the FPN and in the mask head's convolutions (torchvision's v2 models have both).
  bool fpnNorm = false;
  bool maskHeadNorm = false;
};

// Named starting points: "cpu-quick" (Mask R-CNN, small input, MobileNetV3, measured on a 2-core CPU), "cpu-ssd"
// (SSDlite320, boxes only) and "gpu-accurate".
std::vector<std::string> presetNames();
std::optional<TrainingConfig> preset(const std::string& name);

// All problems with a configuration, each naming the field ("batchSize: must be at least 1, got 0").
std::vector<Error> validate(const TrainingConfig& config);

std::string toJson(const TrainingConfig& config);
// Unknown keys are ignored; a missing key keeps the default. Errors name the file and the JSON pointer.
std::optional<TrainingConfig> fromJson(const std::string& json, const std::string& sourcePath, Error& error);
std::optional<TrainingConfig> loadConfig(const std::string& path, Error& error);
std::optional<Error> saveConfig(const TrainingConfig& config, const std::string& path);

} // namespace polytrain::training
