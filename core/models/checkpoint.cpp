#include "core/models/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <thread>
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

std::string error_text(int code) {
  return std::string(std::strerror(code));
}

// A temporary name no other writer of the same checkpoint uses (two processes on one run folder, say).
std::string temporary_beside(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
}

// core/models needs only libtorch, so it does not use core/common's atomic writer; these are its few lines.
void sync_to_disk(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), O_RDONLY | flags);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The rename is only durable once the folder that holds the new name is on disk.
void sync_folder_of(const std::string& path) {
  const std::string folder = std::filesystem::path(path).parent_path().string();
  sync_to_disk(folder.empty() ? "." : folder, O_DIRECTORY);
}

void replace_with(const std::string& temporary, const std::string& path) {
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int code = errno;
    std::remove(temporary.c_str());
    TORCH_CHECK(false, path, ": cannot replace the checkpoint: ", error_text(code));
  }
  sync_folder_of(path);
}

// Writes the archive through our own file handle. libtorch's save_to(path) throws from the zip writer's destructor
// when the disk fills up, which terminates the process; here a failed write is remembered, the archive finishes
// into nothing, and the error is thrown afterwards, naming the file.
void write_archive(torch::serialize::OutputArchive& archive, const std::string& path, const std::string& temporary) {
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  TORCH_CHECK(file != nullptr, path, ": cannot write the checkpoint: ", error_text(errno));
  int failure = 0;
  try {
    archive.save_to([&](const void* data, size_t size) -> size_t {
      if (failure == 0 && size > 0 && std::fwrite(data, 1, size, file) != size)
        failure = errno != 0 ? errno : EIO;
      return size;
    });
  } catch (...) {
    std::fclose(file);
    std::remove(temporary.c_str());
    throw;
  }
  if (failure == 0 && std::fflush(file) != 0)
    failure = errno;
  if (failure == 0 && ::fsync(::fileno(file)) != 0)
    failure = errno;
  if (std::fclose(file) != 0 && failure == 0)
    failure = errno;
  if (failure != 0) {
    std::remove(temporary.c_str());
    TORCH_CHECK(false, path, ": cannot write the checkpoint: ", error_text(failure));
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
  const std::string temporary = temporary_beside(path);
  write_archive(archive, path, temporary);
  replace_with(temporary, path);
}

void share_checkpoint(const std::string& existing, const std::string& path) {
  const std::string temporary = temporary_beside(path);
  if (::link(existing.c_str(), temporary.c_str()) != 0) {
    // File systems without hard links (FAT, exFAT, some network shares) get a copy.
    std::error_code code;
    std::filesystem::copy_file(existing, temporary, std::filesystem::copy_options::overwrite_existing, code);
    if (code) {
      std::filesystem::remove(temporary, code);
      TORCH_CHECK(false, path, ": cannot write the checkpoint from ", existing, ": ", code.message());
    }
    sync_to_disk(temporary, 0);
  }
  replace_with(temporary, path);
  // rename() between two links of one file does nothing and leaves the temporary name behind.
  std::remove(temporary.c_str());
}

void remove_unfinished_checkpoints(const std::string& folder) {
  std::error_code code;
  for (const auto& entry : std::filesystem::directory_iterator(folder, code))
    if (entry.path().filename().string().find(".pt.tmp-") != std::string::npos && entry.is_regular_file(code))
      std::filesystem::remove(entry.path(), code);
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
