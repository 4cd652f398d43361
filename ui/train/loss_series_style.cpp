#include "ui/train/loss_series_style.h"

#include <QHash>

namespace polytrain::ui {

QColor lossSeriesColor(const QString& name) {
  static const QHash<QString, QColor> known = {
      {kTotalLossName, QColor(0x21, 0x21, 0x21)},    {"loss_classifier", QColor(0x1f, 0x77, 0xb4)},
      {"loss_box_reg", QColor(0xff, 0x7f, 0x0e)},    {"loss_mask", QColor(0x2c, 0xa0, 0x2c)},
      {"loss_objectness", QColor(0xd6, 0x27, 0x28)}, {"loss_rpn_box_reg", QColor(0x94, 0x67, 0xbd)},
      {"classification", QColor(0x1f, 0x77, 0xb4)},  {"bbox_regression", QColor(0xff, 0x7f, 0x0e)},
  };
  if (const auto it = known.constFind(name); it != known.constEnd())
    return *it;
  static const QColor palette[] = {QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                   QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf), QColor(0x39, 0x3b, 0x79)};
  // FNV-1a over the UTF-16 units: the same name gets the same colour in every process.
  quint32 hash = 2166136261u;
  for (const QChar unit : name) {
    hash ^= unit.unicode();
    hash *= 16777619u;
  }
  return palette[hash % (sizeof palette / sizeof palette[0])];
}

double EmaSmoother::add(double value) {
  average_ = beta_ * average_ + (1.0 - beta_) * value;
  correction_ *= beta_;
  return average_ / (1.0 - correction_);
}

void EmaSmoother::reset() {
  average_ = 0.0;
  correction_ = 1.0;
}

} // namespace polytrain::ui
