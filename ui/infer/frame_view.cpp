#include "ui/infer/frame_view.h"

#include <QPainter>

#include <algorithm>

namespace polytrain::ui::infer {

FrameView::FrameView(QWidget* parent) : QWidget(parent) {
  setObjectName("inferFrameView");
  setAttribute(Qt::WA_OpaquePaintEvent);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FrameView::setImage(const QImage& image) {
  image_ = image;
  message_.clear();
  update();
}

void FrameView::setMessage(const QString& message) {
  message_ = message;
  update();
}

void FrameView::clear() {
  image_ = QImage();
  update();
}

QRect FrameView::imageRect() const {
  if (image_.isNull() || !message_.isEmpty())
    return {};
  const double scale =
      std::min({static_cast<double>(width()) / image_.width(), static_cast<double>(height()) / image_.height(), 4.0});
  const QSize size(std::max(1, qRound(image_.width() * scale)), std::max(1, qRound(image_.height() * scale)));
  return QRect(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

void FrameView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(32, 34, 38));
  const QRect target = imageRect();
  if (!target.isEmpty()) {
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, image_);
    return;
  }
  if (!message_.isEmpty()) {
    painter.setPen(QColor(220, 222, 226));
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter.setFont(font);
    painter.drawText(rect().adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap, message_);
  }
}

} // namespace polytrain::ui::infer
