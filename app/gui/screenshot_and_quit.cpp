#include "app/gui/screenshot_and_quit.h"

#include <QApplication>
#include <QPixmap>
#include <QTimer>
#include <iostream>

namespace polytrain::app {

void saveScreenshotAndQuit(QWidget& window, const QString& path) {
  // A short delay lets queued layout and the first paint of every widget happen before the grab.
  QTimer::singleShot(800, &window, [&window, path] {
    const bool saved = window.grab().save(path);
    if (saved)
      std::cout << "screenshot: " << path.toStdString() << "\n";
    else
      std::cerr << "polytrain: cannot write the screenshot to " << path.toStdString() << "\n";
    QApplication::exit(saved ? 0 : 1);
  });
}

} // namespace polytrain::app
