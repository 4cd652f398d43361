#include "core/models/transform.h"

#include "core/ops/paste_masks.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace polytrain::models {

GeneralizedRCNNTransform::GeneralizedRCNNTransform(TransformOptions options) : options_(std::move(options)) {
  TORCH_CHECK(!options_.min_size.empty(), "GeneralizedRCNNTransform: min_size is empty");
}

at::Tensor resize_boxes(const at::Tensor& boxes, const ImageSize& from, const ImageSize& to) {
  const float ratio_h = static_cast<float>(to.first) / static_cast<float>(from.first);
  const float ratio_w = static_cast<float>(to.second) / static_cast<float>(from.second);
  const auto parts = boxes.unbind(1);
  return at::stack({parts[0] * ratio_w, parts[1] * ratio_h, parts[2] * ratio_w, parts[3] * ratio_h}, 1);
}

ImageList GeneralizedRCNNTransform::forward(const std::vector<at::Tensor>& images, std::vector<Target>* targets,
                                            bool training) const {
  TORCH_CHECK(!images.empty(), "GeneralizedRCNNTransform: no images");
  TORCH_CHECK(targets == nullptr || targets->size() == images.size(), "GeneralizedRCNNTransform: ", images.size(),
              " images but ", targets ? targets->size() : 0, " targets");
  std::vector<at::Tensor> resized;
  ImageList out;
  for (size_t i = 0; i < images.size(); ++i) {
    const at::Tensor& image = images[i];
    TORCH_CHECK(image.dim() == 3, "GeneralizedRCNNTransform: images must be [C, H, W], got ", image.sizes());
    const at::Tensor mean =
        at::tensor(std::vector<double>(options_.image_mean.begin(), options_.image_mean.end()), image.options());
    const at::Tensor std =
        at::tensor(std::vector<double>(options_.image_std.begin(), options_.image_std.end()), image.options());
    at::Tensor img = (image - mean.view({-1, 1, 1})) / std.view({-1, 1, 1});

    double size = static_cast<double>(options_.min_size.back());
    if (training) {
      // torch_choice: int(torch.empty(1).uniform_(0.0, float(len(k))).item())
      const auto n = static_cast<double>(options_.min_size.size());
      const auto index = static_cast<size_t>(at::empty({1}).uniform_(0.0, n).item<double>());
      size = static_cast<double>(options_.min_size[std::min(index, options_.min_size.size() - 1)]);
    }
    const int64_t h = img.size(-2), w = img.size(-1);
    // scale = min(min_size / min(h, w), max_size / max(h, w)) on float32 tensors, where python evaluates
    // `float / tensor` as tensor.reciprocal() * float; then output = floor(dim * scale) in double.
    const float min_dim = static_cast<float>(std::min(h, w));
    const float max_dim = static_cast<float>(std::max(h, w));
    const float by_min = (1.0F / min_dim) * static_cast<float>(size);
    const float by_max = (1.0F / max_dim) * static_cast<float>(options_.max_size);
    const float scale = std::min(by_min, by_max);
    const auto oh = static_cast<int64_t>(std::floor(static_cast<double>(h) * static_cast<double>(scale)));
    const auto ow = static_cast<int64_t>(std::floor(static_cast<double>(w) * static_cast<double>(scale)));
    img = at::upsample_bilinear2d(img.unsqueeze(0), {oh, ow}, false, c10::nullopt, c10::nullopt).squeeze(0);
    if (targets != nullptr) {
      Target& t = (*targets)[i];
      t.boxes = resize_boxes(t.boxes, {h, w}, {oh, ow});
      if (t.masks.defined() && t.masks.numel() > 0) {
        t.masks = at::upsample_nearest2d(t.masks.unsqueeze(1).to(at::kFloat), {oh, ow}, c10::nullopt, c10::nullopt)
                      .select(1, 0)
                      .to(at::kByte);
      } else if (t.masks.defined()) {
        t.masks = at::zeros({0, oh, ow}, t.masks.options().dtype(at::kByte));
      }
    }
    out.image_sizes.emplace_back(oh, ow);
    resized.push_back(img);
  }
  // batch_images
  int64_t c = 0, max_h = 0, max_w = 0;
  for (const auto& r : resized) {
    c = std::max(c, r.size(0));
    max_h = std::max(max_h, r.size(1));
    max_w = std::max(max_w, r.size(2));
  }
  const auto stride = static_cast<double>(options_.size_divisible);
  max_h = static_cast<int64_t>(std::ceil(static_cast<double>(max_h) / stride) * stride);
  max_w = static_cast<int64_t>(std::ceil(static_cast<double>(max_w) / stride) * stride);
  out.tensors = at::zeros({static_cast<int64_t>(resized.size()), c, max_h, max_w}, resized.front().options());
  for (size_t i = 0; i < resized.size(); ++i) {
    const at::Tensor& r = resized[i];
    out.tensors[static_cast<int64_t>(i)]
        .narrow(0, 0, r.size(0))
        .narrow(1, 0, r.size(1))
        .narrow(2, 0, r.size(2))
        .copy_(r);
  }
  return out;
}

void GeneralizedRCNNTransform::postprocess(std::vector<Detection>& detections, const std::vector<ImageSize>& sizes,
                                           const std::vector<ImageSize>& original_sizes) const {
  for (size_t i = 0; i < detections.size(); ++i) {
    Detection& d = detections[i];
    d.boxes = resize_boxes(d.boxes, sizes[i], original_sizes[i]);
    if (d.masks.defined()) {
      d.masks = ops::paste_masks_in_image(d.masks, d.boxes, original_sizes[i].first, original_sizes[i].second);
    }
  }
}

} // namespace polytrain::models
