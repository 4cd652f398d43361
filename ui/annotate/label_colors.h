#pragma once
// A stable colour per label: the same label gets the same colour in every image, list and session.
#include <QColor>
#include <QIcon>
#include <QString>

namespace polytrain::ui::annotate {

QColor labelColor(const QString& label);

// A small filled square of the label's colour for lists.
QIcon labelSwatch(const QString& label);

} // namespace polytrain::ui::annotate
