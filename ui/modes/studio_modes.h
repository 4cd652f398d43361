#pragma once
// The four workspaces of the studio, in switcher order: Annotate, Dataset, Train, Infer.
#include "ui/shell/mode.h"

#include <QList>

namespace polytrain::ui {

QList<Mode*> createStudioModes();

} // namespace polytrain::ui
