#include "core/ops/threaded_linear.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

using test::ThreadCount;

struct LinearCase {
  at::Tensor x, weight, bias;
};

// Double precision, so that at::linear is an oracle to 1e-12 whatever the order of the sums.
LinearCase random_case(int64_t rows, int64_t in, int64_t out, bool with_bias) {
  at::manual_seed(7);
  const auto options = at::TensorOptions().dtype(at::kDouble);
  return {at::randn({rows, in}, options).requires_grad_(), at::randn({out, in}, options).requires_grad_(),
          with_bias ? at::randn({out}, options).requires_grad_() : at::Tensor()};
}

void expect_close(const at::Tensor& ours, const at::Tensor& reference, const char* what) {
  ASSERT_EQ(ours.sizes(), reference.sizes()) << what;
  EXPECT_LT((ours - reference).abs().max().item<double>(), 1e-9) << what;
}

// Forward and the three gradients against at::linear, for a shape that is split (ragged last block included).
void expect_matches_linear(int64_t rows, int64_t in, int64_t out, bool with_bias) {
  LinearCase ours = random_case(rows, in, out, with_bias);
  LinearCase reference = random_case(rows, in, out, with_bias);
  ASSERT_TRUE(splits_product(rows, in, out));
  const at::Tensor upstream = at::randn({rows, out}, at::kDouble);

  const at::Tensor y = linear_on_all_threads(ours.x, ours.weight, ours.bias);
  const at::Tensor y_ref = at::linear(reference.x, reference.weight, reference.bias);
  expect_close(y, y_ref, "output");
  (y * upstream).sum().backward();
  (y_ref * upstream).sum().backward();
  expect_close(ours.x.grad(), reference.x.grad(), "input gradient");
  expect_close(ours.weight.grad(), reference.weight.grad(), "weight gradient");
  if (with_bias) {
    expect_close(ours.bias.grad(), reference.bias.grad(), "bias gradient");
  }
}

TEST(LinearOnAllThreads, MatchesAtLinearWithBias) {
  const ThreadCount threads(2);
  expect_matches_linear(203, 300, 97, true);
}

TEST(LinearOnAllThreads, MatchesAtLinearWithoutBias) {
  const ThreadCount threads(3);
  expect_matches_linear(130, 400, 70, false);
}

TEST(LinearOnAllThreads, GradientOnlyForTheWeightWhenTheInputIsFixed) {
  const ThreadCount threads(2);
  LinearCase c = random_case(96, 512, 64, true);
  const at::Tensor fixed = c.x.detach();
  linear_on_all_threads(fixed, c.weight, c.bias).sum().backward();
  const at::Tensor expected = at::ones({96, 64}, at::kDouble).t().mm(fixed);
  expect_close(c.weight.grad(), expected, "weight gradient");
  EXPECT_FALSE(fixed.grad().defined());
}

TEST(LinearOnAllThreads, InferenceModeGivesAnInferenceTensor) {
  const ThreadCount threads(2);
  const LinearCase c = random_case(128, 256, 64, true);
  const at::Tensor reference = at::linear(c.x, c.weight, c.bias).detach();
  const c10::InferenceMode inference;
  const at::Tensor y = linear_on_all_threads(c.x.detach(), c.weight.detach(), c.bias.detach());
  EXPECT_TRUE(y.is_inference());
  expect_close(y, reference, "output in inference mode");
}

TEST(LinearOnAllThreads, SmallProductsAndOneThreadAreNotSplit) {
  {
    const ThreadCount threads(2);
    EXPECT_TRUE(splits_product(1000, 12544, 1024)); // Mask R-CNN's fc6
    EXPECT_FALSE(splits_product(8, 64, 64));        // too little work
    EXPECT_FALSE(splits_product(1000, 1024, 12));   // bbox_pred for 3 classes: too few output features to share
  }
  const ThreadCount one(1);
  EXPECT_FALSE(splits_product(1000, 12544, 1024));
  const LinearCase c = random_case(64, 128, 32, true);
  expect_close(linear_on_all_threads(c.x, c.weight, c.bias), at::linear(c.x, c.weight, c.bias), "one thread");
}

TEST(LinearOnAllThreads, MismatchedShapesGiveLinearsError) {
  const ThreadCount threads(2);
  const LinearCase c = random_case(256, 300, 64, true);
  EXPECT_THROW(linear_on_all_threads(c.x, at::randn({64, 299}, at::kDouble), c.bias), c10::Error);
}

} // namespace
} // namespace polytrain::ops
