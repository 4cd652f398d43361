#pragma once
// How a loss component looks on the charts: one stable colour per name (the same in every run and every chart),
// and the exponential moving average that draws its smoothed curve.
#include <QColor>
#include <QString>

namespace polytrain::ui {

// The total of all components is drawn under this name.
inline const QString kTotalLossName = QStringLiteral("loss");

// A fixed colour for the component names torchvision's models report, a hash-picked palette colour otherwise.
QColor lossSeriesColor(const QString& name);

// Debiased exponential moving average (as TensorBoard's smoothing): the first values are not pulled towards 0.
class EmaSmoother {
public:
  explicit EmaSmoother(double beta = 0.9) : beta_(beta) {}
  double add(double value);
  void reset();

private:
  double beta_;
  double average_ = 0.0;
  double correction_ = 1.0; // beta^n
};

} // namespace polytrain::ui
