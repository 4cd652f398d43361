// CPU kernels of RoIAlign. The arithmetic (types, operation order, boundary rules) follows torchvision 0.14's
// CPU kernel so that results agree to the last bit; the loops are reorganised so that they can run in parallel:
// the forward pass over (RoI, channel block) work items, the backward pass over channels (every channel owns its
// own gradient planes, and within a plane contributions are added in torchvision's order: RoI, bin, sample).
#include "core/ops/roi_align.h"

#include <ATen/ATen.h>
#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace polytrain::ops {
namespace {

constexpr int64_t kForwardChannelBlock = 32;

template <typename T> struct SamplePoint {
  int pos1 = 0;
  int pos2 = 0;
  int pos3 = 0;
  int pos4 = 0;
  T w1 = 0;
  T w2 = 0;
  T w3 = 0;
  T w4 = 0;
  bool inside = false; // false: the sample falls outside the feature map and contributes nothing
};

// Geometry of one RoI on the feature map.
template <typename T> struct RoIGeometry {
  int batch_index = 0;
  T start_h = 0;
  T start_w = 0;
  T bin_size_h = 0;
  T bin_size_w = 0;
  int grid_h = 0;
  int grid_w = 0;
};

template <typename T> RoIGeometry<T> roi_geometry(const T* roi, T spatial_scale, const RoIAlignParams& p) {
  RoIGeometry<T> g;
  g.batch_index = static_cast<int>(roi[0]);
  const T offset = p.aligned ? static_cast<T>(0.5) : static_cast<T>(0.0);
  const T start_w = roi[1] * spatial_scale - offset;
  const T start_h = roi[2] * spatial_scale - offset;
  const T end_w = roi[3] * spatial_scale - offset;
  const T end_h = roi[4] * spatial_scale - offset;
  T roi_width = end_w - start_w;
  T roi_height = end_h - start_h;
  if (!p.aligned) {
    roi_width = std::max(roi_width, static_cast<T>(1.));
    roi_height = std::max(roi_height, static_cast<T>(1.));
  }
  g.start_h = start_h;
  g.start_w = start_w;
  g.bin_size_h = static_cast<T>(roi_height) / static_cast<T>(p.pooled_height);
  g.bin_size_w = static_cast<T>(roi_width) / static_cast<T>(p.pooled_width);
  g.grid_h = p.sampling_ratio > 0 ? static_cast<int>(p.sampling_ratio)
                                  : static_cast<int>(std::ceil(roi_height / static_cast<T>(p.pooled_height)));
  g.grid_w = p.sampling_ratio > 0 ? static_cast<int>(p.sampling_ratio)
                                  : static_cast<int>(std::ceil(roi_width / static_cast<T>(p.pooled_width)));
  return g;
}

// Bilinear weights and positions of every sample point of one RoI, ordered (ph, pw, iy, ix).
template <typename T>
void sample_points(const RoIGeometry<T>& g, int height, int width, const RoIAlignParams& p,
                   std::vector<SamplePoint<T>>& out) {
  const int pooled_h = static_cast<int>(p.pooled_height);
  const int pooled_w = static_cast<int>(p.pooled_width);
  out.resize(static_cast<size_t>(pooled_h) * pooled_w * std::max(g.grid_h, 0) * std::max(g.grid_w, 0));
  size_t k = 0;
  for (int ph = 0; ph < pooled_h; ++ph) {
    for (int pw = 0; pw < pooled_w; ++pw) {
      for (int iy = 0; iy < g.grid_h; ++iy) {
        const T yy = g.start_h + ph * g.bin_size_h + static_cast<T>(iy + .5f) * g.bin_size_h / static_cast<T>(g.grid_h);
        for (int ix = 0; ix < g.grid_w; ++ix) {
          const T xx =
              g.start_w + pw * g.bin_size_w + static_cast<T>(ix + .5f) * g.bin_size_w / static_cast<T>(g.grid_w);
          SamplePoint<T>& s = out[k++];
          T y = yy;
          T x = xx;
          if (y < -1.0 || y > height || x < -1.0 || x > width) {
            s = SamplePoint<T>{};
            continue;
          }
          if (y <= 0) {
            y = 0;
          }
          if (x <= 0) {
            x = 0;
          }
          int y_low = static_cast<int>(y);
          int x_low = static_cast<int>(x);
          int y_high = 0;
          int x_high = 0;
          if (y_low >= height - 1) {
            y_high = y_low = height - 1;
            y = static_cast<T>(y_low);
          } else {
            y_high = y_low + 1;
          }
          if (x_low >= width - 1) {
            x_high = x_low = width - 1;
            x = static_cast<T>(x_low);
          } else {
            x_high = x_low + 1;
          }
          const T ly = y - y_low;
          const T lx = x - x_low;
          const T hy = static_cast<T>(1. - ly);
          const T hx = static_cast<T>(1. - lx);
          s.w1 = hy * hx;
          s.w2 = hy * lx;
          s.w3 = ly * hx;
          s.w4 = ly * lx;
          s.pos1 = y_low * width + x_low;
          s.pos2 = y_low * width + x_high;
          s.pos3 = y_high * width + x_low;
          s.pos4 = y_high * width + x_high;
          s.inside = true;
        }
      }
    }
  }
}

// Forward: work items are (RoI, block of kForwardChannelBlock channels). Within a block, kLanes channels are handled
// together with the channel loop innermost, so that a sample's weights stay in registers and the lanes' sums are
// independent; every output element still sums its samples in torchvision's order.
template <typename T>
void forward_kernel(const T* input, const T* rois, T* output, int64_t n_rois, int64_t channels, int height, int width,
                    const RoIAlignParams& p) {
  constexpr int64_t kLanes = 8;
  const T spatial_scale = static_cast<T>(p.spatial_scale);
  const int64_t bins = p.pooled_height * p.pooled_width;
  const int64_t blocks = (channels + kForwardChannelBlock - 1) / kForwardChannelBlock;
  const int64_t plane = static_cast<int64_t>(height) * width;
  at::parallel_for(0, n_rois * blocks, 1, [&](int64_t begin, int64_t end) {
    std::vector<SamplePoint<T>> points;
    int64_t current_roi = -1;
    RoIGeometry<T> g;
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / blocks;
      const int64_t block = item % blocks;
      if (n != current_roi) {
        g = roi_geometry(rois + n * 5, spatial_scale, p);
        sample_points(g, height, width, p, points);
        current_roi = n;
      }
      const int samples = g.grid_h * g.grid_w;
      const T count = static_cast<T>(std::max(samples, 1));
      const int64_t c_end = std::min(channels, (block + 1) * kForwardChannelBlock);
      for (int64_t c0 = block * kForwardChannelBlock; c0 < c_end; c0 += kLanes) {
        const int64_t lanes = std::min(kLanes, c_end - c0);
        const T* in = input + (g.batch_index * channels + c0) * plane;
        T* out = output + (n * channels + c0) * bins;
        const SamplePoint<T>* s = points.data();
        for (int64_t bin = 0; bin < bins; ++bin) {
          T acc[kLanes] = {};
          for (int k = 0; k < samples; ++k, ++s) {
            const T w1 = s->w1, w2 = s->w2, w3 = s->w3, w4 = s->w4;
            const T* a = in + s->pos1;
            const T* b = in + s->pos2;
            const T* c = in + s->pos3;
            const T* d = in + s->pos4;
            if (lanes == kLanes) {
              for (int64_t l = 0; l < kLanes; ++l) {
                const int64_t o = l * plane;
                acc[l] += w1 * a[o] + w2 * b[o] + w3 * c[o] + w4 * d[o];
              }
            } else {
              for (int64_t l = 0; l < lanes; ++l) {
                const int64_t o = l * plane;
                acc[l] += w1 * a[o] + w2 * b[o] + w3 * c[o] + w4 * d[o];
              }
            }
          }
          for (int64_t l = 0; l < lanes; ++l) {
            out[l * bins + bin] = acc[l] / count;
          }
        }
      }
    }
  });
}

// Backward: parallel over channels, RoIs in order inside, kLanes channels handled together per sample point. An
// element of grad_input receives its contributions in torchvision's order (RoI, bin, sample, then w1..w4).
template <typename T>
void backward_kernel(const T* grad_output, const T* rois, T* grad_input, int64_t n_rois, int64_t channels, int height,
                     int width, const RoIAlignParams& p) {
  constexpr int64_t kLanes = 8;
  const T spatial_scale = static_cast<T>(p.spatial_scale);
  const int64_t bins = p.pooled_height * p.pooled_width;
  const int64_t plane = static_cast<int64_t>(height) * width;
  at::parallel_for(0, channels, 1, [&](int64_t c_begin, int64_t c_end) {
    std::vector<SamplePoint<T>> points;
    for (int64_t n = 0; n < n_rois; ++n) {
      const RoIGeometry<T> g = roi_geometry(rois + n * 5, spatial_scale, p);
      sample_points(g, height, width, p, points);
      const int samples = g.grid_h * g.grid_w;
      if (samples <= 0) {
        continue;
      }
      const T count = static_cast<T>(samples);
      // Dividing by a power of two equals multiplying by its reciprocal exactly; otherwise divide as torchvision.
      const bool pow2 = (samples & (samples - 1)) == 0;
      const T inv_count = static_cast<T>(1) / count;
      for (int64_t c0 = c_begin; c0 < c_end; c0 += kLanes) {
        const int64_t lanes = std::min(kLanes, c_end - c0);
        T* gin = grad_input + (g.batch_index * channels + c0) * plane;
        const T* gout = grad_output + (n * channels + c0) * bins;
        const SamplePoint<T>* s = points.data();
        for (int64_t bin = 0; bin < bins; ++bin) {
          T go[kLanes] = {};
          for (int64_t l = 0; l < lanes; ++l) {
            go[l] = gout[l * bins + bin];
          }
          for (int k = 0; k < samples; ++k, ++s) {
            if (!s->inside) {
              continue;
            }
            const T w1 = s->w1, w2 = s->w2, w3 = s->w3, w4 = s->w4; // locals: the stores below may alias *s
            T* a = gin + s->pos1;
            T* b = gin + s->pos2;
            T* c = gin + s->pos3;
            T* d = gin + s->pos4;
            if (pow2) {
              for (int64_t l = 0; l < lanes; ++l) {
                const int64_t o = l * plane;
                a[o] += go[l] * w1 * inv_count;
                b[o] += go[l] * w2 * inv_count;
                c[o] += go[l] * w3 * inv_count;
                d[o] += go[l] * w4 * inv_count;
              }
            } else {
              for (int64_t l = 0; l < lanes; ++l) {
                const int64_t o = l * plane;
                a[o] += go[l] * w1 / count;
                b[o] += go[l] * w2 / count;
                c[o] += go[l] * w3 / count;
                d[o] += go[l] * w4 / count;
              }
            }
          }
        }
      }
    }
  });
}

void check_batch_indices(const at::Tensor& rois, int64_t batch_size) {
  if (rois.size(0) == 0) {
    return;
  }
  const at::Tensor idx = rois.select(1, 0);
  const double lo = idx.min().item<double>();
  const double hi = idx.max().item<double>();
  TORCH_CHECK(lo >= 0 && hi < static_cast<double>(batch_size), "roi_align: roi batch indices must lie in [0, ",
              batch_size, "), got [", lo, ", ", hi, "]");
}

} // namespace

at::Tensor roi_align_forward_cpu(const at::Tensor& input_, const at::Tensor& rois_, const RoIAlignParams& params) {
  const at::Tensor input = input_.contiguous();
  const at::Tensor rois = rois_.contiguous();
  const int64_t n_rois = rois.size(0);
  const int64_t channels = input.size(1);
  const int64_t height = input.size(2);
  const int64_t width = input.size(3);
  check_batch_indices(rois, input.size(0));
  at::Tensor output = at::empty({n_rois, channels, params.pooled_height, params.pooled_width}, input.options());
  if (output.numel() == 0) {
    return output;
  }
  AT_DISPATCH_FLOATING_TYPES(input.scalar_type(), "polytrain_roi_align_forward", [&] {
    forward_kernel<scalar_t>(input.data_ptr<scalar_t>(), rois.data_ptr<scalar_t>(), output.data_ptr<scalar_t>(), n_rois,
                             channels, static_cast<int>(height), static_cast<int>(width), params);
  });
  return output;
}

at::Tensor roi_align_backward_cpu(const at::Tensor& grad_output_, const at::Tensor& rois_, const RoIAlignParams& params,
                                  int64_t batch_size, int64_t channels, int64_t height, int64_t width) {
  const at::Tensor grad_output = grad_output_.contiguous();
  const at::Tensor rois = rois_.contiguous().to(grad_output.scalar_type());
  check_batch_indices(rois, batch_size);
  at::Tensor grad_input = at::zeros({batch_size, channels, height, width}, grad_output.options());
  if (grad_output.numel() == 0) {
    return grad_input;
  }
  AT_DISPATCH_FLOATING_TYPES(grad_output.scalar_type(), "polytrain_roi_align_backward", [&] {
    backward_kernel<scalar_t>(grad_output.data_ptr<scalar_t>(), rois.data_ptr<scalar_t>(),
                              grad_input.data_ptr<scalar_t>(), rois.size(0), channels, static_cast<int>(height),
                              static_cast<int>(width), params);
  });
  return grad_input;
}

} // namespace polytrain::ops
