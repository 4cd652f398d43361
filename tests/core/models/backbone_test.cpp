// Backbones with FPN against torchvision: random seeded torchvision weights loaded into ours give the same
// feature maps.
#include "models_oracle_support.h"

#include "core/models/backbone.h"
#include "core/models/weights.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

namespace polytrain::models {
namespace {

struct BackboneHolder : torch::nn::Module {
  explicit BackboneHolder(const BackboneOptions& o) {
    backbone = register_module("backbone", make_backbone_with_fpn(o));
  }
  BackboneWithFPN backbone{nullptr};
};

void check_backbone_parity(BackboneKind kind, const std::string& oracle_model) {
  const test::ModelsOracle oracle("backbone", 11, {"model=" + oracle_model});
  BackboneOptions o;
  o.kind = kind;
  BackboneHolder holder(o);
  LoadOptions lo;
  lo.required_prefixes = {"backbone."};
  lo.ignored_prefixes = {"rpn.", "roi_heads."};
  const LoadReport report = load_state_dict_into(holder, read_pth_state_dict(oracle.file("weights.pth")), lo, "oracle");
  EXPECT_TRUE(report.missing.empty());
  EXPECT_GT(report.loaded, 0);
  holder.eval();
  torch::NoGradGuard no_grad;
  const FeatureList feats = holder.backbone->forward(oracle.at("x"));
  ASSERT_EQ(static_cast<int64_t>(feats.size()), oracle.count());
  for (const auto& [name, t] : feats) {
    const at::Tensor& want = oracle.at("feat/" + name);
    const double scale = std::max(1.0, want.abs().max().item<double>());
    EXPECT_LE(test::max_abs_diff(t, want), 1e-5 * scale) << oracle_model << " level " << name;
  }
}

TEST(BackboneParity, ResNet50FpnMatchesTorchvision) {
  check_backbone_parity(BackboneKind::ResNet50, "resnet50");
}

TEST(BackboneParity, MobileNetV3LargeFpnMatchesTorchvision) {
  check_backbone_parity(BackboneKind::MobileNetV3Large, "mobilenet");
}

TEST(Backbone, TrainableLayersFreezeAsTorchvision) {
  BackboneOptions o;
  o.kind = BackboneKind::ResNet50;
  o.norm.kind = NormKind::Batch;
  o.trainable_layers = 2; // layer3 and layer4 train
  const BackboneWithFPN b = make_backbone_with_fpn(o);
  for (const auto& p : b->named_parameters()) {
    const std::string& n = p.key();
    const bool expect_train =
        n.rfind("body.layer3", 0) == 0 || n.rfind("body.layer4", 0) == 0 || n.rfind("fpn.", 0) == 0;
    EXPECT_EQ(p.value().requires_grad(), expect_train) << n;
  }
  o.kind = BackboneKind::MobileNetV3Large;
  o.trainable_layers = 3; // torchvision: features from index 7 (stage indices 0,2,4,7,13,16)
  const BackboneWithFPN m = make_backbone_with_fpn(o);
  for (const auto& p : m->named_parameters()) {
    const std::string& n = p.key();
    if (n.rfind("body.", 0) != 0) {
      continue;
    }
    const int index = std::stoi(n.substr(5));
    EXPECT_EQ(p.value().requires_grad(), index >= 7) << n;
  }
}

TEST(Backbone, GroupNormBackboneRuns) {
  BackboneOptions o;
  o.kind = BackboneKind::ResNet50;
  o.norm.kind = NormKind::Group;
  o.trainable_layers = 5;
  BackboneWithFPN b = make_backbone_with_fpn(o);
  const FeatureList f = b->forward(at::randn({1, 3, 64, 64}));
  ASSERT_EQ(f.size(), 5U);
  EXPECT_EQ(f[0].second.sizes(), (at::IntArrayRef{1, 256, 16, 16}));
  EXPECT_EQ(f.back().first, "pool");
  for (const auto& p : b->parameters()) {
    EXPECT_TRUE(p.requires_grad());
  }
}

} // namespace
} // namespace polytrain::models
