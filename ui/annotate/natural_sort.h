#pragma once
// File-name order as a person reads it: "img2" before "img10", case ignored (Labelme sorts with natsort).
#include <QString>

namespace polytrain::ui::annotate {

bool naturalLess(const QString& a, const QString& b);

} // namespace polytrain::ui::annotate
