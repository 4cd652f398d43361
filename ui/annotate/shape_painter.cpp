#include "ui/annotate/shape_painter.h"

#include "ui/annotate/shape_geometry.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace polytrain::ui::annotate {

namespace {
constexpr double kVertexRadius = 3.5; // screen pixels
constexpr double kPointRadius = 5.0;  // screen pixels, for point shapes

void paintLabel(QPainter& painter, const QString& text, const QPointF& anchor, const QColor& color) {
  const QPointF onScreen = painter.worldTransform().map(anchor);
  painter.save();
  painter.resetTransform();
  const QFontMetricsF metrics(painter.font());
  QRectF box(onScreen + QPointF(4, -metrics.height() - 4),
             QSizeF(metrics.horizontalAdvance(text) + 8, metrics.height() + 2));
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(color.red(), color.green(), color.blue(), 200));
  painter.drawRoundedRect(box, 3, 3);
  painter.setPen(color.lightness() > 150 ? Qt::black : Qt::white);
  painter.drawText(box, Qt::AlignCenter, text);
  painter.restore();
}
} // namespace

void paintVertex(QPainter& painter, const QPointF& point, const QColor& color, bool highlighted, double scale) {
  const double radius = (highlighted ? kVertexRadius * 1.8 : kVertexRadius) / scale;
  painter.setPen(QPen(highlighted ? Qt::white : QColor(255, 255, 255, 180), 1.0 / scale));
  painter.setBrush(highlighted ? QColor(255, 255, 255) : color);
  if (highlighted)
    painter.drawRect(QRectF(point - QPointF(radius, radius), QSizeF(2 * radius, 2 * radius)));
  else
    painter.drawEllipse(point, radius, radius);
}

void paintShape(QPainter& painter, const annotation::LabelmeShape& shape, const ShapeStyle& style, double scale) {
  const annotation::ShapeKind kind = kindOf(shape);
  const QVector<QPointF> points = qtPoints(shape);
  if (points.isEmpty())
    return;
  QColor line = style.color;
  line.setAlpha(style.selected ? 255 : 220);
  QPen pen(style.selected ? line.lighter(130) : line, style.selected || style.hovered ? 3.0 : 2.0);
  pen.setCosmetic(true);
  if (kind == annotation::ShapeKind::Mask)
    pen.setStyle(Qt::DashLine);
  painter.setPen(pen);
  QColor fill = style.color;
  fill.setAlpha(style.selected ? 110 : style.hovered ? 80 : 45);
  const bool filled = isClosedKind(kind) && (style.selected || style.hovered || style.fill);
  painter.setBrush(filled ? QBrush(fill) : Qt::NoBrush);

  if (kind == annotation::ShapeKind::Point) {
    const double radius = kPointRadius / scale;
    painter.setBrush(line);
    painter.drawEllipse(points[0], radius, radius);
  } else {
    painter.drawPath(outlinePath(shape));
  }
  if (style.drawVertices && kind != annotation::ShapeKind::Point)
    for (int i = 0; i < points.size(); ++i)
      paintVertex(painter, points[i], line, i == style.highlightedVertex, scale);
  if (style.showLabel && !shape.label.empty())
    paintLabel(painter, QString::fromStdString(shape.label), boundingRect(shape).topLeft(), style.color);
}

} // namespace polytrain::ui::annotate
