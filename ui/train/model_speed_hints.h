#pragma once
// What a user should expect from each model on a CPU and on a GPU, in words, for the Train form.
#include <QString>

namespace polytrain::ui {

struct ModelSpeedHint {
  QString cpu;
  QString gpu;
  QString outputs; // "masks and boxes" or "boxes only"
};

// Hints for the names in training::knownModelNames(); an unknown name gets a hint that says so.
ModelSpeedHint modelSpeedHint(const QString& modelName);

} // namespace polytrain::ui
