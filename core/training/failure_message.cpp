#include "core/training/failure_message.h"

#include "core/common/text.h"

#include <algorithm>

namespace polytrain::training {
namespace {

// The error's first line: libtorch appends a long allocator report (and, in debug builds, a backtrace).
std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

} // namespace

bool isOutOfMemory(const std::string& what) {
  const std::string text = asciiLower(what);
  return text.find("out of memory") != std::string::npos || text.find("can't allocate memory") != std::string::npos ||
         text.find("bad_alloc") != std::string::npos || text.find("cannot allocate memory") != std::string::npos;
}

bool isDiskFull(const std::string& what) {
  const std::string text = asciiLower(what);
  return text.find("no space left on device") != std::string::npos ||
         text.find("disk quota exceeded") != std::string::npos || text.find("file too large") != std::string::npos;
}

std::string trainingFailureMessage(const std::string& what, const TrainingConfig& config) {
  if (isDiskFull(what))
    return firstLine(what) + ". The disk is full: free some space (or train into a folder on another disk with --out); "
                             "--resume continues the run from its last checkpoint.";
  if (!isOutOfMemory(what))
    return what;
  const std::string where = config.device.empty() ? "cpu" : config.device;
  std::string message = "out of memory on " + where + " with batch " + std::to_string(config.batchSize) +
                        " at input size " + std::to_string(config.inputSize) + " (" + firstLine(what) + "). Try ";
  if (config.batchSize > 1)
    message += "a smaller batch (--batch " + std::to_string(std::max(1, config.batchSize / 2)) + ") or ";
  message += "a smaller input size (--input-size " + std::to_string(std::max(32, config.inputSize * 3 / 4)) + ")";
  message += "; --resume continues the run from its last checkpoint.";
  return message;
}

} // namespace polytrain::training
