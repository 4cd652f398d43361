#include "ui/modes/studio_modes.h"

#include "core/training/trainer.h"
#include "ui/annotate/annotate_mode.h"
#include "ui/dataset/dataset_mode.h"
#include "ui/modes/planned_mode.h"
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
  modes << new PlannedMode({"infer",
                            QObject::tr("Infer"),
                            ":/icons/mode-infer.svg",
                            QObject::tr("Run a trained model on images, video files and a live camera."),
                            {QObject::tr("preview masks, boxes, labels and scores with a score threshold"),
                             QObject::tr("export annotated videos"),
                             QObject::tr("pre-annotate new images with the model and correct them in Annotate")},
                            {}});
  return modes;
}

} // namespace polytrain::ui
