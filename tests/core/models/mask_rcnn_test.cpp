// Mask R-CNN against torchvision: same weights (seeded random torchvision weights), same inputs -> same eval
// detections and the same train-mode losses; weight import and export round trips checked by torchvision itself.
#include "models_oracle_support.h"

#include "core/models/mask_rcnn.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <filesystem>

namespace polytrain::models {
namespace {

using test::ModelsOracle;

struct Variant {
  std::string name;         // our model name
  std::string oracle_model; // models_oracle.py model=
  std::vector<std::string> oracle_options;
};

Variant mobilenet_320() {
  return {"maskrcnn_mobilenet_v3_large_fpn",
          "mobilenet",
          {"min_size=320", "max_size=640", "rpn_pre_nms_top_n_test=150", "rpn_post_nms_top_n_test=150"}};
}

/// float64 on both sides: random-weight float32 runs are chaotic near NMS ties (torchvision's own detections
/// differ between 1 and 2 threads for the MobileNet case), float64 makes the comparison well-conditioned.
Variant in_double(Variant v) {
  v.oracle_options.push_back("dtype=double");
  return v;
}

bool is_double(const Variant& v) {
  return std::find(v.oracle_options.begin(), v.oracle_options.end(), "dtype=double") != v.oracle_options.end();
}

Variant resnet50_256() {
  return {"maskrcnn_resnet50_fpn", "resnet50", {"min_size=256", "max_size=512"}};
}

/// torchvision has no maskrcnn_resnet101_fpn builder: the oracle builds MaskRCNN(resnet_fpn_backbone('resnet101')).
/// Residual branches at 0.3 keep 33 random blocks from blowing the signal up; float64 because the resulting scores
/// lie close together.
Variant resnet101_256() {
  return {"maskrcnn_resnet101_fpn", "resnet101_api", {"min_size=256", "max_size=512", "residual_scale=0.3"}};
}

/// Our options matching the oracle's key=value options.
MaskRCNNOptions options_for(const Variant& v, int64_t num_classes) {
  MaskRCNNOptions o = mask_rcnn_options(v.name, num_classes);
  for (const auto& kv : v.oracle_options) {
    const auto eq = kv.find('=');
    const std::string key = kv.substr(0, eq);
    const std::string value = kv.substr(eq + 1);
    if (key == "min_size") {
      o.transform.min_size = {std::stoll(value)};
    } else if (key == "max_size") {
      o.transform.max_size = std::stoll(value);
    } else if (key == "rpn_pre_nms_top_n_test") {
      o.rpn.pre_nms_top_n_test = std::stoll(value);
    } else if (key == "rpn_post_nms_top_n_test") {
      o.rpn.post_nms_top_n_test = std::stoll(value);
    } else if (key == "rpn_batch_size_per_image") {
      o.rpn.batch_size_per_image = std::stoll(value);
    } else if (key == "box_batch_size_per_image") {
      o.roi_heads.batch_size_per_image = std::stoll(value);
    } else if (key == "returned_layers") {
      std::vector<int64_t> layers;
      for (size_t at = 0; at < value.size(); at = value.find(',', at) + 1) {
        layers.push_back(std::stoll(value.substr(at)));
        if (value.find(',', at) == std::string::npos)
          break;
      }
      return_backbone_layers(o, layers);
    } else if (key == "fpn_norm") {
      o.backbone.fpn_norm = NormSpec{NormKind::Batch, 1e-5, 32};
    } else if (key == "mask_head_norm") {
      o.roi_heads.mask_head_norm = true;
    }
  }
  return o;
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

double mask_iou(const at::Tensor& a, const at::Tensor& b) {
  const at::Tensor ma = a > 0.5;
  const at::Tensor mb = b > 0.5;
  const double inter = (ma & mb).sum().item<double>();
  const double uni = (ma | mb).sum().item<double>();
  return uni == 0 ? 1.0 : inter / uni;
}

void check_eval_parity(const Variant& v) {
  const ModelsOracle oracle("eval", 5, with({"model=" + v.oracle_model}, v.oracle_options));
  MaskRCNN model(options_for(v, 3));
  if (is_double(v)) {
    model->to(at::kDouble);
  }
  const LoadReport report = import_torchvision_weights(*model, oracle.file("weights.pth"));
  EXPECT_TRUE(report.reinitialised.empty()) << report.summary();
  EXPECT_TRUE(report.missing.empty()) << report.summary();
  // Same parameter and buffer names, in the same order, as torchvision's state_dict().
  const StateDict theirs = read_pth_state_dict(oracle.file("weights.pth"));
  const StateDict ours = module_state_dict(*model);
  ASSERT_EQ(ours.size(), theirs.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    ASSERT_EQ(ours[i].first, theirs[i].first);
  }

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
    const at::Tensor& masks = oracle.at("masks", i);
    ASSERT_EQ(d.masks.sizes(), masks.sizes());
    EXPECT_EQ(d.masks.size(-2), images[static_cast<size_t>(i)].size(-2));
    EXPECT_EQ(d.masks.size(-1), images[static_cast<size_t>(i)].size(-1));
    for (int64_t k = 0; k < masks.size(0); ++k) {
      EXPECT_GT(mask_iou(d.masks[k], masks[k]), 0.99) << v.name << " image " << i << " mask " << k;
    }
  }
  EXPECT_GT(total, 0) << "the oracle produced no detections: the comparison would be empty";
}

TEST(MaskRCNNParity, MobileNetV3FpnEvalAt320MatchesTorchvision) {
  check_eval_parity(in_double(mobilenet_320()));
}

// The CPU preset's MobileNetV3 feeds the FPN from stage 3 (stride 16) and stage 5 instead of torchvision's two
// stride-32 stages: the same model built from torchvision's public pieces (returned_layers=[3, 5], three anchor
// levels) gives the same detections.
TEST(MaskRCNNParity, MobileNetV3FpnWithAStride16LevelEvalMatchesTorchvision) {
  Variant v = mobilenet_320();
  v.oracle_options.push_back("returned_layers=3,5");
  check_eval_parity(in_double(v));
}

// BatchNorm in the FPN and the mask head (torchvision's v2 recipe, which the CPU preset uses for training from
// scratch): torchvision's extractor with the FPN's norm_layer and MaskRCNNHeads with norm_layer, random statistics.
TEST(MaskRCNNParity, MobileNetV3FpnWithNormInFpnAndMaskHeadEvalMatchesTorchvision) {
  Variant v = mobilenet_320();
  v.oracle_options.insert(v.oracle_options.end(), {"returned_layers=3,5", "fpn_norm=batch", "mask_head_norm=batch"});
  check_eval_parity(in_double(v));
}

TEST(MaskRCNNParity, ResNet50FpnEvalMatchesTorchvision) {
  check_eval_parity(resnet50_256());
}

TEST(MaskRCNNParity, ResNet101FpnEvalMatchesTorchvision) {
  check_eval_parity(in_double(resnet101_256()));
}

void check_train_parity(const Variant& v, int seed) {
  const ModelsOracle oracle("train", seed, with({"model=" + v.oracle_model}, v.oracle_options));
  MaskRCNNOptions o = options_for(v, 3);
  o.backbone.trainable_layers = 5;
  MaskRCNN model(o);
  if (is_double(v)) {
    model->to(at::kDouble);
  }
  import_torchvision_weights(*model, oracle.file("weights.pth"));
  model->train();
  std::vector<at::Tensor> images;
  std::vector<Target> targets;
  for (int64_t i = 0; i < oracle.count(); ++i) {
    images.push_back(oracle.at("image", i));
    targets.push_back({oracle.at("boxes", i), oracle.at("labels", i), oracle.at("masks", i)});
  }
  at::manual_seed(static_cast<uint64_t>(seed + 1000));
  const LossDict losses = model->losses(images, targets);
  const std::vector<std::string> names = {"loss_classifier", "loss_box_reg", "loss_mask", "loss_objectness",
                                          "loss_rpn_box_reg"};
  ASSERT_EQ(losses.size(), names.size());
  at::Tensor total = at::zeros({}, losses.front().second.options());
  for (size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(losses[k].first, names[k]);
    const at::Tensor& want = oracle.at(names[k]);
    EXPECT_NEAR(losses[k].second.item<double>(), want.item<double>(), 1e-4 * std::max(1.0, want.abs().item<double>()))
        << v.name << " " << names[k];
    total = total + losses[k].second;
  }
  total.backward();
  const auto params = model->named_parameters();
  for (const auto& [key, want] : oracle.tensors()) {
    if (key.rfind("grad/", 0) != 0) {
      continue;
    }
    const at::Tensor& grad = params[key.substr(5)].grad();
    ASSERT_TRUE(grad.defined()) << key;
    const double scale = std::max(1e-3, want.abs().max().item<double>());
    EXPECT_LE(test::max_abs_diff(grad, want), 1e-3 * scale) << v.name << " " << key;
  }
}

TEST(MaskRCNNParity, MobileNetV3FpnTrainLossesMatchWithAllSamplesTaken) {
  Variant v = in_double(mobilenet_320());
  v.oracle_options.push_back("rpn_batch_size_per_image=1000000");
  v.oracle_options.push_back("box_batch_size_per_image=1000000");
  check_train_parity(v, 7);
}

TEST(MaskRCNNParity, MobileNetV3FpnTrainLossesMatchWithSeededSampling) {
  check_train_parity(in_double(mobilenet_320()), 8);
}

TEST(MaskRCNNParity, ResNet50FpnTrainLossesMatchWithSeededSampling) {
  check_train_parity(in_double(resnet50_256()), 9);
}

TEST(MaskRCNNWeights, ClassCountMismatchReinitialisesPredictorsAndLoadsTheRest) {
  const ModelsOracle oracle("backbone", 4, {"model=mobilenet"});
  MaskRCNN model(mask_rcnn_options("maskrcnn_mobilenet_v3_large_fpn", 5)); // the file has 3 classes
  const at::Tensor before = model->roi_heads->box_predictor->cls_score->weight.clone();
  const LoadReport report = import_torchvision_weights(*model, oracle.file("weights.pth"));
  EXPECT_EQ(report.reinitialised.size(), 6U) << report.summary();
  EXPECT_TRUE(at::equal(model->roi_heads->box_predictor->cls_score->weight, before));
  const StateDict file = read_pth_state_dict(oracle.file("weights.pth"));
  for (const auto& [name, tensor] : file) {
    if (name == "rpn.head.cls_logits.weight" || name == "backbone.body.13.block.0.0.weight") {
      const auto params = model->named_parameters();
      EXPECT_TRUE(at::equal(params[name], tensor)) << name;
    }
  }
}

TEST(MaskRCNNWeights, ImportsClassificationBackbones) {
  const ModelsOracle oracle("classifier", 2);
  for (const auto& [name, file] : std::vector<std::pair<std::string, std::string>>{
           {"maskrcnn_resnet50_fpn", "resnet50.pth"}, {"maskrcnn_mobilenet_v3_large_fpn", "mobilenet.pth"}}) {
    MaskRCNN model(mask_rcnn_options(name, 4));
    const LoadReport report = import_torchvision_weights(*model, oracle.file(file));
    EXPECT_GT(report.loaded, 100) << name;
    EXPECT_FALSE(report.missing.empty()) << name; // the FPN and heads are not in a classifier
    const StateDict state = read_pth_state_dict(oracle.file(file));
    const std::string probe = name == "maskrcnn_resnet50_fpn" ? "layer2.1.conv2.weight" : "features.5.block.1.0.weight";
    const std::string ours =
        name == "maskrcnn_resnet50_fpn" ? "backbone.body.layer2.1.conv2.weight" : "backbone.body.5.block.1.0.weight";
    for (const auto& [k, t] : state) {
      if (k == probe) {
        EXPECT_TRUE(at::equal(model->named_parameters()[ours], t)) << name;
      }
    }
  }
}

void check_export(const std::string& name, const std::string& oracle_model, NormKind norm) {
  MaskRCNNOptions o = mask_rcnn_options(name, 5);
  o.backbone.norm.kind = norm;
  MaskRCNN model(o);
  const std::string dir = test::fresh_test_dir("export");
  const std::string file = dir + "/exported.pth";
  export_torchvision_weights(*model, file);
  const auto data = test::run_oracle("check_export", 0, dir + "/check",
                                     {"file=" + file, "model=" + oracle_model, "num_classes=5",
                                      std::string("norm=") + (norm == NormKind::Frozen ? "frozen" : "batch")});
  EXPECT_EQ(data.at("type").item<int64_t>(), 1); // a plain dict
  EXPECT_EQ(data.at("n").item<int64_t>(), static_cast<int64_t>(module_state_dict(*model).size()));
  EXPECT_TRUE(at::equal(data.at("echo"), model->roi_heads->box_predictor->cls_score->weight));
  std::filesystem::remove_all(dir);
}

TEST(MaskRCNNWeights, ExportLoadsIntoTorchvisionMaskRCNNResNet50Builder) {
  check_export("maskrcnn_resnet50_fpn", "resnet50_api", NormKind::Frozen);
}

TEST(MaskRCNNWeights, ExportWithBatchNormLoadsIntoTorchvision) {
  check_export("maskrcnn_mobilenet_v3_large_fpn", "mobilenet", NormKind::Batch);
}

} // namespace
} // namespace polytrain::models

// Found by the headless demo: late in training an image can leave the RPN with no proposal at all; detection must
// then return nothing, as torchvision does, instead of failing in the box clip.
TEST(MaskRCNNEdgeCases, ImageWithoutProposalsGivesNoDetections) {
  polytrain::models::MaskRCNNOptions options =
      polytrain::models::mask_rcnn_options("maskrcnn_mobilenet_v3_large_fpn", 3);
  options.transform.min_size = {96};
  options.transform.max_size = 160;
  options.rpn.score_thresh = 2.0; // objectness probabilities never reach it: no proposals survive
  polytrain::models::MaskRCNN model(options);
  model->eval();
  torch::NoGradGuard noGrad;
  const auto detections = model->detect({at::rand({3, 96, 128})});
  ASSERT_EQ(detections.size(), 1u);
  EXPECT_EQ(detections[0].boxes.size(0), 0);
  EXPECT_EQ(detections[0].boxes.size(1), 4);
  EXPECT_EQ(detections[0].scores.size(0), 0);
  EXPECT_EQ(detections[0].labels.size(0), 0);
}

TEST(MaskRCNNEdgeCases, TrainingOnAnImageWithoutInstancesGivesTheMaskHeadZeroGradients) {
  // No target, so no positive RoI reaches the (channels-last) mask head: the loss is zero and the mask parameters
  // still get gradients, zeros, as torchvision's empty convolutions give them.
  polytrain::models::MaskRCNNOptions options =
      polytrain::models::mask_rcnn_options("maskrcnn_mobilenet_v3_large_fpn", 3);
  ASSERT_TRUE(options.roi_heads.mask_head_channels_last);
  options.transform.min_size = {96};
  options.transform.max_size = 160;
  polytrain::models::MaskRCNN model(options);
  model->train();
  polytrain::models::Target empty{at::zeros({0, 4}), at::zeros({0}, at::kLong), at::zeros({0, 96, 128}, at::kByte)};
  const auto losses = model->losses({at::rand({3, 96, 128})}, {empty});
  at::Tensor total = at::zeros({});
  for (const auto& [name, value] : losses) {
    if (name == "loss_mask") {
      EXPECT_EQ(value.item<double>(), 0.0);
      ASSERT_TRUE(value.requires_grad());
    }
    total = total + value;
  }
  total.backward();
  for (const auto& item : model->roi_heads->mask_head->named_parameters()) {
    ASSERT_TRUE(item.value().grad().defined()) << item.key();
    EXPECT_EQ(item.value().grad().abs().max().item<double>(), 0.0) << item.key();
  }
}
