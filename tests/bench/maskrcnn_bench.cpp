// Mask R-CNN benchmark: polytrain::models vs torchvision 0.14, same weights, same inputs (two images), same thread
// count, in one run. Prints the best eval latency and train-step time (forward, backward, SGD step) of each and
// the ratio ours / torchvision (< 1: ours faster).
//
// usage: maskrcnn_bench [--threads N] [--reps R] [--configs mobilenet:320,mobilenet:512,resnet50:512,resnet50:800]
// The torchvision side runs in Debian's python3 (POLYTRAIN_PYTHON) from tests/bench/maskrcnn_bench.py.
#include "core/models/mask_rcnn.h"

#include "tests/bench/bench_runtime.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/optim/sgd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace polytrain::models;

using polytrain::bench::best_ms;

struct Result {
  double ours_eval, tv_eval, ours_train, tv_train;
};

Result run(const std::string& model_name, int64_t size, int threads, int reps, const std::string& dir) {
  const std::string script = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/bench/maskrcnn_bench.py";
  const std::string cmd = std::string("'") + POLYTRAIN_PYTHON + "' '" + script + "' " + model_name + " " +
                          std::to_string(size) + " " + std::to_string(threads) + " " + std::to_string(reps) + " '" +
                          dir + "'";
  if (std::system(cmd.c_str()) != 0) {
    throw std::runtime_error("torchvision side failed: " + cmd);
  }
  std::map<std::string, at::Tensor> data;
  for (auto& [k, v] : read_pth_state_dict(dir + "/data.pt")) {
    data[k] = v;
  }
  const std::string ours_name = model_name == "mobilenet" ? "maskrcnn_mobilenet_v3_large_fpn" : "maskrcnn_resnet50_fpn";
  MaskRCNNOptions o = mask_rcnn_options(ours_name, 3);
  o.transform.min_size = {size};
  o.transform.max_size = size * 2;
  o.backbone.trainable_layers = 5;
  if (model_name == "mobilenet") {
    o.rpn.pre_nms_top_n_test = 150;
    o.rpn.post_nms_top_n_test = 150;
  }
  MaskRCNN model(o);
  import_torchvision_weights(*model, dir + "/weights.pth");
  std::vector<at::Tensor> images;
  std::vector<Target> targets;
  for (int i = 0; i < 2; ++i) {
    images.push_back(data.at("image/" + std::to_string(i)));
    targets.push_back({data.at("boxes/" + std::to_string(i)), data.at("labels/" + std::to_string(i)),
                       data.at("masks/" + std::to_string(i))});
  }
  Result r{};
  r.tv_eval = data.at("eval_ms").item<double>();
  r.tv_train = data.at("train_ms").item<double>();
  model->eval();
  {
    torch::NoGradGuard no_grad;
    model->detect(images);
    r.ours_eval = best_ms([&] { model->detect(images); }, reps);
  }
  model->train();
  std::vector<at::Tensor> params;
  for (const auto& p : model->parameters()) {
    if (p.requires_grad()) {
      params.push_back(p);
    }
  }
  torch::optim::SGD opt(params, torch::optim::SGDOptions(1e-5));
  const auto step = [&] {
    const LossDict losses = model->losses(images, targets);
    opt.zero_grad();
    at::Tensor total = losses.front().second;
    for (size_t k = 1; k < losses.size(); ++k) {
      total = total + losses[k].second;
    }
    total.backward();
    opt.step();
  };
  step();
  r.ours_train = best_ms(step, reps);
  return r;
}

} // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  int reps = 3;
  std::string configs = "mobilenet:320,mobilenet:512,resnet50:512,resnet50:800";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--threads") {
      threads = std::stoi(argv[i + 1]);
    } else if (a == "--reps") {
      reps = std::stoi(argv[i + 1]);
    } else if (a == "--configs") {
      configs = argv[i + 1];
    }
  }
  polytrain::bench::configureBothSides(threads);
  std::printf("Mask R-CNN, 2 images, random weights; threads %d (torch reports %d), BLAS %s, best of %d\n", threads,
              at::get_num_threads(), polytrain::bench::blasReport().c_str(), reps);
  std::printf("%-16s %12s %12s %7s %12s %12s %7s\n", "config", "eval ours", "eval tv", "ratio", "train ours",
              "train tv", "ratio");
  std::stringstream ss(configs);
  std::string item;
  const std::string base = std::filesystem::temp_directory_path() / ("maskrcnn_bench_" + std::to_string(::getpid()));
  while (std::getline(ss, item, ',')) {
    const auto colon = item.find(':');
    const std::string model = item.substr(0, colon);
    const int64_t size = std::stoll(item.substr(colon + 1));
    const std::string dir = base + "/" + model + "_" + std::to_string(size);
    const Result r = run(model, size, threads, reps, dir);
    std::printf("%-16s %10.1fms %10.1fms %7.2f %10.1fms %10.1fms %7.2f\n", item.c_str(), r.ours_eval, r.tv_eval,
                r.ours_eval / r.tv_eval, r.ours_train, r.tv_train, r.ours_train / r.tv_train);
    std::fflush(stdout);
    std::filesystem::remove_all(dir);
  }
  std::filesystem::remove_all(base);
  return 0;
}
