#pragma once
// Every QAction of the studio, registered once under a stable id ("app.quit", "view.mode.train",
// "annotate.createPolygon") with its default shortcut. Menus, toolbars, tests and the shortcut editor find
// actions here instead of through widget members.
#include <QAction>
#include <QHash>
#include <QKeySequence>
#include <QObject>
#include <QStringList>

namespace polytrain::ui {

class ActionRegistry : public QObject {
  Q_OBJECT
public:
  explicit ActionRegistry(QObject* parent = nullptr);

  // Creates the action, owned by the registry. An id registered twice is a programming error: the first
  // action is kept and returned, and a warning is logged.
  QAction* add(const QString& id, const QString& text, const QKeySequence& shortcut = {});

  QAction* action(const QString& id) const;
  bool contains(const QString& id) const { return actions_.contains(id); }
  QStringList ids() const; // in registration order

  // Remembers every action's current shortcuts as its default (the studio calls it once every mode has registered,
  // before the user's shortcuts are applied); ids already remembered keep theirs.
  void captureDefaultShortcuts();
  // The shortcuts an action had when captured (Labelme's, for the Annotate mode); its current ones if never captured.
  QList<QKeySequence> defaultShortcuts(const QString& id) const;
  // Replaces an action's shortcuts and emits shortcutsChanged.
  void setShortcuts(const QString& id, const QList<QKeySequence>& shortcuts);
  // The id of an action other than `exceptId` that already answers to `sequence`; "" when none does.
  QString shortcutOwner(const QKeySequence& sequence, const QString& exceptId = {}) const;
  // An action's text as a menu shows it, without the mnemonic's '&' ("Save As...").
  QString displayText(const QString& id) const;

  // Pairs of ids whose shortcuts are equal ("a.b <-> c.d: Ctrl+N"); empty when every shortcut is unique.
  QStringList shortcutConflicts() const;

signals:
  void actionAdded(const QString& id);
  void shortcutsChanged(const QString& id);

private:
  QHash<QString, QAction*> actions_;
  QStringList order_;
  QHash<QString, QList<QKeySequence>> defaults_;
};

} // namespace polytrain::ui
