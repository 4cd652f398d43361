#include "ui/annotate/tool_icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace polytrain::ui::annotate {

QIcon toolIcon(const QString& toolId) {
  QPixmap pixmap(32, 32);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  const QColor ink(40, 120, 220);
  painter.setPen(QPen(ink, 2.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  painter.setBrush(QColor(40, 120, 220, 60));
  const auto dot = [&](QPointF p) {
    painter.save();
    painter.setBrush(ink);
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(p, 3, 3);
    painter.restore();
  };
  if (toolId == "polygon") {
    const QPolygonF shape({QPointF(6, 24), QPointF(9, 7), QPointF(22, 5), QPointF(27, 19), QPointF(16, 27)});
    painter.drawPolygon(shape);
    for (const QPointF& p : shape)
      dot(p);
  } else if (toolId == "rectangle") {
    painter.drawRect(QRectF(6, 8, 20, 16));
  } else if (toolId == "circle") {
    painter.drawEllipse(QPointF(16, 16), 10, 10);
    dot(QPointF(16, 16));
  } else if (toolId == "line") {
    painter.drawLine(QPointF(6, 26), QPointF(26, 6));
    dot(QPointF(6, 26));
    dot(QPointF(26, 6));
  } else if (toolId == "point") {
    painter.setBrush(ink);
    painter.drawEllipse(QPointF(16, 16), 5, 5);
  } else if (toolId == "linestrip") {
    const QPolygonF strip({QPointF(5, 24), QPointF(12, 10), QPointF(19, 22), QPointF(27, 7)});
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(strip);
    for (const QPointF& p : strip)
      dot(p);
  } else { // edit: an arrow cursor
    QPainterPath arrow;
    arrow.moveTo(9, 4);
    arrow.lineTo(9, 26);
    arrow.lineTo(14, 21);
    arrow.lineTo(18, 29);
    arrow.lineTo(21, 27);
    arrow.lineTo(17, 19);
    arrow.lineTo(24, 19);
    arrow.closeSubpath();
    painter.setBrush(Qt::white);
    painter.setPen(QPen(QColor(30, 30, 30), 1.6));
    painter.drawPath(arrow);
  }
  return QIcon(pixmap);
}

} // namespace polytrain::ui::annotate
