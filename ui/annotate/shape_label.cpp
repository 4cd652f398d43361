#include "ui/annotate/shape_label.h"

namespace polytrain::ui::annotate {

ShapeLabel ShapeLabel::of(const annotation::LabelmeShape& shape) {
  ShapeLabel out;
  out.label = QString::fromStdString(shape.label);
  out.groupId = shape.groupId;
  out.description = shape.description.is_string() ? QString::fromStdString(shape.description.get<std::string>()) : "";
  if (shape.flags.is_object())
    for (const auto& [key, value] : shape.flags.items())
      out.flags.append({QString::fromStdString(key), value.is_boolean() && value.get<bool>()});
  return out;
}

annotation::LabelmeShape ShapeLabel::appliedTo(annotation::LabelmeShape shape) const {
  shape.label = label.toStdString();
  shape.groupId = groupId;
  // Keep a null description null unless the user typed one.
  if (!(shape.description.is_null() && description.isEmpty()))
    shape.description = description.toStdString();
  nlohmann::ordered_json flagsJson = nlohmann::ordered_json::object();
  for (const auto& [name, on] : flags)
    flagsJson[name.toStdString()] = on;
  shape.flags = flagsJson;
  return shape;
}

} // namespace polytrain::ui::annotate
