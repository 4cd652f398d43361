// RoIAlign benchmark: polytrain::ops vs torchvision 0.14 on Mask R-CNN-sized inputs, same inputs, same thread
// counts, in one run. Prints the best forward and backward times (wall clock and CPU) and the ratio ours / torchvision
// (< 1: ours faster).
//
// usage: roi_align_bench [--threads 1,2] [--reps 5]
// The torchvision side runs in Debian's python3 (POLYTRAIN_PYTHON) from tests/bench/roi_align_bench.py.
#include "core/ops/poolers.h"
#include "core/ops/roi_align.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

namespace {

using polytrain::ops::MultiScaleRoIAlign;
using polytrain::ops::MultiScaleRoIAlignOptions;
using polytrain::ops::NamedFeature;
using polytrain::ops::RoIAlignParams;

constexpr int64_t kImages = 4;
constexpr int64_t kChannels = 256;
constexpr int64_t kImageSize = 512; // ResNet-50-FPN at 512: levels 128, 64, 32, 16
constexpr int64_t kLevels = 4;
constexpr int64_t kRoisPerImage = 128; // 512 RoIs in all

struct Case {
  std::string name;
  int64_t out = 7;
  bool multi_scale = false;
  std::vector<at::Tensor> boxes;
};

double cpu_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// Wall-clock and process CPU time of f(), in ms. CPU time is robust against other load on a shared machine.
template <typename F> std::pair<double, double> time_ms(F&& f) {
  const double c0 = cpu_ms();
  const auto t0 = std::chrono::steady_clock::now();
  f();
  const double wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return {wall, cpu_ms() - c0};
}

// fwd wall, bwd wall, fwd cpu, bwd cpu
using Times = std::array<double, 4>;

std::string blas_library() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find("blas") != std::string::npos || line.find("mkl_rt") != std::string::npos) {
      return line.substr(line.find('/'));
    }
  }
  return "(no BLAS library mapped)";
}

std::vector<at::Tensor> random_boxes(at::Generator& gen, double min_side, double max_side) {
  std::vector<at::Tensor> boxes;
  for (int64_t i = 0; i < kImages; ++i) {
    const at::Tensor xy = at::rand({kRoisPerImage, 2}, gen) * (kImageSize - min_side);
    const at::Tensor wh = min_side + at::rand({kRoisPerImage, 2}, gen) * (max_side - min_side);
    boxes.push_back(at::cat({xy, (xy + wh).clamp_max(kImageSize)}, 1));
  }
  return boxes;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<int> threads = {1, 2};
  int reps = 5;
  int rounds = 2;
  bool ours_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--ours-only") {
      ours_only = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::cerr << "usage: roi_align_bench [--threads 1,2] [--reps 5] [--rounds 2] [--ours-only]\n";
      return 2;
    }
    ++i;
    if (a == "--rounds") {
      rounds = std::stoi(argv[i]);
    } else if (a == "--threads") {
      threads.clear();
      std::stringstream ss(argv[i]);
      std::string t;
      while (std::getline(ss, t, ',')) {
        threads.push_back(std::stoi(t));
      }
    } else if (a == "--reps") {
      reps = std::stoi(argv[i]);
    }
  }
  at::globalContext().setFlushDenormal(true);

  at::Generator gen = at::detail::createCPUGenerator(42);
  std::vector<at::Tensor> feats;
  for (int64_t l = 0; l < kLevels; ++l) {
    const int64_t s = kImageSize / (int64_t{4} << l);
    feats.push_back(at::randn({kImages, kChannels, s, s}, gen));
  }
  std::vector<Case> cases;
  const auto box_small = random_boxes(gen, 16, 128); // mostly stride-8 sized, single level
  const auto box_fpn = random_boxes(gen, 8, 400);    // spread over the FPN levels
  cases.push_back({"box_head_7x7_single_level", 7, false, box_small});
  cases.push_back({"mask_head_14x14_single_level", 14, false, box_small});
  cases.push_back({"box_head_7x7_multiscale", 7, true, box_fpn});
  cases.push_back({"mask_head_14x14_multiscale", 14, true, box_fpn});

  // Save the inputs for the torchvision side.
  c10::Dict<std::string, at::Tensor> dict;
  dict.insert("num_images", at::scalar_tensor(kImages, at::kLong));
  dict.insert("num_levels", at::scalar_tensor(kLevels, at::kLong));
  dict.insert("image_size", at::tensor(std::vector<int64_t>{kImageSize, kImageSize}, at::kLong));
  for (int64_t l = 0; l < kLevels; ++l) {
    dict.insert("feat/" + std::to_string(l), feats[static_cast<size_t>(l)]);
  }
  for (const auto& c : cases) {
    dict.insert("case/" + c.name + "/params",
                at::tensor(std::vector<int64_t>{c.out, c.out, c.multi_scale ? 1 : 0}, at::kLong));
    for (int64_t i = 0; i < kImages; ++i) {
      dict.insert("case/" + c.name + "/boxes/" + std::to_string(i), c.boxes[static_cast<size_t>(i)]);
    }
  }
  const std::string inputs = "/tmp/polytrain_roi_align_bench_" + std::to_string(::getpid()) + ".pt";
  {
    const std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
    std::ofstream(inputs, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  std::cout << "RoIAlign benchmark: " << kImages << " images, " << kChannels << " channels, " << kImageSize
            << " px FPN (levels 128..16), " << kImages * kRoisPerImage << " RoIs, sampling_ratio 2, best of " << reps
            << " x " << rounds << " rounds (ours and torchvision alternate)"
            << "\n"
            << "libtorch BLAS: " << blas_library() << "\n"
            << at::get_parallel_info() << "\n";

  using Timings = std::map<std::pair<std::string, int>, Times>; // (case, threads) -> times
  auto keep_min = [](Timings& acc, const Timings& round) {
    for (const auto& [key, value] : round) {
      const auto it = acc.find(key);
      if (it == acc.end()) {
        acc[key] = value;
      } else {
        for (size_t i = 0; i < value.size(); ++i) {
          it->second[i] = std::min(it->second[i], value[i]);
        }
      }
    }
  };

  auto measure_ours = [&]() {
    Timings t_ours;
    for (const int t : threads) {
      at::set_num_threads(t);
      for (const auto& c : cases) {
        MultiScaleRoIAlignOptions o;
        o.featmap_names = {"0", "1", "2", "3"};
        o.output_height = o.output_width = c.out;
        o.sampling_ratio = 2;
        MultiScaleRoIAlign pooler(o);
        std::vector<NamedFeature> named;
        for (int64_t l = 0; l < kLevels; ++l) {
          named.emplace_back(std::to_string(l), feats[static_cast<size_t>(l)].clone().requires_grad_(true));
        }
        RoIAlignParams p;
        p.pooled_height = p.pooled_width = c.out;
        p.sampling_ratio = 2;
        p.spatial_scale = 1.0 / 8;
        auto run = [&]() {
          if (c.multi_scale) {
            return pooler.forward(named, c.boxes, {static_cast<size_t>(kImages), {kImageSize, kImageSize}});
          }
          return polytrain::ops::roi_align_boxes(named[1].second, c.boxes, p);
        };
        const at::Tensor g = at::randn(run().sizes(), gen);
        Times best{1e300, 1e300, 1e300, 1e300};
        for (int r = 0; r <= reps; ++r) {
          const auto f = time_ms([&] {
            at::NoGradGuard no_grad;
            run();
          });
          const at::Tensor y = run();
          const auto b = time_ms([&] { y.backward(g); });
          if (r > 0) { // the first repetition is a warm-up
            best = {std::min(best[0], f.first), std::min(best[1], b.first), std::min(best[2], f.second),
                    std::min(best[3], b.second)};
          }
        }
        t_ours[{c.name, t}] = best;
      }
    }
    return t_ours;
  };

  std::string thread_list;
  for (const int t : threads) {
    thread_list += (thread_list.empty() ? "" : ",") + std::to_string(t);
  }
  const std::string cmd = std::string("'") + POLYTRAIN_PYTHON + "' '" + POLYTRAIN_SOURCE_DIR +
                          "/tests/bench/roi_align_bench.py' '" + inputs + "' " + thread_list + " " +
                          std::to_string(reps);
  bool printed_info = false;
  auto measure_torchvision = [&]() {
    Timings t_ref;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
    if (!pipe) {
      return t_ref;
    }
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe.get())) {
      std::istringstream line(buf.data());
      std::string tag;
      line >> tag;
      if (tag == "RESULT") {
        std::string name;
        int t = 0;
        Times v{};
        line >> name >> t >> v[0] >> v[1] >> v[2] >> v[3];
        t_ref[{name, t}] = v;
      } else if (!printed_info) {
        std::cout << buf.data();
      }
    }
    printed_info = true;
    return t_ref;
  };

  // Alternate ours and torchvision so that both see the same machine load; keep the best time of all rounds.
  Timings ours;
  Timings ref;
  for (int r = 0; r < rounds; ++r) {
    keep_min(ours, measure_ours());
    if (!ours_only) {
      const Timings round = measure_torchvision();
      if (round.size() != cases.size() * threads.size()) {
        std::cerr << "torchvision side failed (" << round.size() << " results): " << cmd << "\n";
        std::remove(inputs.c_str());
        return 1;
      }
      keep_min(ref, round);
    }
  }
  std::remove(inputs.c_str());
  if (ours_only) {
    for (const auto& [key, value] : ours) {
      std::printf("%-30s %d threads: forward %.2f ms (cpu %.2f), backward %.2f ms (cpu %.2f)\n", key.first.c_str(),
                  key.second, value[0], value[2], value[1], value[3]);
    }
    return 0;
  }

  std::printf(
      "ratio = ours / torchvision (< 1: ours faster); wall = best wall-clock time, cpu = best process CPU time\n");
  std::printf("%-30s %3s %9s %9s %6s %6s | %9s %9s %6s %6s\n", "case", "thr", "fwd ours", "fwd tv", "wall", "cpu",
              "bwd ours", "bwd tv", "wall", "cpu");
  for (const int t : threads) {
    for (const auto& c : cases) {
      const Times o = ours[{c.name, t}];
      const Times r = ref[{c.name, t}];
      std::printf("%-30s %3d %9.1f %9.1f %6.2f %6.2f | %9.1f %9.1f %6.2f %6.2f\n", c.name.c_str(), t, o[0], r[0],
                  o[0] / r[0], o[2] / r[2], o[1], r[1], o[1] / r[1], o[3] / r[3]);
    }
  }
  return 0;
}
