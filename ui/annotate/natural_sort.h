#pragma once
// File-name order as a person reads it: "img2" before "img10", case ignored, as Labelme's natsort.os_sorted lists a
// folder ("a/b.png", "B.png", "IMG2.png", "img10.png"). Not core/dataset's naturalLess: that one compares bytes
// (case-sensitive: "B" before "a") on UTF-8, which would reorder a Labelme user's folder.
#include <QString>

namespace polytrain::ui::annotate {

bool naturalLess(const QString& a, const QString& b);

} // namespace polytrain::ui::annotate
