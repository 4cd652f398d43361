#include "core/models/image_tensors.h"

#include <ATen/Functions.h>

namespace polytrain::models {

at::Tensor image_tensor_from_bgr(const uint8_t* pixels, int64_t height, int64_t width, size_t stride) {
  const at::Tensor view =
      at::from_blob(const_cast<uint8_t*>(pixels), {height, width, 3}, {static_cast<int64_t>(stride), 3, 1}, at::kByte);
  // BGR -> RGB, HWC -> CHW, bytes -> [0, 1]; the result owns its memory.
  return view.flip({2}).permute({2, 0, 1}).to(at::kFloat).div_(255.0).contiguous();
}

at::Tensor mask_tensor_from_bytes(const uint8_t* pixels, int64_t height, int64_t width, size_t stride) {
  const at::Tensor view =
      at::from_blob(const_cast<uint8_t*>(pixels), {height, width}, {static_cast<int64_t>(stride), 1}, at::kByte);
  return view.ne(0).to(at::kByte).contiguous();
}

} // namespace polytrain::models
