#include "core/training/failure_message.h"

#include <algorithm>
#include <cctype>

namespace polytrain::training {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The error's first line: libtorch appends a long allocator report (and, in debug builds, a backtrace).
std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

} // namespace

bool isOutOfMemory(const std::string& what) {
  const std::string text = lower(what);
  return text.find("out of memory") != std::string::npos || text.find("can't allocate memory") != std::string::npos ||
         text.find("bad_alloc") != std::string::npos || text.find("cannot allocate memory") != std::string::npos;
}

std::string trainingFailureMessage(const std::string& what, const TrainingConfig& config) {
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
