#include "core/models/ssd_head.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/conv.h>

namespace polytrain::models {

SSDScoringHeadImpl::SSDScoringHeadImpl(std::vector<torch::nn::AnyModule> blocks, int64_t columns)
    : num_columns(columns), blocks_(std::move(blocks)) {
  module_list = torch::nn::ModuleList();
  for (const auto& block : blocks_) {
    module_list->push_back(block.ptr());
  }
  register_module("module_list", module_list);
}

at::Tensor SSDScoringHeadImpl::forward(const std::vector<at::Tensor>& features) {
  TORCH_CHECK(features.size() == blocks_.size(), "SSDScoringHead: ", features.size(), " feature maps for ",
              blocks_.size(), " blocks");
  std::vector<at::Tensor> all;
  all.reserve(features.size());
  for (size_t i = 0; i < features.size(); ++i) {
    const at::Tensor results = blocks_[i].forward(features[i]);
    // (N, A * K, H, W) -> (N, H * W * A, K)
    const int64_t n = results.size(0), h = results.size(2), w = results.size(3);
    all.push_back(results.view({n, -1, num_columns, h, w}).permute({0, 3, 4, 1, 2}).reshape({n, -1, num_columns}));
  }
  return at::cat(all, 1);
}

SSDHeadImpl::SSDHeadImpl(SSDScoringHead classification, SSDScoringHead regression) {
  classification_head = register_module("classification_head", std::move(classification));
  regression_head = register_module("regression_head", std::move(regression));
}

SSDHeadOutputs SSDHeadImpl::forward(const std::vector<at::Tensor>& features) {
  return {regression_head->forward(features), classification_head->forward(features)};
}

namespace {

SSDScoringHead plain_scoring_head(const std::vector<int64_t>& in_channels, const std::vector<int64_t>& num_anchors,
                                  int64_t columns) {
  std::vector<torch::nn::AnyModule> blocks;
  for (size_t i = 0; i < in_channels.size(); ++i) {
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in_channels[i], columns * num_anchors[i], 3).padding(1));
    torch::nn::init::xavier_uniform_(conv->weight);
    torch::nn::init::zeros_(conv->bias);
    blocks.emplace_back(conv);
  }
  return SSDScoringHead(std::move(blocks), columns);
}

} // namespace

SSDHead make_ssd_head(const std::vector<int64_t>& in_channels, const std::vector<int64_t>& num_anchors,
                      int64_t num_classes) {
  TORCH_CHECK(in_channels.size() == num_anchors.size(), "SSDHead: ", in_channels.size(), " levels but ",
              num_anchors.size(), " anchor counts");
  return SSDHead(plain_scoring_head(in_channels, num_anchors, num_classes),
                 plain_scoring_head(in_channels, num_anchors, 4));
}

} // namespace polytrain::models
