#include "ui/annotate/zoom_controller.h"

#include <algorithm>
#include <cmath>

namespace polytrain::ui::annotate {

ZoomController::ZoomController(QObject* parent) : QObject(parent) {}

void ZoomController::setScale(double scale) {
  fitMode_ = FitMode::None;
  apply(scale);
}

void ZoomController::zoomBy(double factor) {
  setScale(scale_ * factor);
}

void ZoomController::fitWindow() {
  fitMode_ = FitMode::Window;
  apply(fitted());
}

void ZoomController::fitWidth() {
  fitMode_ = FitMode::Width;
  apply(fitted());
}

void ZoomController::setGeometry(const QSizeF& viewport, const QSizeF& image) {
  viewport_ = viewport;
  image_ = image;
  if (fitMode_ != FitMode::None)
    apply(fitted());
}

double ZoomController::fitted() const {
  if (image_.isEmpty() || viewport_.isEmpty())
    return scale_;
  const double byWidth = viewport_.width() / image_.width();
  if (fitMode_ == FitMode::Width)
    return byWidth;
  return std::min(byWidth, viewport_.height() / image_.height());
}

void ZoomController::apply(double scale) {
  scale = std::clamp(scale, kMinScale, kMaxScale);
  if (std::abs(scale - scale_) < 1e-12)
    return;
  scale_ = scale;
  emit scaleChanged(scale_);
}

} // namespace polytrain::ui::annotate
