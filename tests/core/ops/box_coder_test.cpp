#include "core/ops/box_coder.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

namespace polytrain::ops {
namespace {

TEST(BoxCoder, HandComputedEncodeDecodeRoundTrip) {
  const BoxCoder coder({10, 10, 5, 5});
  const at::Tensor anchor = at::tensor({0.f, 0.f, 10.f, 20.f}).view({1, 4});
  const at::Tensor gt = at::tensor({5.f, 0.f, 15.f, 40.f}).view({1, 4});
  // centres (5, 10) -> (10, 20); sizes (10, 20) -> (10, 40)
  const at::Tensor t = coder.encode_single(gt, anchor);
  const at::Tensor expected = at::tensor({10 * 5.f / 10, 10 * 10.f / 20, 0.f, 5 * std::log(2.f)}).view({1, 4});
  EXPECT_TRUE(at::allclose(t, expected, 1e-6, 1e-6)) << t;
  EXPECT_TRUE(at::allclose(coder.decode_single(t, anchor), gt, 1e-5, 1e-5));
  // dw is clamped to bbox_xform_clip before exp.
  const at::Tensor huge = at::tensor({0.f, 0.f, 1000.f, 0.f}).view({1, 4});
  const at::Tensor d = coder.decode_single(huge, anchor);
  EXPECT_NEAR((d[0][2] - d[0][0]).item<float>(), 10.f * 1000.f / 16.f, 1e-2);
}

TEST(BoxCoder, MatchesTorchvision) {
  const test::OracleData o("box_coder", 4);
  const BoxCoder coder({10, 10, 5, 5});
  const auto enc = coder.encode({o.at("ref", 0), o.at("ref", 1)}, {o.at("prop", 0), o.at("prop", 1)});
  ASSERT_EQ(enc.size(), 2u);
  EXPECT_EQ(test::max_abs_diff(enc[0], o.at("enc", 0)), 0.0);
  EXPECT_EQ(test::max_abs_diff(enc[1], o.at("enc", 1)), 0.0);
  EXPECT_EQ(test::max_abs_diff(coder.decode(o.at("codes"), {o.at("prop", 0), o.at("prop", 1)}), o.at("dec")), 0.0);
  const BoxCoder coder1({1, 1, 1, 1}, 1.0);
  const at::Tensor boxes1 = o.at("prop", 0).repeat({2, 1}).narrow(0, 0, 35);
  EXPECT_EQ(test::max_abs_diff(coder1.decode_single(o.at("codes").narrow(1, 0, 4), boxes1), o.at("dec1")), 0.0);
}

} // namespace
} // namespace polytrain::ops
