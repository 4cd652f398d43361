#include "ui/modes/studio_modes.h"

#include "ui/modes/planned_mode.h"
#include "ui/shell/studio_resources.h"

#include <QObject>

namespace polytrain::ui {

QList<Mode*> createStudioModes() {
  initStudioResources();
  QList<Mode*> modes;
  modes << new PlannedMode({"annotate", QObject::tr("Annotate"), ":/icons/mode-annotate.svg",
                            QObject::tr("Draw the objects on your images and save Labelme files that Labelme opens."),
                            {QObject::tr("open an image or a whole folder, with a searchable file list"),
                             QObject::tr("draw polygons, rectangles, circles, lines, points and line strips"),
                             QObject::tr("edit vertices, copy and paste shapes, undo and redo every edit"),
                             QObject::tr("label shapes with history, group ids, descriptions and flags"),
                             QObject::tr("save Labelme JSON atomically, with autosave")},
                            {}});
  modes << new PlannedMode({"dataset", QObject::tr("Dataset"), ":/icons/mode-dataset.svg",
                            QObject::tr("See what the model will see before you train."),
                            {QObject::tr("open a train/test dataset or split one folder"),
                             QObject::tr("browse thumbnails with generated masks, boxes and labels"),
                             QObject::tr("check class statistics and files with problems"),
                             QObject::tr("preview augmentations and export COCO json")},
                            {}});
  modes << new PlannedMode({"train", QObject::tr("Train"), ":/icons/mode-train.svg",
                            QObject::tr("Train Mask R-CNN or SSD on the CPU or a CUDA GPU and watch the curves."),
                            {QObject::tr("choose a model, pretrained weights, epochs, batch size and device"),
                             QObject::tr("watch every loss component, validation loss and mAP live"),
                             QObject::tr("stop, pause, resume and extend runs; keep the best checkpoint")},
                            {}});
  modes << new PlannedMode({"infer", QObject::tr("Infer"), ":/icons/mode-infer.svg",
                            QObject::tr("Run a trained model on images, video files and a live camera."),
                            {QObject::tr("preview masks, boxes, labels and scores with a score threshold"),
                             QObject::tr("export annotated videos"),
                             QObject::tr("pre-annotate new images with the model and correct them in Annotate")},
                            {}});
  return modes;
}

} // namespace polytrain::ui
