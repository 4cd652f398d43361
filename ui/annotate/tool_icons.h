#pragma once
// Small drawn icons for the annotation tools (polygon, rectangle, circle, line, point, linestrip, edit).
#include <QIcon>
#include <QString>

namespace polytrain::ui::annotate {

QIcon toolIcon(const QString& toolId);

} // namespace polytrain::ui::annotate
