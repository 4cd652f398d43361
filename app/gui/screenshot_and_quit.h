#pragma once
#include <QString>
#include <QWidget>

namespace polytrain::app {

// Once the event loop has drawn `window`, saves it to `path` and quits with exit code 0 (1 if the file could
// not be written). Used by `polytrain --screenshot` for documentation and the package smoke test.
void saveScreenshotAndQuit(QWidget& window, const QString& path);

} // namespace polytrain::app
