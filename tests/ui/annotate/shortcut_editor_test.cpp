// Settings > Keyboard Shortcuts driven like a user: filter, click a row, press keys into the recorder. The studio's
// real window answers to the new key and no longer to the old one, keeps the change across windows (QSettings),
// refuses a key another action owns and names that action, and Reset gives Labelme's default back.
#include "annotate_test_support.h"

#include "ui/shell/action_registry.h"
#include "ui/shell/shortcut_editor_dialog.h"
#include "ui/shell/studio_settings.h"

#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace polytrain::ui;
using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

QT_BEGIN_NAMESPACE
// Readable failures: "Ctrl+G" instead of the object's bytes.
inline void PrintTo(const QKeySequence& sequence, std::ostream* out) {
  *out << sequence.toString(QKeySequence::PortableText).toStdString();
}
inline void PrintTo(const QString& text, std::ostream* out) {
  *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace {
const QString kPolygon = "annotate.tool.polygon";

class ShortcutEditorTest : public ::testing::Test {
protected:
  // Settings outlive a test: every test starts and ends with Labelme's shortcuts.
  void SetUp() override { forgetOverrides(); }
  void TearDown() override { forgetOverrides(); }
  static void forgetOverrides() {
    for (const QString& id : StudioSettings::shortcutOverrides().keys())
      StudioSettings::clearShortcutOverride(id);
  }
};

// Opens the editor from the window's own action, as the Settings menu does.
ShortcutEditorDialog* openEditor(Studio& studio) {
  QAction* open = studio.window.actions().action("settings.shortcuts");
  EXPECT_NE(open, nullptr);
  open->trigger();
  auto* editor = studio.window.findChild<ShortcutEditorDialog*>();
  EXPECT_NE(editor, nullptr);
  EXPECT_TRUE(editor->isVisible());
  return editor;
}

// Types `filter` into the filter box and clicks the only row left.
void chooseAction(ShortcutEditorDialog* editor, const QString& filter, const QString& expectedId) {
  QTest::keyClicks(editor->filterField(), filter);
  QTreeWidgetItem* shown = nullptr;
  int visible = 0;
  for (int row = 0; row < editor->table()->topLevelItemCount(); ++row)
    if (!editor->table()->topLevelItem(row)->isHidden()) {
      shown = editor->table()->topLevelItem(row);
      ++visible;
    }
  ASSERT_EQ(visible, 1) << "filter " << filter.toStdString();
  QTest::mouseClick(editor->table()->viewport(), Qt::LeftButton, {}, editor->table()->visualItemRect(shown).center());
  ASSERT_EQ(editor->currentId(), expectedId);
}

// Presses a key combination into the recorder, as the user does after clicking it; the recorder takes the keys
// as one sequence once no key follows for a moment (Qt's QKeySequenceEdit).
void record(ShortcutEditorDialog* editor, Qt::Key keyCode, Qt::KeyboardModifiers modifiers) {
  QApplication::setActiveWindow(editor);
  editor->keyEdit()->setFocus();
  QSignalSpy finished(editor->keyEdit(), &QKeySequenceEdit::editingFinished);
  QTest::keyClick(editor->keyEdit(), keyCode, modifiers);
  EXPECT_TRUE(finished.count() > 0 || finished.wait(5000)) << "the recorder never finished";
}

QList<QKeySequence> shortcutsOf(Studio& studio, const QString& id) {
  return studio.window.actions().action(id)->shortcuts();
}
} // namespace

TEST_F(ShortcutEditorTest, ListsEveryRegisteredActionWithItsShortcut) {
  Studio studio;
  ShortcutEditorDialog* editor = openEditor(studio);
  const ActionRegistry& registry = studio.window.actions();
  ASSERT_EQ(editor->table()->topLevelItemCount(), registry.ids().size());
  QTreeWidgetItem* polygon = editor->itemFor(kPolygon);
  ASSERT_NE(polygon, nullptr);
  EXPECT_EQ(polygon->text(0), "Create Polygons");
  EXPECT_EQ(polygon->text(1), QKeySequence("Ctrl+N").toString(QKeySequence::NativeText));
  // The filter also finds an action by its key.
  editor->filterField()->setText("Ctrl+J");
  EXPECT_FALSE(editor->itemFor("annotate.tool.edit")->isHidden());
  EXPECT_TRUE(polygon->isHidden());
  EXPECT_TRUE(registry.shortcutConflicts().isEmpty()) << registry.shortcutConflicts().join("\n").toStdString();
}

TEST_F(ShortcutEditorTest, ANewKeyReplacesCtrlNAndSurvivesANewWindow) {
  {
    Studio studio;
    ShortcutEditorDialog* editor = openEditor(studio);
    chooseAction(editor, "create polygons", kPolygon);
    record(editor, Qt::Key_G, Qt::ControlModifier);
    EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+G")});
    EXPECT_EQ(editor->itemFor(kPolygon)->text(1), QKeySequence("Ctrl+G").toString(QKeySequence::NativeText));
    EXPECT_EQ(StudioSettings::shortcutOverrides().value(kPolygon), "Ctrl+G");
    editor->close();

    QSignalSpy fired(studio.mode->action("tool.polygon"), &QAction::triggered);
    studio.mode->setTool("edit");
    key(studio, Qt::Key_N, Qt::ControlModifier); // the old key does nothing now
    EXPECT_EQ(fired.count(), 0);
    EXPECT_EQ(studio.mode->currentTool()->id(), "edit");
    key(studio, Qt::Key_G, Qt::ControlModifier);
    EXPECT_EQ(fired.count(), 1);
    EXPECT_EQ(studio.mode->currentTool()->id(), "polygon");
  }
  Studio again; // a new window reads the saved shortcut at start-up
  EXPECT_EQ(shortcutsOf(again, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+G")});
  again.mode->setTool("edit");
  key(again, Qt::Key_G, Qt::ControlModifier);
  EXPECT_EQ(again.mode->currentTool()->id(), "polygon");
  // The default is still known as the default.
  EXPECT_EQ(again.window.actions().defaultShortcuts(kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
}

TEST_F(ShortcutEditorTest, RefusesAKeyAnotherActionOwnsAndNamesIt) {
  Studio studio;
  ShortcutEditorDialog* editor = openEditor(studio);
  chooseAction(editor, kPolygon, kPolygon);
  record(editor, Qt::Key_J, Qt::ControlModifier); // Labelme's Edit Shapes
  EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
  EXPECT_EQ(shortcutsOf(studio, "annotate.tool.edit"), QList<QKeySequence>{QKeySequence("Ctrl+J")});
  EXPECT_TRUE(editor->message()->text().contains("\"Edit Shapes\"")) << editor->message()->text().toStdString();
  EXPECT_TRUE(editor->message()->text().contains("annotate.tool.edit"));
  EXPECT_EQ(editor->keyEdit()->keySequence(), QKeySequence("Ctrl+N")); // the recorder shows what still holds
  EXPECT_FALSE(StudioSettings::shortcutOverrides().contains(kPolygon));
  // A key of another mode counts too: Infer's Save Frame As.
  record(editor, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_TRUE(editor->message()->text().contains("infer.saveFrame")) << editor->message()->text().toStdString();
  EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
}

TEST_F(ShortcutEditorTest, ResetRestoresLabelmesDefaults) {
  Studio studio;
  ShortcutEditorDialog* editor = openEditor(studio);
  chooseAction(editor, "create polygons", kPolygon);
  record(editor, Qt::Key_G, Qt::ControlModifier);
  ASSERT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+G")});
  QTest::mouseClick(editor->resetButton(), Qt::LeftButton);
  EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
  EXPECT_FALSE(StudioSettings::shortcutOverrides().contains(kPolygon));

  // Next Image keeps Labelme's alternative key when its main one changes; Clear removes both.
  editor->filterField()->clear();
  chooseAction(editor, "annotate.next", "annotate.next");
  record(editor, Qt::Key_F9, Qt::NoModifier);
  EXPECT_EQ(shortcutsOf(studio, "annotate.next"),
            QList<QKeySequence>({QKeySequence("F9"), QKeySequence("Ctrl+Shift+D")}));
  editor->filterField()->clear();
  chooseAction(editor, "create polygons", kPolygon);
  QTest::mouseClick(editor->clearButton(), Qt::LeftButton);
  EXPECT_TRUE(shortcutsOf(studio, kPolygon).isEmpty());
  EXPECT_EQ(StudioSettings::shortcutOverrides().value(kPolygon, "absent"), "");

  QTest::mouseClick(editor->resetAllButton(), Qt::LeftButton);
  EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
  EXPECT_EQ(shortcutsOf(studio, "annotate.next"),
            QList<QKeySequence>({QKeySequence("D"), QKeySequence("Ctrl+Shift+D")}));
  EXPECT_TRUE(StudioSettings::shortcutOverrides().isEmpty());
  editor->close();
  studio.mode->setTool("edit");
  key(studio, Qt::Key_N, Qt::ControlModifier);
  EXPECT_EQ(studio.mode->currentTool()->id(), "polygon");
}

TEST_F(ShortcutEditorTest, SwappedShortcutsAreRestoredAtStartUp) {
  {
    // Edit Shapes moves to Ctrl+K first, so Create Polygons may take Ctrl+J.
    Studio studio;
    ShortcutEditorDialog* editor = openEditor(studio);
    chooseAction(editor, "annotate.tool.edit", "annotate.tool.edit");
    record(editor, Qt::Key_K, Qt::ControlModifier);
    editor->filterField()->clear();
    chooseAction(editor, "create polygons", kPolygon);
    record(editor, Qt::Key_J, Qt::ControlModifier);
    ASSERT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+J")});
  }
  Studio again;
  EXPECT_EQ(shortcutsOf(again, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+J")});
  EXPECT_EQ(shortcutsOf(again, "annotate.tool.edit"), QList<QKeySequence>{QKeySequence("Ctrl+K")});
  EXPECT_TRUE(again.window.actions().shortcutConflicts().isEmpty());
}

TEST_F(ShortcutEditorTest, ASavedShortcutThatCollidesIsSkippedAndTheDefaultKept) {
  // As a settings file edited by hand, or a later version whose new action took the key, could leave it.
  StudioSettings::setShortcutOverride(kPolygon, "Ctrl+R"); // Create Rectangle's
  Studio studio;
  EXPECT_EQ(shortcutsOf(studio, kPolygon), QList<QKeySequence>{QKeySequence("Ctrl+N")});
  EXPECT_EQ(shortcutsOf(studio, "annotate.tool.rectangle"), QList<QKeySequence>{QKeySequence("Ctrl+R")});
  EXPECT_TRUE(studio.window.actions().shortcutConflicts().isEmpty());
}
