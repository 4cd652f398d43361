#include "core/ops/roi_align.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

namespace polytrain::ops {

// Kernels live in roi_align_kernel_cpu.cpp.
at::Tensor roi_align_forward_cpu(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params);
at::Tensor roi_align_backward_cpu(const at::Tensor& grad_output, const at::Tensor& rois, const RoIAlignParams& params,
                                  int64_t batch_size, int64_t channels, int64_t height, int64_t width);

namespace {

void check_inputs(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params) {
  TORCH_CHECK(input.dim() == 4, "roi_align: input must be [N, C, H, W], got ", input.sizes());
  TORCH_CHECK(rois.dim() == 2 && rois.size(1) == 5, "roi_align: rois must be [K, 5], got ", rois.sizes());
  TORCH_CHECK(input.scalar_type() == rois.scalar_type(), "roi_align: input (", input.scalar_type(), ") and rois (",
              rois.scalar_type(), ") must have the same dtype");
  TORCH_CHECK(input.device() == rois.device(), "roi_align: input and rois must be on the same device");
  TORCH_CHECK(params.pooled_height > 0 && params.pooled_width > 0, "roi_align: output size must be positive, got ",
              params.pooled_height, "x", params.pooled_width);
}

class RoIAlignFunction : public torch::autograd::Function<RoIAlignFunction> {
public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& input, const at::Tensor& rois,
                            int64_t pooled_height, int64_t pooled_width, double spatial_scale, int64_t sampling_ratio,
                            bool aligned) {
    const RoIAlignParams params{pooled_height, pooled_width, spatial_scale, sampling_ratio, aligned};
    ctx->saved_data["pooled_height"] = pooled_height;
    ctx->saved_data["pooled_width"] = pooled_width;
    ctx->saved_data["spatial_scale"] = spatial_scale;
    ctx->saved_data["sampling_ratio"] = sampling_ratio;
    ctx->saved_data["aligned"] = aligned;
    ctx->saved_data["input_shape"] = input.sizes();
    ctx->save_for_backward({rois});
    return roi_align_forward(input, rois, params);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad_outputs) {
    const at::Tensor rois = ctx->get_saved_variables()[0];
    const RoIAlignParams params{ctx->saved_data["pooled_height"].toInt(), ctx->saved_data["pooled_width"].toInt(),
                                ctx->saved_data["spatial_scale"].toDouble(), ctx->saved_data["sampling_ratio"].toInt(),
                                ctx->saved_data["aligned"].toBool()};
    const auto shape = ctx->saved_data["input_shape"].toIntVector();
    at::Tensor grad_input =
        roi_align_backward(grad_outputs[0], rois, params, shape.at(0), shape.at(1), shape.at(2), shape.at(3));
    return {grad_input, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

} // namespace

at::Tensor roi_align_forward(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params) {
  check_inputs(input, rois, params);
  if (!input.device().is_cpu()) {
    // No native CUDA kernel yet: run the CPU kernel and return on the caller's device.
    return roi_align_forward_cpu(input.cpu(), rois.cpu(), params).to(input.device());
  }
  return roi_align_forward_cpu(input, rois, params);
}

at::Tensor roi_align_backward(const at::Tensor& grad_output, const at::Tensor& rois, const RoIAlignParams& params,
                              int64_t batch_size, int64_t channels, int64_t height, int64_t width) {
  TORCH_CHECK(grad_output.dim() == 4 && grad_output.size(0) == rois.size(0) && grad_output.size(1) == channels &&
                  grad_output.size(2) == params.pooled_height && grad_output.size(3) == params.pooled_width,
              "roi_align_backward: grad_output has shape ", grad_output.sizes(), ", expected [", rois.size(0), ", ",
              channels, ", ", params.pooled_height, ", ", params.pooled_width, "]");
  if (!grad_output.device().is_cpu()) {
    return roi_align_backward_cpu(grad_output.cpu(), rois.cpu(), params, batch_size, channels, height, width)
        .to(grad_output.device());
  }
  return roi_align_backward_cpu(grad_output, rois, params, batch_size, channels, height, width);
}

at::Tensor roi_align(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params) {
  check_inputs(input, rois, params);
  return RoIAlignFunction::apply(input, rois, params.pooled_height, params.pooled_width, params.spatial_scale,
                                 params.sampling_ratio, params.aligned);
}

at::Tensor boxes_to_rois(const std::vector<at::Tensor>& boxes) {
  TORCH_CHECK(!boxes.empty(), "boxes_to_rois: the list of boxes is empty");
  std::vector<at::Tensor> ids;
  ids.reserve(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    TORCH_CHECK(boxes[i].dim() == 2 && boxes[i].size(1) == 4, "boxes_to_rois: boxes[", i, "] must be [L, 4], got ",
                boxes[i].sizes());
    ids.push_back(at::full({boxes[i].size(0), 1}, static_cast<double>(i), boxes[i].options()));
  }
  return at::cat({at::cat(ids, 0), at::cat(boxes, 0)}, 1);
}

at::Tensor roi_align_boxes(const at::Tensor& input, const std::vector<at::Tensor>& boxes,
                           const RoIAlignParams& params) {
  return roi_align(input, boxes_to_rois(boxes), params);
}

} // namespace polytrain::ops
