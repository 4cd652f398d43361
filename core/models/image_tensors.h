// Pixels in plain buffers (as OpenCV and Qt hold them) to and from the tensors the models take, without either
// library: core/models depends on libtorch alone.
#pragma once

#include <ATen/core/Tensor.h>
#include <cstddef>
#include <cstdint>

namespace polytrain::models {

/// An 8-bit interleaved BGR image (`stride` bytes per row) -> float RGB [3, H, W] in [0, 1], the models' input.
at::Tensor image_tensor_from_bgr(const uint8_t* pixels, int64_t height, int64_t width, size_t stride);

/// An 8-bit single-channel mask (`stride` bytes per row, non-zero inside) -> uint8 [H, W] of 0 and 1.
at::Tensor mask_tensor_from_bytes(const uint8_t* pixels, int64_t height, int64_t width, size_t stride);

} // namespace polytrain::models
