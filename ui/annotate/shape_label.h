#pragma once
// What the label dialog edits on a shape: label, group id, description and flags (Labelme's per-shape fields).
#include "core/annotation/labelme_document.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace polytrain::ui::annotate {

struct ShapeLabel {
  QString label;
  std::optional<int> groupId;
  QString description;
  QList<QPair<QString, bool>> flags; // in file order

  static ShapeLabel of(const annotation::LabelmeShape& shape);
  // `shape` with these fields written into it (other keys untouched).
  annotation::LabelmeShape appliedTo(annotation::LabelmeShape shape) const;
};

} // namespace polytrain::ui::annotate
