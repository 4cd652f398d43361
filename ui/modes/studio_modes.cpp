#include "ui/modes/studio_modes.h"

#include "core/training/trainer.h"
#include "ui/annotate/annotate_mode.h"
#include "ui/dataset/dataset_mode.h"
#include "ui/infer/infer_mode.h"
#include "ui/shell/studio_resources.h"
#include "ui/shell/studio_settings.h"
#include "ui/train/train_mode.h"

#include <QObject>

namespace polytrain::ui {

QList<Mode*> createStudioModes() {
  initStudioResources();
  QList<Mode*> modes;
  modes << new annotate::AnnotateMode;
  modes << new dataset::DatasetMode;
  modes << new TrainMode(training::trainerFactory(), StudioSettings::trainRunsFolder(), TrainMode::detectCudaDevices());
  modes << new infer::InferMode(infer::InferMode::defaultPredictorLoader(), TrainMode::detectCudaDevices(),
                                StudioSettings::trainRunsFolder());
  return modes;
}

} // namespace polytrain::ui
