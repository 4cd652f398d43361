// SSD detectors against torchvision: seeded random torchvision weights loaded into ours give the same eval
// detections and the same train-mode losses and gradients; state_dict names and order equal torchvision's; weight
// export loads into torchvision's builders and classification backbones import.
#include "models_oracle_support.h"

#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/ssd.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <filesystem>

namespace polytrain::models {
namespace {

using test::ModelsOracle;

constexpr const char* kScript = "ssd_oracle.py";

struct Variant {
  std::string name;         // our model name
  std::string oracle_model; // ssd_oracle.py model=
  std::vector<std::string> oracle_options;
};

bool is_double(const Variant& v) {
  return std::find(v.oracle_options.begin(), v.oracle_options.end(), "dtype=double") != v.oracle_options.end();
}

std::vector<std::string> oracle_args(const Variant& v) {
  std::vector<std::string> args = {"model=" + v.oracle_model};
  args.insert(args.end(), v.oracle_options.begin(), v.oracle_options.end());
  return args;
}

int64_t num_classes_of(const Variant& v) {
  for (const auto& o : v.oracle_options) {
    if (o.rfind("num_classes=", 0) == 0) {
      return std::stoll(o.substr(12));
    }
  }
  return 3;
}

SSD model_for(const Variant& v, const ModelsOracle& oracle) {
  SSDOptions options = ssd_options(v.name, num_classes_of(v));
  options.reduced_tail = v.oracle_model != "ssdlite_full_tail";
  SSD model(options);
  if (is_double(v)) {
    model->to(at::kDouble);
  }
  const LoadReport report = import_torchvision_weights(*model, oracle.file("weights.pth"));
  EXPECT_TRUE(report.reinitialised.empty()) << report.summary();
  EXPECT_TRUE(report.missing.empty()) << report.summary();
  EXPECT_TRUE(report.unexpected.empty()) << report.summary();
  // Same parameter and buffer names, in the same order, as torchvision's state_dict().
  const StateDict theirs = read_pth_state_dict(oracle.file("weights.pth"));
  const StateDict ours = module_state_dict(*model);
  EXPECT_EQ(ours.size(), theirs.size());
  for (size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i) {
    EXPECT_EQ(ours[i].first, theirs[i].first) << "state_dict entry " << i;
    if (ours[i].first != theirs[i].first) {
      break;
    }
  }
  return model;
}

void check_eval_parity(const Variant& v, int seed) {
  const ModelsOracle oracle("eval", seed, oracle_args(v), kScript);
  SSD model = model_for(v, oracle);
  model->eval();
  torch::NoGradGuard no_grad;
  std::vector<at::Tensor> images;
  for (int64_t i = 0; i < oracle.count(); ++i) {
    images.push_back(oracle.at("image", i));
  }
  const std::vector<Detection> dets = model->detect(images);
  ASSERT_EQ(static_cast<int64_t>(dets.size()), oracle.count());
  int64_t total = 0;
  for (int64_t i = 0; i < oracle.count(); ++i) {
    const Detection& d = dets[static_cast<size_t>(i)];
    const at::Tensor& boxes = oracle.at("boxes", i);
    ASSERT_EQ(d.boxes.sizes(), boxes.sizes()) << v.name << " image " << i;
    total += boxes.size(0);
    const double box_scale = std::max(1.0, boxes.numel() ? boxes.abs().max().item<double>() : 1.0);
    EXPECT_LE(test::max_abs_diff(d.boxes, boxes), 1e-4 * box_scale) << v.name << " image " << i;
    EXPECT_LE(test::max_abs_diff(d.scores, oracle.at("scores", i)), 1e-4) << v.name << " image " << i;
    EXPECT_TRUE(at::equal(d.labels, oracle.at("labels", i))) << v.name << " image " << i;
    EXPECT_FALSE(d.masks.defined());
  }
  EXPECT_GT(total, 0) << "the oracle produced no detections: the comparison would be empty";
}

TEST(SsdParity, SsdLite320MobileNetV3EvalMatchesTorchvision) {
  check_eval_parity({"ssdlite320_mobilenet_v3_large", "ssdlite", {"dtype=double"}}, 11);
}

TEST(SsdParity, SsdLite320MobileNetV3EvalWithManyCandidatesMatchesTorchvision) {
  // 7 classes x 300 candidates: more than 1000 boxes, where torchvision's batched_nms runs one nms per class
  check_eval_parity({"ssdlite320_mobilenet_v3_large", "ssdlite", {"dtype=double", "n=1", "num_classes=8"}}, 14);
}

TEST(SsdParity, SsdLite320MobileNetV3FullTailEvalMatchesTorchvision) {
  // the model torchvision builds when given ImageNet backbone weights: 960 channels in the last stage
  check_eval_parity({"ssdlite320_mobilenet_v3_large", "ssdlite_full_tail", {"dtype=double"}}, 15);
}

TEST(SsdParity, Ssd300Vgg16EvalMatchesTorchvision) {
  check_eval_parity({"ssd300_vgg16", "ssd300", {"dtype=double", "n=1"}}, 12);
}

TEST(SsdParity, SsdLite320MobileNetV2EvalMatchesTorchvisionParts) {
  check_eval_parity({"ssdlite320_mobilenet_v2", "ssdlite_v2", {"dtype=double", "n=1"}}, 13);
}

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) {
    s += (s.empty() ? "" : ",") + n;
  }
  return s;
}

void check_train_parity(Variant v, int seed, const std::vector<std::string>& grads,
                        const std::vector<std::string>& buffers) {
  v.oracle_options.push_back("grads=" + join(grads));
  v.oracle_options.push_back("buffers=" + join(buffers));
  const ModelsOracle oracle("train", seed, oracle_args(v), kScript);
  SSD model = model_for(v, oracle);
  model->train();
  std::vector<at::Tensor> images;
  std::vector<Target> targets;
  for (int64_t i = 0; i < oracle.count(); ++i) {
    images.push_back(oracle.at("image", i));
    targets.push_back({oracle.at("boxes", i), oracle.at("labels", i), at::Tensor()});
  }
  const LossDict losses = model->losses(images, targets);
  const std::vector<std::string> names = {"bbox_regression", "classification"};
  ASSERT_EQ(losses.size(), names.size());
  at::Tensor total = at::zeros({}, losses.front().second.options());
  const double tolerance = is_double(v) ? 1e-7 : 1e-4;
  for (size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(losses[k].first, names[k]);
    const at::Tensor& want = oracle.at(names[k]);
    EXPECT_GT(want.item<double>(), 0.0) << names[k] << ": a zero loss would compare nothing";
    EXPECT_NEAR(losses[k].second.item<double>(), want.item<double>(),
                tolerance * std::max(1.0, want.abs().item<double>()))
        << v.name << " " << names[k];
    total = total + losses[k].second;
  }
  total.backward();
  const auto params = model->named_parameters();
  for (const auto& name : grads) {
    const at::Tensor& want = oracle.at("grad/" + name);
    const at::Tensor& grad = params[name].grad();
    ASSERT_TRUE(grad.defined()) << name;
    const double scale = std::max(1e-3, want.abs().max().item<double>());
    EXPECT_LE(test::max_abs_diff(grad, want), (is_double(v) ? 1e-6 : 1e-3) * scale) << v.name << " " << name;
  }
  const auto named_buffers = model->named_buffers();
  for (const auto& name : buffers) {
    // BatchNorm momentum 0.03 moved the running statistics exactly as torchvision's did.
    EXPECT_LE(test::max_abs_diff(named_buffers[name], oracle.at("buffer/" + name)), 1e-6) << v.name << " " << name;
  }
}

TEST(SsdParity, SsdLite320MobileNetV3TrainLossesAndGradientsMatchTorchvision) {
  check_train_parity(
      {"ssdlite320_mobilenet_v3_large", "ssdlite", {"dtype=double"}}, 21,
      {"head.classification_head.module_list.0.1.weight", "head.regression_head.module_list.5.1.weight",
       "backbone.extra.0.0.0.weight", "backbone.features.0.0.0.weight"},
      {"backbone.features.1.3.1.running_mean", "head.classification_head.module_list.2.0.1.running_var"});
}

TEST(SsdParity, Ssd300Vgg16TrainLossesAndGradientsMatchTorchvision) {
  check_train_parity({"ssd300_vgg16", "ssd300", {"n=1"}}, 22,
                     {"backbone.scale_weight", "head.classification_head.module_list.0.weight",
                      "head.regression_head.module_list.1.weight", "backbone.extra.0.7.1.weight"},
                     {});
}

TEST(SsdParity, SsdLite320MobileNetV2TrainLossesMatchWithAnImageWithoutBoxes) {
  check_train_parity({"ssdlite320_mobilenet_v2", "ssdlite_v2", {"dtype=double", "empty1=1"}}, 23,
                     {"head.classification_head.module_list.1.1.weight", "backbone.features.1.0.1.0.weight"},
                     {"backbone.features.0.14.1.running_mean"});
}

void check_export(const std::string& name, const std::string& oracle_model) {
  SSD model(ssd_options(name, 5));
  const std::string dir = test::fresh_test_dir("ssd_export");
  const std::string file = dir + "/exported.pth";
  export_torchvision_weights(*model, file);
  const std::string echo =
      "head.classification_head.module_list.0." + std::string(name == "ssd300_vgg16" ? "weight" : "1.weight");
  const auto data =
      test::run_oracle("check_export", 0, dir + "/check",
                       {"file=" + file, "model=" + oracle_model, "num_classes=5", "echo=" + echo}, kScript);
  EXPECT_EQ(data.at("type").item<int64_t>(), 1); // a plain dict
  EXPECT_EQ(data.at("n").item<int64_t>(), static_cast<int64_t>(module_state_dict(*model).size()));
  EXPECT_TRUE(at::equal(data.at("echo"), model->named_parameters()[echo])) << name;
  std::filesystem::remove_all(dir);
}

TEST(SsdWeights, ExportLoadsIntoTorchvisionSsdLite320MobileNetV3Builder) {
  check_export("ssdlite320_mobilenet_v3_large", "ssdlite");
}

TEST(SsdWeights, ExportLoadsIntoTorchvisionSsd300Vgg16Builder) {
  check_export("ssd300_vgg16", "ssd300");
}

TEST(SsdWeights, ExportOfMobileNetV2VariantLoadsIntoTorchvisionParts) {
  check_export("ssdlite320_mobilenet_v2", "ssdlite_v2");
}

TEST(SsdWeights, ImportsClassificationBackbones) {
  const ModelsOracle oracle("classifier", 2, {}, kScript);
  struct Case {
    std::string model, file, probe, ours;
  };
  for (const Case& c : std::vector<Case>{
           {"ssd300_vgg16", "vgg16.pth", "features.28.weight", "backbone.extra.0.5.weight"},
           {"ssd300_vgg16", "vgg16.pth", "features.21.bias", "backbone.features.21.bias"},
           {"ssdlite320_mobilenet_v3_large", "mobilenet_v3.pth", "features.13.block.0.0.weight",
            "backbone.features.0.13.0.weight"},
           {"ssdlite320_mobilenet_v3_large", "mobilenet_v3.pth", "features.5.block.2.fc1.weight",
            "backbone.features.0.5.block.2.fc1.weight"},
           {"ssdlite320_mobilenet_v2", "mobilenet_v2.pth", "features.14.conv.1.0.weight",
            "backbone.features.1.0.1.0.weight"},
           {"ssdlite320_mobilenet_v2", "mobilenet_v2.pth", "features.18.1.running_var",
            "backbone.features.1.4.1.running_var"},
       }) {
    SSD model(ssd_options(c.model, 4));
    const LoadReport report = import_torchvision_weights(*model, oracle.file(c.file));
    EXPECT_GT(report.loaded, 20) << c.model << " " << report.summary();
    EXPECT_FALSE(report.missing.empty()) << c.model; // the extra layers and heads are not in a classifier
    EXPECT_TRUE(report.unexpected.empty()) << c.model << " " << report.summary();
    if (c.model == "ssdlite320_mobilenet_v3_large") {
      // ImageNet MobileNetV3 has the full-width last stage; the reduced tail keeps its own initialisation there.
      EXPECT_FALSE(report.reinitialised.empty()) << report.summary();
    } else {
      EXPECT_TRUE(report.reinitialised.empty()) << report.summary();
    }
    bool found = false;
    const auto params = model->named_parameters();
    const auto buffers = model->named_buffers();
    for (const auto& [k, t] : read_pth_state_dict(oracle.file(c.file))) {
      if (k == c.probe) {
        found = true;
        const at::Tensor& mine = params.contains(c.ours) ? params[c.ours] : buffers[c.ours];
        EXPECT_TRUE(at::equal(mine, t)) << c.model << " " << c.ours;
      }
    }
    EXPECT_TRUE(found) << c.probe;
  }
}

// torchvision builds SSDlite with the full MobileNetV3 tail when given ImageNet backbone weights; so does the
// factory once fit_options_to_weights has seen such a file, and then every backbone tensor of the file loads.
TEST(SsdWeights, ImageNetMobileNetV3FileGivesTheFullTailAndLoadsEveryTensor) {
  const ModelsOracle oracle("classifier", 3, {}, kScript);
  const std::string file = oracle.file("mobilenet_v3.pth");
  DetectorOptions options;
  options.name = "ssdlite320_mobilenet_v3_large";
  options.num_classes = 4;
  ASSERT_TRUE(options.reduced_tail);
  fit_options_to_weights(options, file);
  EXPECT_FALSE(options.reduced_tail);
  std::unique_ptr<Detector> detector = make_detector(options);
  EXPECT_FALSE(detector->options().reduced_tail);
  const LoadReport report = detector->import_torchvision_weights(file);
  EXPECT_TRUE(report.reinitialised.empty()) << report.summary();
  EXPECT_TRUE(report.unexpected.empty()) << report.summary();
  int64_t trunk = 0;
  const auto params = detector->module().named_parameters();
  const auto buffers = detector->module().named_buffers();
  for (const auto& [name, tensor] : read_pth_state_dict(file)) {
    if (name.rfind("features.", 0) != 0)
      continue;
    ++trunk;
    // the tail: features.16 is the trunk's last 1x1 convolution, 960 channels wide (SSDlite's features.1.3)
    if (name == "features.16.0.weight" || name == "features.15.block.0.0.weight" ||
        name == "features.16.1.running_var") {
      const std::string ours = name == "features.16.0.weight"        ? "backbone.features.1.3.0.weight"
                               : name == "features.16.1.running_var" ? "backbone.features.1.3.1.running_var"
                                                                     : "backbone.features.1.2.block.0.0.weight";
      const at::Tensor& mine = params.contains(ours) ? params[ours] : buffers[ours];
      EXPECT_TRUE(at::equal(mine, tensor)) << name << " -> " << ours;
    }
  }
  EXPECT_EQ(report.loaded, trunk) << report.summary();

  // A whole SSDlite state dict keeps its own tail: reduced from torchvision's builder without backbone weights.
  const ModelsOracle reduced("eval", 32, {"model=ssdlite", "n=1"}, kScript);
  DetectorOptions whole = options;
  whole.num_classes = 3; // the oracle's
  fit_options_to_weights(whole, reduced.file("weights.pth"));
  EXPECT_TRUE(whole.reduced_tail);
  const ModelsOracle full("eval", 33, {"model=ssdlite_full_tail", "n=1"}, kScript);
  fit_options_to_weights(whole, full.file("weights.pth"));
  EXPECT_FALSE(whole.reduced_tail);
  std::unique_ptr<Detector> fullTail = make_detector(whole);
  const LoadReport all = fullTail->import_torchvision_weights(full.file("weights.pth"));
  EXPECT_TRUE(all.reinitialised.empty() && all.missing.empty()) << all.summary();

  // Our checkpoint records the tail, so the model can be rebuilt for it.
  const std::string dir = test::fresh_test_dir("ssd_full_tail_checkpoint");
  CheckpointInfo info;
  info.model_name = whole.name;
  info.classes = {"a", "b"};
  save_checkpoint(dir + "/last.pt", *fullTail, nullptr, info);
  const CheckpointInfo read = read_checkpoint_info(dir + "/last.pt");
  EXPECT_FALSE(read.reduced_tail);
  DetectorOptions rebuilt = whole;
  rebuilt.reduced_tail = read.reduced_tail;
  std::unique_ptr<Detector> again = make_detector(rebuilt);
  load_checkpoint(dir + "/last.pt", *again, nullptr);
  EXPECT_TRUE(at::equal(again->module().named_parameters()["backbone.features.1.3.0.weight"],
                        fullTail->module().named_parameters()["backbone.features.1.3.0.weight"]));
  std::filesystem::remove_all(dir);
}

TEST(SsdWeights, ClassCountMismatchReinitialisesTheClassificationHeadOnly) {
  const ModelsOracle oracle("eval", 31, {"model=ssdlite", "n=1"}, kScript); // 3 classes
  SSD model(ssd_options("ssdlite320_mobilenet_v3_large", 6));
  const at::Tensor before = model->named_parameters()["head.classification_head.module_list.0.1.weight"].clone();
  const LoadReport report = import_torchvision_weights(*model, oracle.file("weights.pth"));
  EXPECT_EQ(report.reinitialised.size(), 12U) << report.summary(); // 6 levels x (weight, bias)
  EXPECT_TRUE(at::equal(model->named_parameters()["head.classification_head.module_list.0.1.weight"], before));
  for (const auto& [name, tensor] : read_pth_state_dict(oracle.file("weights.pth"))) {
    if (name == "head.regression_head.module_list.3.1.weight" || name == "backbone.extra.1.2.0.weight" ||
        name == "head.classification_head.module_list.0.0.0.weight") {
      EXPECT_TRUE(at::equal(model->named_parameters()[name], tensor)) << name;
    }
  }
}

TEST(SsdDetector, FactoryBuildsEverySsdBehindTheDetectorInterface) {
  const std::vector<std::string> names = detector_names();
  for (const std::string& name : ssd_model_names()) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    DetectorOptions options;
    options.name = name;
    options.num_classes = 4;
    options.input_size = name == "ssd300_vgg16" ? 272 : 128; // SSD300's extra layers need 268 at least
    options.trainable_norm = true;
    std::unique_ptr<Detector> detector = make_detector(options);
    EXPECT_EQ(detector->name(), name);
    EXPECT_FALSE(detector->predicts_masks());
    detector->module().eval();
    torch::NoGradGuard no_grad;
    const std::vector<Detection> found = detector->detect({at::rand({3, 90, 140})});
    ASSERT_EQ(found.size(), 1U);
    EXPECT_FALSE(found[0].masks.defined());
    EXPECT_EQ(found[0].boxes.size(1), 4);
    EXPECT_EQ(found[0].labels.size(0), found[0].boxes.size(0));
    EXPECT_EQ(found[0].scores.size(0), found[0].boxes.size(0));
    if (found[0].boxes.numel() > 0) {
      // boxes at the image's own resolution
      EXPECT_LE(found[0].boxes.select(1, 2).max().item<double>(), 140.0 + 1e-3);
      EXPECT_LE(found[0].boxes.select(1, 3).max().item<double>(), 90.0 + 1e-3);
      EXPECT_GE(found[0].labels.min().item<int64_t>(), 1);
      EXPECT_LE(found[0].labels.max().item<int64_t>(), 3);
    }
  }
}

/// Random BatchNorm statistics and affine (in place, as a weight load or a training step changes them).
void randomise_norms(torch::nn::Module& model) {
  torch::NoGradGuard no_grad;
  for (auto& item : model.named_buffers()) {
    const std::string& name = item.key();
    at::Tensor& tensor = item.value();
    if (name.find("running_mean") != std::string::npos) {
      tensor.copy_(at::randn_like(tensor) * 0.1);
    } else if (name.find("running_var") != std::string::npos) {
      tensor.copy_(at::rand_like(tensor) + 0.5);
    }
  }
  for (auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    at::Tensor& tensor = item.value();
    if (tensor.dim() == 1) {
      tensor.copy_(at::randn_like(tensor) * 0.1 + (name.find(".1.weight") != std::string::npos ? 1.0 : 0.0));
    }
  }
}

void check_folded_matches_modules(const std::string& name) {
  at::manual_seed(3);
  SSD model(ssd_options(name, 4));
  model->to(at::kDouble);
  model->eval();
  const at::Tensor x = at::randn({2, 3, 320, 320}, at::kDouble);
  for (int round = 0; round < 2; ++round) {
    randomise_norms(*model); // the second round checks that the folded weights follow the change
    SSDHeadOutputs folded;
    {
      torch::NoGradGuard no_grad;
      folded = model->forward_heads(x);
    }
    const SSDHeadOutputs modules = model->forward_heads(x); // with gradients: the modules' own forward
    ASSERT_TRUE(modules.cls_logits.requires_grad());
    ASSERT_FALSE(folded.cls_logits.requires_grad());
    const double scale = modules.cls_logits.abs().max().item<double>();
    EXPECT_GT(scale, 1e-3);
    EXPECT_LE(test::max_abs_diff(folded.cls_logits, modules.cls_logits.detach()), 1e-9 * scale) << name << " " << round;
    EXPECT_LE(test::max_abs_diff(folded.bbox_regression, modules.bbox_regression.detach()),
              1e-9 * std::max(1.0, modules.bbox_regression.abs().max().item<double>()))
        << name << " " << round;
  }
}

TEST(SsdFolded, FoldedBatchNormEvalEqualsTheModulesAndFollowsWeightChanges) {
  check_folded_matches_modules("ssdlite320_mobilenet_v3_large");
  check_folded_matches_modules("ssdlite320_mobilenet_v2");
}

TEST(SsdDetector, DetectionLimitsKeepTheSameConfidentDetections) {
  const ModelsOracle oracle("eval", 15, {"model=ssdlite", "n=1"}, kScript); // weights whose scores do not tie
  DetectorOptions options;
  options.name = "ssdlite320_mobilenet_v3_large";
  options.num_classes = 3;
  std::unique_ptr<Detector> detector = make_detector(options);
  detector->import_torchvision_weights(oracle.file("weights.pth"));
  detector->module().eval();
  torch::NoGradGuard no_grad;
  const at::Tensor image = oracle.at("image", 0);
  const Detection all = detector->detect({image}).front();
  ASSERT_GT(all.scores.size(0), 20);
  const double threshold = all.scores[10].item<double>();
  ASSERT_GT(all.scores[4].item<double>(), threshold);
  detector->set_detection_limits(threshold, 5);
  const Detection confident = detector->detect({image}).front();
  ASSERT_EQ(confident.scores.size(0), 5);
  EXPECT_TRUE(at::equal(confident.scores, all.scores.slice(0, 0, 5)));
  EXPECT_TRUE(at::equal(confident.boxes, all.boxes.slice(0, 0, 5)));
  EXPECT_TRUE(at::equal(confident.labels, all.labels.slice(0, 0, 5)));
}

TEST(SsdDetector, TooSmallAnInputForSsd300FailsWithTheModelNamed) {
  DetectorOptions options;
  options.name = "ssd300_vgg16";
  options.input_size = 200;
  try {
    make_detector(options);
    FAIL() << "an SSD300 at 200 px was built";
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find("SSD300 VGG16"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace polytrain::models
