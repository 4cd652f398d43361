#include "ui/annotate/annotation_tool.h"

namespace polytrain::ui::annotate {

AnnotationTool::AnnotationTool(QObject* parent) : QObject(parent) {}

} // namespace polytrain::ui::annotate
