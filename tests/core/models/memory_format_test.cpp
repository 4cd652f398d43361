// use_channels_last changes strides only: the same tensors (optimisers keep their references), the same values, and
// a model run on channels-last memory gives what the contiguous one gives.
#include "core/models/memory_format.h"
#include "core/models/ssd.h"

#include <ATen/ATen.h>
#include <algorithm>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/nn/modules/conv.h>

namespace polytrain::models {
namespace {

TEST(MemoryFormat, ConvertsFourDimensionalParametersInPlaceKeepingValues) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 8, 3));
  const at::Tensor before = conv->weight.detach().clone();
  const void* identity = conv->weight.unsafeGetTensorImpl();
  ASSERT_FALSE(conv->weight.is_contiguous(at::MemoryFormat::ChannelsLast));
  use_channels_last(*conv);
  EXPECT_TRUE(conv->weight.is_contiguous(at::MemoryFormat::ChannelsLast));
  EXPECT_EQ(conv->weight.unsafeGetTensorImpl(), identity);
  EXPECT_TRUE(conv->weight.requires_grad());
  EXPECT_TRUE(at::equal(conv->weight.detach(), before));
  EXPECT_TRUE(conv->bias.is_contiguous()); // 1-D tensors are left alone
  use_channels_last(*conv);                // idempotent
  EXPECT_TRUE(conv->weight.is_contiguous(at::MemoryFormat::ChannelsLast));
}

TEST(MemoryFormat, ChannelsLastSsdLiteMatchesTheContiguousOneInEvalAndTraining) {
  SSDOptions plain = ssd_options("ssdlite320_mobilenet_v3_large", 4);
  plain.channels_last = false;
  SSDOptions fast = plain;
  fast.channels_last = true;
  SSD a(plain);
  SSD b(fast);
  {
    torch::NoGradGuard no_grad;
    const auto pa = a->named_parameters();
    const auto pb = b->named_parameters();
    for (const auto& item : pa) {
      pb[item.key()].copy_(item.value());
    }
    const auto ba = a->named_buffers();
    const auto bb = b->named_buffers();
    for (const auto& item : ba) {
      bb[item.key()].copy_(item.value());
    }
  }
  at::manual_seed(3);
  const std::vector<at::Tensor> images = {at::rand({3, 240, 320}), at::rand({3, 200, 200})};
  a->eval();
  b->eval();
  {
    torch::NoGradGuard no_grad;
    const at::Tensor batch = at::rand({2, 3, 320, 320});
    const SSDHeadOutputs oa = a->forward_heads(batch);
    const SSDHeadOutputs ob = b->forward_heads(batch);
    EXPECT_TRUE(at::allclose(oa.cls_logits, ob.cls_logits, 1e-4, 1e-4));
    EXPECT_TRUE(at::allclose(oa.bbox_regression, ob.bbox_regression, 1e-4, 1e-4));
  }
  a->train();
  b->train();
  std::vector<Target> targets(2);
  for (auto& t : targets) {
    t.boxes = at::tensor({20.f, 30.f, 120.f, 150.f}).view({1, 4});
    t.labels = at::tensor({2L});
  }
  const LossDict la = a->losses(images, targets);
  const LossDict lb = b->losses(images, targets);
  ASSERT_EQ(la.size(), lb.size());
  for (size_t i = 0; i < la.size(); ++i) {
    EXPECT_EQ(la[i].first, lb[i].first);
    EXPECT_NEAR(la[i].second.item<double>(), lb[i].second.item<double>(), 1e-4) << la[i].first;
  }
  // Gradients in double precision, through a smooth function of the heads' outputs. In float the two layouts differ
  // by up to 5% of the largest gradient in some layers (train-mode BatchNorm over 2 images amplifies the different
  // summation order; torchvision's own model does the same), and the SSD loss's hard-negative ranking among the
  // near-equal losses of an untrained model flips with the last bit: neither would compare the layout.
  a->to(at::kDouble);
  b->to(at::kDouble);
  use_channels_last(*b);
  const at::Tensor batch = at::rand({2, 3, 320, 320}, at::kDouble);
  const auto smooth = [&](SSD& model) {
    const SSDHeadOutputs out = model->forward_heads(batch);
    (out.cls_logits.pow(2).mean() + out.bbox_regression.pow(2).mean()).backward();
  };
  smooth(a);
  smooth(b);
  const auto pa = a->named_parameters();
  const auto pb = b->named_parameters();
  int64_t compared = 0;
  for (const auto& item : pa) {
    const at::Tensor& want = item.value().grad();
    if (want.defined()) {
      const double scale = std::max(1e-6, want.abs().max().item<double>());
      EXPECT_LE((pb[item.key()].grad() - want).abs().max().item<double>(), 1e-9 * scale) << item.key();
      ++compared;
    }
  }
  EXPECT_GT(compared, 100);
}

} // namespace
} // namespace polytrain::models
