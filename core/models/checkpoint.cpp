#include "core/models/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <cstdio>
#include <fcntl.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <unistd.h>

namespace polytrain::models {
namespace {

constexpr int64_t kFormatVersion = 1;

void write_info(torch::serialize::OutputArchive& archive, const CheckpointInfo& info) {
  archive.write("polytrain_format", c10::IValue(kFormatVersion));
  archive.write("polytrain_model_name", c10::IValue(info.model_name));
  archive.write("polytrain_classes", c10::IValue(c10::List<std::string>(info.classes)));
  archive.write("polytrain_config_json", c10::IValue(info.config_json));
  archive.write("polytrain_epoch", c10::IValue(info.epoch));
  archive.write("polytrain_global_iteration", c10::IValue(info.global_iteration));
  archive.write("polytrain_epoch_iteration", c10::IValue(info.epoch_iteration));
  archive.write("polytrain_best_validation_loss", c10::IValue(info.best_validation_loss));
  archive.write("polytrain_best_map", c10::IValue(info.best_map));
}

CheckpointInfo read_info(torch::serialize::InputArchive& archive, const std::string& path) {
  c10::IValue value;
  TORCH_CHECK(archive.try_read("polytrain_format", value), path, ": not a PolyTrain checkpoint (no format entry)");
  TORCH_CHECK(value.toInt() <= kFormatVersion, path, ": checkpoint format ", value.toInt(),
              " is newer than this program reads (", kFormatVersion, ")");
  CheckpointInfo info;
  archive.read("polytrain_model_name", value);
  info.model_name = value.toStringRef();
  archive.read("polytrain_classes", value);
  for (const auto& name : value.toListRef())
    info.classes.push_back(name.toStringRef());
  archive.read("polytrain_config_json", value);
  info.config_json = value.toStringRef();
  archive.read("polytrain_epoch", value);
  info.epoch = value.toInt();
  archive.read("polytrain_global_iteration", value);
  info.global_iteration = value.toInt();
  archive.read("polytrain_epoch_iteration", value);
  info.epoch_iteration = value.toInt();
  archive.read("polytrain_best_validation_loss", value);
  info.best_validation_loss = value.toDouble();
  archive.read("polytrain_best_map", value);
  info.best_map = value.toDouble();
  if (archive.try_read("polytrain_reduced_tail", value))
    info.reduced_tail = value.toBool();
  return info;
}

void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

void save_checkpoint(const std::string& path, Detector& detector, torch::optim::Optimizer* optimizer,
                     const CheckpointInfo& info) {
  torch::serialize::OutputArchive archive;
  write_info(archive, info);
  archive.write("polytrain_reduced_tail", c10::IValue(detector.options().reduced_tail));
  torch::serialize::OutputArchive model_archive;
  detector.module().save(model_archive);
  archive.write("model", model_archive);
  if (optimizer != nullptr) {
    torch::serialize::OutputArchive optimizer_archive;
    optimizer->save(optimizer_archive);
    archive.write("optimizer", optimizer_archive);
  }
  auto generator = at::detail::getDefaultCPUGenerator();
  {
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write("rng_cpu", generator.get_state(), /*is_buffer=*/true);
  }
  const std::string temporary = path + ".tmp";
  archive.save_to(temporary);
  sync_file(temporary);
  TORCH_CHECK(std::rename(temporary.c_str(), path.c_str()) == 0, path, ": cannot replace the checkpoint");
}

CheckpointInfo read_checkpoint_info(const std::string& path) {
  torch::serialize::InputArchive archive;
  archive.load_from(path, c10::Device(c10::kCPU));
  return read_info(archive, path);
}

CheckpointInfo load_checkpoint(const std::string& path, Detector& detector, torch::optim::Optimizer* optimizer) {
  // Onto the device the model is on now: a checkpoint written on a GPU opens on a CPU-only machine, and one written
  // on the CPU continues a run on the GPU.
  const auto parameters = detector.module().parameters();
  const c10::Device device = parameters.empty() ? c10::Device(c10::kCPU) : parameters.front().device();
  torch::serialize::InputArchive archive;
  archive.load_from(path, device);
  CheckpointInfo info = read_info(archive, path);
  TORCH_CHECK(info.model_name == detector.name(), path, ": the checkpoint holds a ", info.model_name, " model, not a ",
              detector.name());
  torch::serialize::InputArchive model_archive;
  archive.read("model", model_archive);
  detector.module().load(model_archive);
  if (optimizer != nullptr) {
    torch::serialize::InputArchive optimizer_archive;
    if (archive.try_read("optimizer", optimizer_archive))
      optimizer->load(optimizer_archive);
    at::Tensor state;
    if (archive.try_read("rng_cpu", state, /*is_buffer=*/true)) {
      auto generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_state(state.cpu()); // the archive was opened onto the model's device
    }
  }
  return info;
}

} // namespace polytrain::models
