// SSD benchmark: polytrain::models vs torchvision 0.14, same weights, same inputs, same thread count, in one run.
// Prints the best eval latency of one 480x640 frame (resize, model, postprocess, boxes back to the frame), the
// model alone on a [1, 3, S, S] tensor (backbone and heads, frames per second; ours with BatchNorm folded), and the
// train-step time (forward, backward, SGD step) at each batch size, with the ratio ours / torchvision (< 1: ours
// faster).
//
// usage: ssd_bench [--threads N] [--reps R] [--models ssdlite,ssd300,ssdlite_v2] [--classes K] [--batches 2,8]
// The torchvision side runs in Debian's python3 (POLYTRAIN_PYTHON) from tests/bench/ssd_bench.py.
#include "core/models/ssd.h"

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
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace polytrain::models;

using polytrain::bench::best_ms;

std::vector<int64_t> split_ints(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    out.push_back(std::stoll(item));
  }
  return out;
}

std::string our_name(const std::string& model) {
  if (model == "ssd300") {
    return "ssd300_vgg16";
  }
  return model == "ssdlite_v2" ? "ssdlite320_mobilenet_v2" : "ssdlite320_mobilenet_v3_large";
}

void run(const std::string& model_name, int64_t classes, const std::vector<int64_t>& batches, int threads, int reps,
         const std::string& dir) {
  std::string batch_list;
  for (const int64_t b : batches) {
    batch_list += (batch_list.empty() ? "" : ",") + std::to_string(b);
  }
  const std::string script = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/bench/ssd_bench.py";
  const std::string cmd = std::string("'") + POLYTRAIN_PYTHON + "' '" + script + "' " + model_name + " " +
                          std::to_string(classes) + " " + std::to_string(threads) + " " + std::to_string(reps) + " " +
                          batch_list + " '" + dir + "'";
  if (std::system(cmd.c_str()) != 0) {
    throw std::runtime_error("torchvision side failed: " + cmd);
  }
  std::map<std::string, at::Tensor> data;
  for (auto& [k, v] : read_pth_state_dict(dir + "/data.pt")) {
    data[k] = v;
  }
  SSD model(ssd_options(our_name(model_name), classes));
  import_torchvision_weights(*model, dir + "/weights.pth");
  const std::vector<at::Tensor> frame = {data.at("frame")};
  const int64_t size = model->options().size;

  model->eval();
  double eval_ms = 0;
  double model_ms = 0;
  int64_t detections = 0;
  {
    torch::NoGradGuard no_grad; // as the trainer and the predictor run it; torchvision under torch.no_grad()
    model->detect(frame);
    eval_ms = best_ms([&] { model->detect(frame); }, reps);
    detections = model->detect(frame).front().boxes.size(0);
    const at::Tensor x = at::rand({1, 3, size, size});
    const auto model_only = [&] { model->forward_heads(x); };
    model_only();
    model_ms = best_ms(model_only, reps);
  }
  const double tv_eval = data.at("eval_ms").item<double>();
  const double tv_model = data.at("model_ms").item<double>();
  std::printf("%-10s eval 480x640 frame  ours %7.1f ms  tv %7.1f ms  ratio %5.2f   (%lld / %lld detections)\n",
              model_name.c_str(), eval_ms, tv_eval, eval_ms / tv_eval, static_cast<long long>(detections),
              static_cast<long long>(data.at("detections").item<int64_t>()));
  std::printf("%-10s model only %lldx%lld   ours %7.1f ms  tv %7.1f ms  ratio %5.2f   ours %.1f fps, tv %.1f fps\n",
              model_name.c_str(), static_cast<long long>(size), static_cast<long long>(size), model_ms, tv_model,
              model_ms / tv_model, 1000.0 / model_ms, 1000.0 / tv_model);
  std::fflush(stdout);

  model->train();
  std::vector<at::Tensor> params;
  for (const auto& p : model->parameters()) {
    if (p.requires_grad()) {
      params.push_back(p);
    }
  }
  torch::optim::SGD opt(params, torch::optim::SGDOptions(1e-5));
  for (const int64_t batch : batches) {
    std::vector<at::Tensor> images;
    std::vector<Target> targets;
    const std::string prefix = "train" + std::to_string(batch) + "/";
    for (int64_t i = 0; i < batch; ++i) {
      images.push_back(data.at(prefix + "image/" + std::to_string(i)));
      targets.push_back({data.at(prefix + "boxes/" + std::to_string(i)),
                         data.at(prefix + "labels/" + std::to_string(i)), at::Tensor()});
    }
    const auto step = [&] {
      const LossDict losses = model->losses(images, targets);
      opt.zero_grad();
      (losses[0].second + losses[1].second).backward();
      opt.step();
    };
    step();
    const double ours = best_ms(step, reps);
    const double tv = data.at("train" + std::to_string(batch) + "_ms").item<double>();
    std::printf("%-10s train step batch %-3lld ours %7.1f ms  tv %7.1f ms  ratio %5.2f\n", model_name.c_str(),
                static_cast<long long>(batch), ours, tv, ours / tv);
    std::fflush(stdout);
  }
}

} // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  int reps = 5;
  int64_t classes = 91;
  std::string models = "ssdlite,ssd300,ssdlite_v2";
  std::string batches = "2,8";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--threads") {
      threads = std::stoi(argv[i + 1]);
    } else if (a == "--reps") {
      reps = std::stoi(argv[i + 1]);
    } else if (a == "--models") {
      models = argv[i + 1];
    } else if (a == "--classes") {
      classes = std::stoll(argv[i + 1]);
    } else if (a == "--batches") {
      batches = argv[i + 1];
    }
  }
  polytrain::bench::configureBothSides(threads);
  std::printf("SSD, random weights, %lld classes; threads %d (torch reports %d), BLAS %s, best of %d\n",
              static_cast<long long>(classes), threads, at::get_num_threads(), polytrain::bench::blasReport().c_str(),
              reps);
  const std::string base = std::filesystem::temp_directory_path() / ("ssd_bench_" + std::to_string(::getpid()));
  std::stringstream ss(models);
  std::string model;
  while (std::getline(ss, model, ',')) {
    const std::string dir = base + "/" + model;
    run(model, classes, split_ints(batches), threads, reps, dir);
    std::filesystem::remove_all(dir);
  }
  std::filesystem::remove_all(base);
  return 0;
}
