#include "ui/shell/action_registry.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

using polytrain::ui::ActionRegistry;

TEST(ActionRegistryTest, FindsActionsByIdInRegistrationOrder) {
  ActionRegistry registry;
  QSignalSpy added(&registry, &ActionRegistry::actionAdded);
  QAction* open = registry.add("file.open", "Open", QKeySequence("Ctrl+O"));
  registry.add("file.save", "Save", QKeySequence("Ctrl+S"));
  EXPECT_EQ(registry.action("file.open"), open);
  EXPECT_EQ(open->objectName(), "file.open");
  EXPECT_EQ(open->shortcut(), QKeySequence("Ctrl+O"));
  EXPECT_EQ(registry.ids(), QStringList({"file.open", "file.save"}));
  EXPECT_EQ(added.count(), 2);
  EXPECT_EQ(registry.action("file.missing"), nullptr);
}

TEST(ActionRegistryTest, SecondRegistrationOfAnIdKeepsTheFirstAction) {
  ActionRegistry registry;
  QAction* first = registry.add("edit.undo", "Undo");
  EXPECT_EQ(registry.add("edit.undo", "Undo again"), first);
  EXPECT_EQ(registry.ids().size(), 1);
  EXPECT_EQ(first->text(), "Undo");
}

TEST(ActionRegistryTest, ReportsShortcutConflicts) {
  ActionRegistry registry;
  registry.add("a.one", "One", QKeySequence("Ctrl+N"));
  registry.add("a.two", "Two", QKeySequence("Ctrl+M"));
  EXPECT_TRUE(registry.shortcutConflicts().isEmpty());
  registry.add("b.three", "Three", QKeySequence("Ctrl+N"));
  EXPECT_EQ(registry.shortcutConflicts(), QStringList({"a.one <-> b.three: Ctrl+N"}));
}
