// The message a user reads when a training run fails: the error itself, and for running out of memory the way out,
// since "CUDA out of memory. Tried to allocate 2.00 GiB" alone does not say what to change in the run.
#pragma once

#include "core/training/training_config.h"

#include <string>

namespace polytrain::training {

// True when `what` (an exception's text) says an allocation failed: CUDA's "out of memory", the CPU allocator's
// "can't allocate memory", std::bad_alloc.
bool isOutOfMemory(const std::string& what);

// True when `what` says a write found no room: a full disk ("No space left on device"), a quota, a file size limit.
bool isDiskFull(const std::string& what);

// `what`, followed for a full disk by the way out, and for an out-of-memory failure by what to try with `config`: half
// the batch (while it is above 1), a smaller input size, and that the last checkpoint of the run resumes it.
std::string trainingFailureMessage(const std::string& what, const TrainingConfig& config);

} // namespace polytrain::training
