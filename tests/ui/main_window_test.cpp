#include "ui/modes/studio_modes.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/main_window.h"
#include "ui/shell/studio_settings.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace polytrain::ui;

namespace {
const QStringList kModeIds = {"annotate", "dataset", "train", "infer"};

QString outputPath(const QString& name) {
  QDir().mkpath(POLYTRAIN_TEST_OUTPUT_DIR "/ui");
  return QString(POLYTRAIN_TEST_OUTPUT_DIR "/ui/") + name;
}
} // namespace

TEST(MainWindowTest, HostsTheFourModesInOrder) {
  MainWindow window(createStudioModes());
  QStringList ids;
  for (Mode* mode : window.modes())
    ids << mode->id();
  EXPECT_EQ(ids, kModeIds);
}

TEST(MainWindowTest, ModeIconsLoadFromTheCompiledResources) {
  MainWindow window(createStudioModes());
  for (Mode* mode : window.modes())
    EXPECT_FALSE(mode->icon().pixmap(32, 32).isNull()) << mode->id().toStdString();
  EXPECT_FALSE(window.windowIcon().pixmap(32, 32).isNull());
}

TEST(MainWindowTest, ModeActionsSwitchThePageAndTheSwitcher) {
  MainWindow window(createStudioModes());
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  auto* pages = qobject_cast<QStackedWidget*>(window.centralWidget());
  ASSERT_NE(pages, nullptr);
  for (const QString& id : kModeIds) {
    QAction* select = window.actions().action("view.mode." + id);
    ASSERT_NE(select, nullptr) << id.toStdString();
    select->trigger();
    QApplication::processEvents();
    ASSERT_NE(window.currentMode(), nullptr);
    EXPECT_EQ(window.currentMode()->id(), id);
    EXPECT_EQ(pages->currentWidget(), window.currentMode()->widget());
    EXPECT_TRUE(select->isChecked());
    // A mode that is not built yet says so in words on its page.
    auto* description = pages->currentWidget()->findChild<QLabel*>("plannedDescription");
    if (description != nullptr) {
      EXPECT_TRUE(description->text().contains("not built yet"));
    }
  }
}

TEST(MainWindowTest, ModeShortcutsSwitchModes) {
  MainWindow window(createStudioModes());
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
  EXPECT_EQ(window.currentMode()->id(), "train");
  QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
  EXPECT_EQ(window.currentMode()->id(), "annotate");
}

TEST(MainWindowTest, EveryRegisteredActionIsUsableAndShortcutsAreUnique) {
  MainWindow window(createStudioModes());
  window.show();
  const QStringList ids = window.actions().ids();
  ASSERT_GE(ids.size(), 8);
  for (const QString& id : ids) {
    QAction* action = window.actions().action(id);
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->objectName(), id);
    EXPECT_FALSE(action->text().isEmpty()) << id.toStdString();
    // Actions that work on an open image (save, undo, next ...) are disabled until one is open; Train's
    // stop/pause/resume follow the run's state.
    if (!action->property("needsDocument").toBool() && !action->property("needsRunState").toBool()) {
      EXPECT_TRUE(action->isEnabled()) << id.toStdString();
    }
    // Reachable by the user: in a menu or a toolbar of this window.
    EXPECT_FALSE(action->associatedObjects().isEmpty()) << id.toStdString() << " is in no menu or toolbar";
  }
  EXPECT_TRUE(window.actions().shortcutConflicts().isEmpty())
      << window.actions().shortcutConflicts().join("; ").toStdString();
}

TEST(MainWindowTest, RemembersTheActiveModeAcrossSessions) {
  {
    MainWindow window(createStudioModes());
    window.show();
    window.switchToMode("infer");
    window.close();
  }
  EXPECT_EQ(StudioSettings::activeMode(), "infer");
  MainWindow reopened(createStudioModes());
  EXPECT_EQ(reopened.currentMode()->id(), "infer");
  reopened.switchToMode("annotate");
  reopened.close();
}

TEST(MainWindowTest, SavesAScreenshotOfEveryMode) {
  MainWindow window(createStudioModes());
  window.resize(1280, 800);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  for (const QString& id : kModeIds) {
    window.switchToMode(id);
    QApplication::processEvents();
    const QString path = outputPath("main-window-" + id + ".png");
    ASSERT_TRUE(window.grab().save(path)) << path.toStdString();
    EXPECT_GT(QImage(path).width(), 600);
  }
}
