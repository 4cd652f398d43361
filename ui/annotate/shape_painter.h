#pragma once
// Draws Labelme shapes the way a Labelme user expects: the outline in the label's colour, a translucent fill
// when selected or hovered, vertices as dots of constant screen size, the hovered vertex larger.
#include "core/annotation/labelme_document.h"

#include <QColor>
#include <QPointF>

class QPainter;

namespace polytrain::ui::annotate {

struct ShapeStyle {
  QColor color;
  bool selected = false;
  bool hovered = false;
  int highlightedVertex = -1;
  bool fill = false;      // fill closed shapes even when neither selected nor hovered
  bool showLabel = false; // the label text next to the first point
  bool drawVertices = true;
};

// `painter` is in image coordinates; `scale` is image -> screen (vertex size and pens stay constant on screen).
void paintShape(QPainter& painter, const annotation::LabelmeShape& shape, const ShapeStyle& style, double scale);

// A vertex marker at `point` (image coordinates).
void paintVertex(QPainter& painter, const QPointF& point, const QColor& color, bool highlighted, double scale);

} // namespace polytrain::ui::annotate
