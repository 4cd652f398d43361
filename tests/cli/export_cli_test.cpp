// `polytrain-cli export CHECKPOINT --format torchvision --out FILE.pth`: the real binary on seeded random-weight
// checkpoints, the file loaded strictly by torchvision's own builder (Debian's python3 and torchvision 0.14) whose
// detections must be ours; then the exported .pth given back to `infer` and `eval` with --model and --classes.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/image_tensors.h"
#include "core/training/training_config.h"
#include "tests/support/run_command.h"

#include <ATen/ATen.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <torch/nn/module.h>

namespace fs = std::filesystem;
using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

namespace {

const std::string kCli = std::string(POLYTRAIN_CLI_PATH) + " --threads 2";
const std::vector<std::string> kClasses = {"circle", "square", "triangle", "hexagon", "star"};
const std::string kClassList = "circle,square,triangle,hexagon,star";

const fs::path& workFolder() {
  static const fs::path folder = [] {
    const fs::path root = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "export_cli";
    fs::remove_all(root);
    fs::create_directories(root);
    polytrain::dataset::DemoOptions demo;
    demo.images = 6;
    demo.width = 80;
    demo.height = 64;
    demo.testRatio = 0.34;
    demo.seed = 5;
    EXPECT_TRUE(polytrain::dataset::makeDemoDataset((root / "demo").string(), demo).errors.empty());
    return root;
  }();
  return folder;
}

std::string quoted(const fs::path& relative) {
  return shellQuote((workFolder() / relative).string());
}

fs::path firstTestImage() {
  for (const auto& entry : fs::directory_iterator(workFolder() / "demo" / "test"))
    if (entry.path().extension() == ".png")
      return entry.path();
  ADD_FAILURE() << "no test image in the demo set";
  return {};
}

// Untrained weights give near-equal scores everywhere; as the model parity oracles do, spread norm statistics and
// head biases, and for SSD (whose N(0, 0.03) initialisation loses the signal on the way) He-scaled convolutions, so
// that scores depend on the image and do not tie. Mask R-CNN's Kaiming initialisation already carries the signal.
void spreadWeights(torch::nn::Module& module, bool heScaledConvolutions) {
  at::NoGradGuard noGrad;
  for (auto& item : module.named_buffers()) {
    if (item.key().find("running_mean") != std::string::npos)
      item.value().copy_(0.1 * at::randn(item.value().sizes()));
    else if (item.key().find("running_var") != std::string::npos)
      item.value().copy_(0.5 + at::rand(item.value().sizes()));
  }
  for (auto& item : module.named_parameters()) {
    const std::string& name = item.key();
    at::Tensor value = item.value();
    if (heScaledConvolutions && value.dim() == 4) {
      value.copy_(at::randn(value.sizes()) * std::sqrt(2.0 / static_cast<double>(value[0].numel())));
      continue;
    }
    const bool head = name.find("predictor") != std::string::npos || name.find("rpn.head") != std::string::npos ||
                      name.rfind("head.", 0) == 0;
    if (head && name.size() > 4 && name.compare(name.size() - 4, 4, "bias") == 0)
      value.copy_((heScaledConvolutions ? 0.5 : 0.2) * at::randn(value.sizes()));
  }
}

// A run folder as a from-scratch run leaves it; returns the model, in eval mode, for our side of the comparison.
std::unique_ptr<polytrain::models::Detector> makeRun(const std::string& run, const std::string& model, int inputSize,
                                                     bool reducedTail = true) {
  at::manual_seed(7);
  polytrain::training::TrainingConfig config;
  config.model = model;
  config.inputSize = inputSize;
  config.classes = kClasses;
  polytrain::models::DetectorOptions options;
  options.name = model;
  options.num_classes = static_cast<int64_t>(kClasses.size()) + 1;
  options.input_size = inputSize;
  options.trainable_norm = true;
  options.reduced_tail = reducedTail;
  auto detector = polytrain::models::make_detector(options);
  spreadWeights(detector->module(), model.rfind("ssd", 0) == 0);
  polytrain::models::CheckpointInfo info;
  info.model_name = model;
  info.classes = kClasses;
  info.config_json = polytrain::training::toJson(config);
  fs::create_directories(workFolder() / run / "weights");
  polytrain::models::save_checkpoint((workFolder() / run / "weights" / "last.pt").string(), *detector, nullptr, info);
  detector->module().eval();
  return detector;
}

nlohmann::json torchvisionDetections(const std::string& model, const fs::path& file, const fs::path& image,
                                     const std::string& builderArguments) {
  const std::string script = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/cli/oracle/torchvision_export_check.py";
  const auto output = runCommand(std::string(POLYTRAIN_PYTHON) + " " + shellQuote(script) + " " + model + " " +
                                 shellQuote(file.string()) + " " + std::to_string(kClasses.size() + 1) + " " +
                                 shellQuote(image.string()) + " " + builderArguments + " 2>/dev/null");
  EXPECT_EQ(output.exitCode, 0) << output.text;
  try {
    return nlohmann::json::parse(output.text);
  } catch (const nlohmann::json::exception&) {
    ADD_FAILURE() << "torchvision did not load the file: " << output.text;
    return nlohmann::json::object();
  }
}

double iou(const at::Tensor& box, const nlohmann::json& other) {
  const auto a = box.accessor<float, 1>();
  const double ix = std::max(0.0, std::min<double>(a[2], other[2]) - std::max<double>(a[0], other[0]));
  const double iy = std::max(0.0, std::min<double>(a[3], other[3]) - std::max<double>(a[1], other[1]));
  const double areaA = (a[2] - a[0]) * (a[3] - a[1]);
  const double areaB =
      (other[2].get<double>() - other[0].get<double>()) * (other[3].get<double>() - other[1].get<double>());
  return ix * iy / (areaA + areaB - ix * iy);
}

// Our detections on the image against torchvision's with the exported weights: the same count, and each of our
// ten best found among theirs (same label, score to 1e-4, box IoU > 0.999; near-equal scores may swap places).
void expectSameDetections(polytrain::models::Detector& detector, const fs::path& image, const nlohmann::json& theirs) {
  const cv::Mat bgr = cv::imread(image.string());
  ASSERT_FALSE(bgr.empty());
  polytrain::models::Detection ours;
  {
    at::NoGradGuard noGrad;
    ours =
        detector.detect({polytrain::models::image_tensor_from_bgr(bgr.data, bgr.rows, bgr.cols, bgr.step[0])}).front();
  }
  ASSERT_TRUE(theirs.contains("scores"));
  const int64_t count = ours.scores.size(0);
  ASSERT_GT(count, 0) << "the spread weights should give detections";
  EXPECT_EQ(count, static_cast<int64_t>(theirs["scores"].size()));
  for (int64_t index = 0; index < std::min<int64_t>(count, 10); ++index) {
    const double score = ours.scores[index].item<double>();
    const int64_t label = ours.labels[index].item<int64_t>();
    bool found = false;
    for (size_t other = 0; other < theirs["scores"].size() && !found; ++other)
      found = theirs["labels"][other].get<int64_t>() == label &&
              std::abs(theirs["scores"][other].get<double>() - score) < 1e-4 &&
              iou(ours.boxes[index].contiguous(), theirs["boxes"][other]) > 0.999;
    EXPECT_TRUE(found) << "detection " << index << " (label " << label << ", score " << score << ", box "
                       << ours.boxes[index] << ") is not among torchvision's: " << theirs.dump();
  }
}

} // namespace

TEST(ExportCliTest, MaskRcnnCheckpointLoadsIntoTorchvisionsBuilderAndDetectsTheSame) {
  auto detector = makeRun("mrcnn_run", "maskrcnn_resnet50_fpn", 64);
  const auto output =
      runCommand(kCli + " export " + quoted("mrcnn_run") + " --format torchvision --out " + quoted("mrcnn.pth"));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("Exported maskrcnn_resnet50_fpn"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("Labels 1..5: circle square triangle hexagon star"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=6)"),
            std::string::npos)
      << output.text;
  const fs::path image = firstTestImage();
  // Our input size 64 is the transform's min_size, with torchvision's 800/1333 allowance scaled: max_size 106.
  const nlohmann::json theirs =
      torchvisionDetections("maskrcnn_resnet50_fpn", workFolder() / "mrcnn.pth", image, "min_size=64 max_size=106");
  EXPECT_EQ(theirs.value("type", ""), "dict");
  expectSameDetections(*detector, image, theirs);
}

TEST(ExportCliTest, SsdliteCheckpointLoadsIntoTorchvisionsBuilderAndDetectsTheSame) {
  auto detector = makeRun("ssd_run", "ssdlite320_mobilenet_v3_large", 320);
  const auto output = runCommand(kCli + " export " + quoted("ssd_run/weights/last.pt") + " --out " + quoted("ssd.pth"));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("Exported ssdlite320_mobilenet_v3_large"), std::string::npos) << output.text;
  const fs::path image = firstTestImage();
  const nlohmann::json theirs =
      torchvisionDetections("ssdlite320_mobilenet_v3_large", workFolder() / "ssd.pth", image, "");
  expectSameDetections(*detector, image, theirs);
}

TEST(ExportCliTest, InferAndEvalTakeTheExportedPthWithModelAndClasses) {
  makeRun("mrcnn_run", "maskrcnn_resnet50_fpn", 64);
  ASSERT_EQ(runCommand(kCli + " export " + quoted("mrcnn_run") + " --out " + quoted("mrcnn.pth")).exitCode, 0);
  const std::string torchvisionFile = " --weights " + quoted("mrcnn.pth") +
                                      " --model maskrcnn_resnet50_fpn --classes " + kClassList + " --input-size 64";
  const auto fromPth = runCommand(kCli + " infer image " + quoted("demo/test") + torchvisionFile +
                                  " --threshold 0.1 --json " + quoted("pth.json"));
  ASSERT_EQ(fromPth.exitCode, 0) << fromPth.text;
  EXPECT_NE(fromPth.text.find("maskrcnn_resnet50_fpn on cpu, 5 classes"), std::string::npos) << fromPth.text;
  const auto fromRun = runCommand(kCli + " infer image " + quoted("demo/test") + " --weights " + quoted("mrcnn_run") +
                                  " --threshold 0.1 --json " + quoted("run.json"));
  ASSERT_EQ(fromRun.exitCode, 0) << fromRun.text;
  nlohmann::json pth, run;
  std::ifstream(workFolder() / "pth.json") >> pth;
  std::ifstream(workFolder() / "run.json") >> run;
  // The same detections; equal scores may come in either order. The checkpoint runs BatchNorm in eval mode, the .pth
  // (torchvision detection weights) frozen batch norm: the same function rounded differently, through 50 layers.
  ASSERT_EQ(pth.size(), run.size());
  ASSERT_GT(run.size(), 0u);
  std::vector<bool> used(pth.size(), false);
  for (size_t index = 0; index < run.size(); ++index) {
    bool found = false;
    for (size_t other = 0; other < pth.size() && !found; ++other) {
      if (used[other] || pth[other]["image_id"] != run[index]["image_id"] ||
          pth[other]["category_id"] != run[index]["category_id"] ||
          std::abs(pth[other]["score"].get<double>() - run[index]["score"].get<double>()) > 1e-3)
        continue;
      found = true;
      for (int k = 0; k < 4; ++k)
        found = found && std::abs(pth[other]["bbox"][k].get<double>() - run[index]["bbox"][k].get<double>()) < 0.05;
      used[other] = found;
    }
    EXPECT_TRUE(found) << "detection " << run[index].dump() << " of the checkpoint is not among the .pth's";
  }

  // eval matches the file's classes to the dataset's by name: with the names given, every class is scored.
  const auto eval = runCommand(kCli + " eval --data " + quoted("demo") + torchvisionFile);
  ASSERT_EQ(eval.exitCode, 0) << eval.text;
  EXPECT_NE(eval.text.find("IoU type: segm"), std::string::npos) << eval.text;
  EXPECT_EQ(eval.text.find("detections of classes the dataset lacks"), std::string::npos) << eval.text;
  const auto unnamed = runCommand(kCli + " eval --data " + quoted("demo") + " --weights " + quoted("mrcnn.pth") +
                                  " --model maskrcnn_resnet50_fpn --input-size 64");
  EXPECT_EQ(unnamed.exitCode, 1) << unnamed.text;
  EXPECT_NE(unnamed.text.find("none of the model's classes is a class of the dataset"), std::string::npos)
      << unnamed.text;
}

TEST(ExportCliTest, ErrorsNameTheFile) {
  const auto missing = runCommand(kCli + " export " + quoted("nope.pt") + " --out " + quoted("x.pth"));
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.text.find("nope.pt: no such file"), std::string::npos) << missing.text;

  const auto format = runCommand(kCli + " export " + quoted("nope.pt") + " --format onnx --out " + quoted("x.pth"));
  EXPECT_NE(format.exitCode, 0);
  EXPECT_NE(format.text.find("onnx"), std::string::npos) << format.text;

  std::ofstream(workFolder() / "garbage.pt") << "not a checkpoint";
  const auto garbage = runCommand(kCli + " export " + quoted("garbage.pt") + " --out " + quoted("x.pth"));
  EXPECT_EQ(garbage.exitCode, 1);
  EXPECT_NE(garbage.text.find("garbage.pt: "), std::string::npos) << garbage.text;

  makeRun("small_run", "ssdlite320_mobilenet_v3_large", 320);
  const auto unwritable =
      runCommand(kCli + " export " + quoted("small_run") + " --out " + quoted("no/such/folder/out.pth"));
  EXPECT_EQ(unwritable.exitCode, 1);
  EXPECT_NE(unwritable.text.find("no/such/folder/out.pth: "), std::string::npos) << unwritable.text;
}

// A run started from ImageNet MobileNetV3 weights has SSDlite's full tail (as torchvision builds it then): the
// checkpoint says so, infer rebuilds that model, and export names the torchvision call that builds it.
TEST(ExportCliTest, FullTailSsdliteRunInfersAndExportsWithTheMatchingBuilder) {
  makeRun("full_tail_run", "ssdlite320_mobilenet_v3_large", 320, false);
  const auto infer = runCommand(kCli + " infer image " + quoted("demo/test") + " --weights " + quoted("full_tail_run"));
  EXPECT_EQ(infer.exitCode, 0) << infer.text;
  const auto exported = runCommand(kCli + " export " + quoted("full_tail_run") + " --out " + quoted("full.pth"));
  ASSERT_EQ(exported.exitCode, 0) << exported.text;
  EXPECT_NE(exported.text.find("weights_backbone=torchvision.models.MobileNet_V3_Large_Weights.IMAGENET1K_V1"),
            std::string::npos)
      << exported.text;
  // The exported file goes back in as a torchvision .pth: its tail width is read from the file.
  const auto back = runCommand(kCli + " infer image " + quoted("demo/test") + " --weights " + quoted("full.pth") +
                               " --model ssdlite320_mobilenet_v3_large --classes " + kClassList);
  EXPECT_EQ(back.exitCode, 0) << back.text;
}

// A Mask R-CNN trained with narrower heads and a stride-16 FPN level (the CPU preset's) has no torchvision builder of
// its own: export names the MaskRCNN(...) call with those heads and returned layers, which Python runs as printed and
// which loads the file strictly; infer rebuilds the widths from the run's config.
TEST(ExportCliTest, NarrowHeadMaskRcnnExportsABuilderLineTorchvisionRunsAndLoads) {
  at::manual_seed(7);
  polytrain::training::TrainingConfig config;
  config.model = "maskrcnn_mobilenet_v3_large_fpn";
  config.inputSize = 96;
  config.classes = kClasses;
  config.maskHeadChannels = 64;
  config.boxHeadSize = 128;
  config.returnedLayers = {3, 5};
  polytrain::models::DetectorOptions options;
  options.name = config.model;
  options.num_classes = static_cast<int64_t>(kClasses.size()) + 1;
  options.input_size = config.inputSize;
  options.trainable_norm = true;
  options.mask_head_channels = config.maskHeadChannels;
  options.box_head_size = config.boxHeadSize;
  options.returned_layers = {3, 5};
  auto detector = polytrain::models::make_detector(options);
  polytrain::models::CheckpointInfo info;
  info.model_name = config.model;
  info.classes = kClasses;
  info.config_json = polytrain::training::toJson(config);
  fs::create_directories(workFolder() / "narrow_run" / "weights");
  polytrain::models::save_checkpoint((workFolder() / "narrow_run" / "weights" / "last.pt").string(), *detector, nullptr,
                                     info);
  const auto infer = runCommand(kCli + " infer image " + quoted("demo/test") + " --weights " + quoted("narrow_run"));
  EXPECT_EQ(infer.exitCode, 0) << infer.text;
  const auto exported = runCommand(kCli + " export " + quoted("narrow_run") + " --out " + quoted("narrow.pth"));
  ASSERT_EQ(exported.exitCode, 0) << exported.text;
  const std::string marker = "In Python: model = ";
  const size_t start = exported.text.find(marker);
  ASSERT_NE(start, std::string::npos) << exported.text;
  const std::string line =
      exported.text.substr(start + marker.size(), exported.text.find('\n', start) - start - marker.size());
  EXPECT_NE(line.find("MaskRCNNHeads(256, [64] * 4, 1)"), std::string::npos) << line;
  EXPECT_NE(line.find("TwoMLPHead(256 * 7 * 7, 128)"), std::string::npos) << line;
  EXPECT_NE(line.find("returned_layers=[3, 5]"), std::string::npos) << line;
  const fs::path script = workFolder() / "narrow_check.py";
  std::ofstream(script) << "import torch, torchvision\nmodel = " << line << "\nprint('loaded strictly')\n";
  const auto python = runCommand(std::string(POLYTRAIN_PYTHON) + " " + shellQuote(script.string()) + " 2>&1");
  EXPECT_EQ(python.exitCode, 0) << python.text;
  EXPECT_NE(python.text.find("loaded strictly"), std::string::npos) << python.text;
}
