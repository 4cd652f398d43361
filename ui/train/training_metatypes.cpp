#include "ui/train/training_metatypes.h"

namespace polytrain::ui {

void registerTrainingMetaTypes() {
  qRegisterMetaType<polytrain::training::IterationStats>("polytrain::training::IterationStats");
  qRegisterMetaType<polytrain::training::EpochStats>("polytrain::training::EpochStats");
  qRegisterMetaType<polytrain::training::StatusEvent>("polytrain::training::StatusEvent");
}

} // namespace polytrain::ui
