#pragma once
// The run folder's pictures of a training run, as Ultralytics writes results.png: the losses per epoch (train and
// validation, per component) and mAP per epoch, redrawn after every epoch into plots/.
#include "core/common/error.h"
#include "core/training/training_events.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::training {

/// plots/losses.png and plots/map.png (when any epoch has metrics), written atomically.
std::optional<Error> writeRunPlots(const std::string& plotsFolder, const std::vector<EpochStats>& history);

} // namespace polytrain::training
