#include "ui/dataset/image_frame.h"

#include <QPainter>

namespace polytrain::ui::dataset {

ImageFrame::ImageFrame(QWidget* parent) : QWidget(parent) {
  setMinimumSize(48, 48);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageFrame::setImage(const QImage& image) {
  image_ = image;
  update();
}

void ImageFrame::setText(const QString& text) {
  text_ = text;
  update();
}

void ImageFrame::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(58, 58, 58));
  if (image_.isNull()) {
    painter.setPen(QColor(220, 220, 220));
    painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, text_);
    return;
  }
  const QSize fitted = image_.size().scaled(size(), Qt::KeepAspectRatio);
  const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, fitted.width() < image_.width());
  painter.drawImage(target, image_);
}

} // namespace polytrain::ui::dataset
