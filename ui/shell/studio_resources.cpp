#include "ui/shell/studio_resources.h"

#include <QtCore/qglobal.h>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initResourcesOutsideNamespace() { Q_INIT_RESOURCE(resources); }

namespace polytrain::ui {

void initStudioResources() {
  static const bool done = (initResourcesOutsideNamespace(), true);
  (void)done;
}

} // namespace polytrain::ui
