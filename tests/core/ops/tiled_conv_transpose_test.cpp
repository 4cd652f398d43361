#include "core/ops/tiled_conv_transpose.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

struct Layer {
  at::Tensor x, weight, bias;
};

Layer random_layer(int64_t n, int64_t c, int64_t h, int64_t w, int64_t c_out, int64_t k, bool channels_last) {
  at::manual_seed(11);
  const auto options = at::TensorOptions().dtype(at::kDouble);
  at::Tensor x = at::randn({n, c, h, w}, options);
  if (channels_last) {
    x = x.contiguous(at::MemoryFormat::ChannelsLast);
  }
  return {x.requires_grad_(), at::randn({c, c_out, k, k}, options).requires_grad_(),
          at::randn({c_out}, options).requires_grad_()};
}

double max_difference(const at::Tensor& a, const at::Tensor& b) {
  EXPECT_EQ(a.sizes(), b.sizes());
  return a.numel() == 0 ? 0.0 : (a - b).abs().max().item<double>();
}

// Output and all three gradients against libtorch's own transposed convolution with stride = kernel.
void expect_matches_conv_transpose(int64_t n, int64_t c, int64_t h, int64_t w, int64_t c_out, int64_t k,
                                   bool channels_last) {
  Layer ours = random_layer(n, c, h, w, c_out, k, channels_last);
  Layer reference = random_layer(n, c, h, w, c_out, k, channels_last);
  const at::Tensor y = tiled_conv_transpose2d(ours.x, ours.weight, ours.bias);
  const at::Tensor y_ref = at::conv_transpose2d(reference.x, reference.weight, reference.bias, {k, k});
  EXPECT_TRUE(y.is_contiguous(at::MemoryFormat::ChannelsLast));
  EXPECT_LT(max_difference(y, y_ref), 1e-10);
  const at::Tensor upstream = at::randn(y_ref.sizes(), at::kDouble);
  (y * upstream).sum().backward();
  (y_ref * upstream).sum().backward();
  EXPECT_LT(max_difference(ours.x.grad(), reference.x.grad()), 1e-10);
  EXPECT_LT(max_difference(ours.weight.grad(), reference.weight.grad()), 1e-9);
  EXPECT_LT(max_difference(ours.bias.grad(), reference.bias.grad()), 1e-9);
}

TEST(TiledConvTranspose, MatchesConvTransposeForMaskRCNNsUpsampling) {
  const test::ThreadCount threads(2);
  expect_matches_conv_transpose(5, 32, 14, 14, 24, 2, true); // split across the threads
}

TEST(TiledConvTranspose, MatchesConvTransposeForOtherKernelsAndLayouts) {
  expect_matches_conv_transpose(2, 8, 5, 7, 3, 3, false);
  expect_matches_conv_transpose(3, 6, 4, 3, 5, 1, true);
  expect_matches_conv_transpose(1, 4, 1, 1, 2, 4, false);
}

TEST(TiledConvTranspose, NoImagesGiveAnEmptyOutput) {
  const Layer layer = random_layer(0, 16, 14, 14, 8, 2, true);
  const at::Tensor y = tiled_conv_transpose2d(layer.x, layer.weight, layer.bias);
  EXPECT_EQ(y.sizes(), (at::IntArrayRef{0, 8, 28, 28}));
}

TEST(TiledConvTranspose, WithoutBiasAndInInferenceMode) {
  const Layer layer = random_layer(2, 8, 6, 6, 4, 2, false);
  const at::Tensor reference = at::conv_transpose2d(layer.x, layer.weight, {}, {2, 2}).detach();
  const c10::InferenceMode inference;
  const at::Tensor y = tiled_conv_transpose2d(layer.x.detach(), layer.weight.detach(), at::Tensor());
  EXPECT_LT(max_difference(y, reference), 1e-10);
}

TEST(TiledConvTranspose, OnlyKernelEqualToStrideIsTiled) {
  EXPECT_TRUE(is_tiled_conv_transpose(2, 2, 2, 2, 0, 0, 1, 1));
  EXPECT_FALSE(is_tiled_conv_transpose(3, 3, 2, 2, 0, 0, 1, 1)); // overlapping tiles
  EXPECT_FALSE(is_tiled_conv_transpose(2, 2, 2, 2, 1, 0, 1, 1)); // padding
  EXPECT_FALSE(is_tiled_conv_transpose(2, 2, 2, 2, 0, 1, 1, 1)); // output padding
  EXPECT_FALSE(is_tiled_conv_transpose(2, 2, 2, 2, 0, 0, 2, 1)); // dilation
  EXPECT_FALSE(is_tiled_conv_transpose(2, 2, 2, 2, 0, 0, 1, 2)); // groups
  EXPECT_FALSE(is_tiled_conv_transpose(2, 1, 2, 1, 0, 0, 1, 1)); // not square
}

TEST(TiledConvTranspose, WrongWeightShapeNamesIt) {
  const Layer layer = random_layer(1, 8, 4, 4, 4, 2, false);
  try {
    tiled_conv_transpose2d(layer.x, at::randn({7, 4, 2, 2}, at::kDouble), layer.bias);
    FAIL() << "expected an error";
  } catch (const c10::Error& e) {
    EXPECT_NE(std::string(e.what()).find("weight must be [C, Cout, k, k]"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace polytrain::ops
