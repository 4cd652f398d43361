#pragma once
// Settings > Keyboard Shortcuts: every action of the registry with its shortcuts, a filter, a key recorder to
// change the selected action's main shortcut, clear, reset one and reset all. A key another action answers to is
// refused and that action named, so Labelme's shortcuts never collide. Changes apply at once and are saved.
#include <QDialog>

class QKeySequence;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace polytrain::ui {

class ActionRegistry;

class ShortcutEditorDialog : public QDialog {
  Q_OBJECT
public:
  explicit ShortcutEditorDialog(ActionRegistry& registry, QWidget* parent = nullptr);
  ~ShortcutEditorDialog() override;

  QLineEdit* filterField() const { return filter_; }
  QTreeWidget* table() const { return table_; }
  QKeySequenceEdit* keyEdit() const { return keyEdit_; }
  QPushButton* clearButton() const { return clear_; }
  QPushButton* resetButton() const { return reset_; }
  QPushButton* resetAllButton() const { return resetAll_; }
  QLabel* message() const { return message_; }
  QString currentId() const { return currentId_; }
  // The row of action `id` (nullptr when there is none).
  QTreeWidgetItem* itemFor(const QString& id) const;

private:
  enum Column { ActionColumn, ShortcutColumn, IdColumn };

  void populate();
  void refreshRow(const QString& id);
  void applyFilter(const QString& text);
  void select(QTreeWidgetItem* item);
  void showCurrentInEditor();
  void assignRecorded(const QKeySequence& recorded);
  void clearCurrent();
  void resetCurrent();
  void resetAll();
  void changeShortcuts(const QString& id, const QList<QKeySequence>& shortcuts);
  void say(const QString& text, bool problem);

  ActionRegistry& registry_;
  QLineEdit* filter_;
  QTreeWidget* table_;
  QLabel* editing_;
  QKeySequenceEdit* keyEdit_;
  QPushButton* clear_;
  QPushButton* reset_;
  QPushButton* resetAll_;
  QLabel* message_;
  QString currentId_;
};

} // namespace polytrain::ui
