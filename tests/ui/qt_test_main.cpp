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
  // Shortcuts a crashed test changed would change the keys every other test presses: start from Labelme's.
  for (const QString& id : polytrain::ui::StudioSettings::shortcutOverrides().keys())
    polytrain::ui::StudioSettings::clearShortcutOverride(id);
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
