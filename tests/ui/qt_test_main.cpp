// main() for widget tests: a QApplication on the offscreen platform, settings isolated from the user's.
#include "ui/shell/studio_settings.h"

#include <QApplication>
#include <QStandardPaths>
#include <gmock/gmock.h>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
  QStandardPaths::setTestModeEnabled(true); // QSettings write under ~/.qttest, never the user's config
  QApplication application(argc, argv);
  polytrain::ui::StudioSettings::setApplicationIdentity();
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
