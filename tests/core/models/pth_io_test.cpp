// Reading torch.save files in every layout the packaged torch writes, and writing files torch.load reads.
#include "models_oracle_support.h"

#include "core/models/pth_io.h"
#include "core/models/weights.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/nn/module.h>

#include <filesystem>
#include <fstream>

namespace polytrain::models {
namespace {

using test::ModelsOracle;

void expect_matches_oracle(const StateDict& got, const ModelsOracle& oracle, const std::string& what) {
  ASSERT_EQ(static_cast<int64_t>(got.size()), oracle.count()) << what;
  for (const auto& [name, tensor] : got) {
    const at::Tensor& want = oracle.at("expected/" + name);
    EXPECT_EQ(tensor.scalar_type(), want.scalar_type()) << what << " " << name;
    EXPECT_EQ(tensor.sizes(), want.sizes()) << what << " " << name;
    EXPECT_TRUE(at::equal(tensor.contiguous(), want)) << what << " " << name;
  }
}

TEST(PthIo, ReadsEveryLayoutTorchSaveWrites) {
  const ModelsOracle oracle("pth_formats", 3);
  for (const char* file : {"ordered.pth", "plain.pth", "legacy.pth", "checkpoint.pth"}) {
    const StateDict sd = read_pth_state_dict(oracle.file(file));
    expect_matches_oracle(sd, oracle, file);
    // File order is kept.
    ASSERT_FALSE(sd.empty());
    EXPECT_EQ(sd.front().first, "a.weight") << file;
    EXPECT_EQ(sd.back().first, "d.scalar") << file;
  }
  const StateDict params = read_pth_state_dict(oracle.file("parameters.pth"));
  ASSERT_EQ(params.size(), 2U);
  EXPECT_TRUE(at::equal(params[1].second, oracle.at("expected/a.bias").to(at::kFloat)));
}

// Files of torch before 1.0: tensors on views of a shared storage (view_metadata), read by the packaged torch.load.
TEST(PthIo, ReadsLegacyStorageViews) {
  const ModelsOracle oracle("pth_legacy_views", 3);
  const StateDict sd = read_pth_state_dict(oracle.file("legacy_views.pth"));
  expect_matches_oracle(sd, oracle, "legacy_views.pth");
  ASSERT_EQ(sd.size(), 3U);
  EXPECT_EQ(sd[1].first, "conv.every_other");
  EXPECT_EQ(sd[2].second.stride(0), 1); // fc.weight stays the transposed view it was saved as
}

TEST(PthIo, ErrorsNameTheFile) {
  const std::string dir = test::fresh_test_dir("pth_errors");
  const std::string junk = dir + "/junk.pth";
  std::ofstream(junk) << "not a torch file";
  try {
    read_pth_state_dict(junk);
    FAIL() << "expected WeightsError";
  } catch (const WeightsError& e) {
    EXPECT_NE(std::string(e.what()).find(junk), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_pth_state_dict(dir + "/missing.pth"), WeightsError);
  std::filesystem::remove_all(dir);
}

TEST(PthIo, WrittenFileRoundTripsThroughOurReader) {
  const std::string dir = test::fresh_test_dir("pth_write");
  StateDict sd = {{"x.weight", at::randn({3, 4})}, {"x.bias", at::arange(5, at::kLong)}, {"y", at::randn({4, 3}).t()}};
  write_pth_state_dict(dir + "/out.pth", sd);
  const StateDict back = read_pth_state_dict(dir + "/out.pth");
  ASSERT_EQ(back.size(), sd.size());
  for (size_t i = 0; i < sd.size(); ++i) {
    EXPECT_EQ(back[i].first, sd[i].first);
    EXPECT_TRUE(at::equal(back[i].second, sd[i].second));
  }
  std::filesystem::remove_all(dir);
}

TEST(Weights, LegacyTorchvisionNamesAreMapped) {
  StateDict sd = {{"backbone.fpn.inner_blocks.0.weight", at::zeros({1})},
                  {"backbone.fpn.layer_blocks.3.bias", at::zeros({1})},
                  {"rpn.head.conv.weight", at::zeros({1})},
                  {"roi_heads.mask_head.mask_fcn1.weight", at::zeros({1})},
                  {"roi_heads.mask_head.mask_fcn4.bias", at::zeros({1})},
                  {"backbone.fpn.inner_blocks.0.0.bias", at::zeros({1})}};
  const auto renamed = map_torchvision_legacy_keys(sd);
  EXPECT_EQ(renamed.size(), 5U);
  EXPECT_EQ(sd[0].first, "backbone.fpn.inner_blocks.0.0.weight");
  EXPECT_EQ(sd[1].first, "backbone.fpn.layer_blocks.3.0.bias");
  EXPECT_EQ(sd[2].first, "rpn.head.conv.0.0.weight");
  EXPECT_EQ(sd[3].first, "roi_heads.mask_head.0.0.weight");
  EXPECT_EQ(sd[4].first, "roi_heads.mask_head.3.0.bias");
  EXPECT_EQ(sd[5].first, "backbone.fpn.inner_blocks.0.0.bias");
}

struct TwoTensors : torch::nn::Module {
  TwoTensors() {
    a = register_parameter("a", at::zeros({2, 3}));
    b = register_buffer("b", at::zeros({4}));
  }
  at::Tensor a, b;
};

TEST(Weights, ShapeMismatchNamesParameterAndBothShapes) {
  TwoTensors m;
  try {
    load_state_dict_into(m, {{"a", at::ones({3, 2})}, {"b", at::ones({4})}}, {}, "file.pth");
    FAIL() << "expected WeightsError";
  } catch (const WeightsError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'a'"), std::string::npos) << what;
    EXPECT_NE(what.find("[3, 2]"), std::string::npos) << what;
    EXPECT_NE(what.find("[2, 3]"), std::string::npos) << what;
    EXPECT_NE(what.find("file.pth"), std::string::npos) << what;
  }
  LoadOptions reinit;
  reinit.reinitialisable_prefixes = {"a"};
  const LoadReport r = load_state_dict_into(m, {{"a", at::ones({3, 2})}, {"b", at::ones({4})}}, reinit, "f");
  EXPECT_EQ(r.loaded, 1);
  ASSERT_EQ(r.reinitialised.size(), 1U);
  EXPECT_TRUE(at::equal(m.b, at::ones({4})));
  EXPECT_TRUE(at::equal(m.a, at::zeros({2, 3})));
  EXPECT_THROW(load_state_dict_into(m, {{"a", at::ones({2, 3})}}, {}, "f"), WeightsError); // b missing
  EXPECT_THROW(load_state_dict_into(m, {{"a", at::ones({2, 3})}, {"b", at::ones({4})}, {"c", at::ones({1})}}, {}, "f"),
               WeightsError); // c unexpected
}

} // namespace
} // namespace polytrain::models
