// conv_then_norm folds a FrozenBatchNorm2d into the convolution before it: the result and the gradients must be what
// the two layers give one after the other (hand-built statistics, a convolution with and without bias, strided and
// padded), and a trainable norm must run unfolded.
#include "core/models/layers.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

namespace polytrain::models {
namespace {

torch::nn::AnyModule frozenNormWithStatistics(int64_t channels) {
  FrozenBatchNorm2d norm(channels);
  norm->weight.uniform_(0.5, 1.5);
  norm->bias.uniform_(-0.5, 0.5);
  norm->running_mean.uniform_(-1.0, 1.0);
  norm->running_var.uniform_(0.2, 2.0);
  return torch::nn::AnyModule(norm);
}

void expectFoldMatchesTheTwoLayers(bool convBias) {
  torch::manual_seed(3);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(4, 6, 3).stride(2).padding(1).bias(convBias));
  torch::nn::AnyModule norm = frozenNormWithStatistics(6);
  const at::Tensor x = at::randn({2, 4, 9, 11});

  const at::Tensor folded = conv_then_norm(*conv, norm, x);
  folded.pow(2).sum().backward();
  const at::Tensor foldedWeightGrad = conv->weight.grad().clone();
  const at::Tensor foldedBiasGrad = convBias ? conv->bias.grad().clone() : at::Tensor();
  conv->zero_grad();

  const at::Tensor plain = norm.forward(conv->forward(x));
  plain.pow(2).sum().backward();
  EXPECT_TRUE(at::allclose(folded, plain, 1e-5, 1e-5)) << (folded - plain).abs().max();
  EXPECT_TRUE(at::allclose(foldedWeightGrad, conv->weight.grad(), 1e-4, 1e-4))
      << (foldedWeightGrad - conv->weight.grad()).abs().max();
  if (convBias) {
    EXPECT_TRUE(at::allclose(foldedBiasGrad, conv->bias.grad(), 1e-4, 1e-4));
  }
}

TEST(ConvThenNorm, FoldedFrozenNormGivesTheOutputAndGradientsOfTheTwoLayers) {
  expectFoldMatchesTheTwoLayers(false);
}

TEST(ConvThenNorm, FoldsTheConvolutionsOwnBiasToo) {
  expectFoldMatchesTheTwoLayers(true);
}

TEST(ConvThenNorm, TrainableBatchNormRunsAfterTheConvolutionAndUpdatesItsStatistics) {
  torch::manual_seed(4);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 5, 1).bias(false));
  torch::nn::BatchNorm2d bn(5);
  torch::nn::AnyModule norm(bn);
  const at::Tensor x = at::randn({4, 3, 6, 6});
  const at::Tensor y = conv_then_norm(*conv, norm, x);
  const at::Tensor perChannelMean = y.mean({0, 2, 3});
  EXPECT_TRUE(at::allclose(perChannelMean, at::zeros_like(perChannelMean), 1e-5, 1e-5)) << perChannelMean;
  EXPECT_FALSE(at::equal(bn->running_mean, at::zeros({5})));
}

} // namespace
} // namespace polytrain::models
