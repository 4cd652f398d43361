#include "ui/train/model_speed_hints.h"

#include <QObject>

namespace polytrain::ui {

// CPU figures marked "measured" come from DESIGN.md (torchvision 0.14 from scratch, batch 4, 2 cores) and, for
// cpu-quick and cpu-ssd, from our learning-curve benchmark (32 and 13.6 s for 50 steps), ResNet-50 from
// tests/bench/maskrcnn_bench; the others are expectations relative to them.
ModelSpeedHint modelSpeedHint(const QString& modelName) {
  const QString masks = QObject::tr("masks and boxes");
  const QString boxes = QObject::tr("boxes only");
  if (modelName == "maskrcnn_mobilenet_v3_large_fpn")
    return {QObject::tr("CPU: about 0.6 s per step as cpu-quick sets it up, 2-4 s with torchvision's head sizes (batch "
                        "4, 256 px, 2 cores, measured)"),
            QObject::tr("GPU: fast"), masks};
  if (modelName == "maskrcnn_resnet50_fpn")
    return {QObject::tr("CPU: slow; at 512 px about 0.8 s per image for inference and 3 s per image in a training "
                        "step on 2 cores (measured)"),
            QObject::tr("GPU: recommended"), masks};
  if (modelName == "maskrcnn_resnet101_fpn")
    return {QObject::tr("CPU: slower than ResNet-50, impractical"), QObject::tr("GPU: needed"), masks};
  if (modelName == "ssdlite320_mobilenet_v3_large")
    return {QObject::tr("CPU: about 0.3 s per step (batch 4, 2 cores, measured), the quickest"),
            QObject::tr("GPU: very fast"), boxes};
  if (modelName == "ssdlite320_mobilenet_v2")
    return {QObject::tr("CPU: quick, expected close to SSDlite MobileNetV3"), QObject::tr("GPU: very fast"), boxes};
  if (modelName == "ssd300_vgg16")
    return {QObject::tr("CPU: slow (VGG-16 backbone at 300 px)"), QObject::tr("GPU: fast"), boxes};
  return {QObject::tr("CPU: unknown model"), QObject::tr("GPU: unknown model"), QString()};
}

} // namespace polytrain::ui
