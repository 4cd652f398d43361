#include "ui/shell/action_registry.h"

#include <QtDebug>

namespace polytrain::ui {

ActionRegistry::ActionRegistry(QObject* parent) : QObject(parent) {}

QAction* ActionRegistry::add(const QString& id, const QString& text, const QKeySequence& shortcut) {
  if (QAction* existing = actions_.value(id)) {
    qWarning() << "ActionRegistry: id registered twice:" << id;
    return existing;
  }
  auto* created = new QAction(text, this);
  created->setObjectName(id);
  if (!shortcut.isEmpty())
    created->setShortcut(shortcut);
  actions_.insert(id, created);
  order_.append(id);
  emit actionAdded(id);
  return created;
}

QAction* ActionRegistry::action(const QString& id) const { return actions_.value(id); }

QStringList ActionRegistry::ids() const { return order_; }

QStringList ActionRegistry::shortcutConflicts() const {
  QStringList conflicts;
  QHash<QKeySequence, QString> owners;
  for (const QString& id : order_) {
    for (const QKeySequence& sequence : actions_.value(id)->shortcuts()) {
      const QString owner = owners.value(sequence);
      if (!owner.isEmpty())
        conflicts.append(owner + " <-> " + id + ": " + sequence.toString(QKeySequence::PortableText));
      else
        owners.insert(sequence, id);
    }
  }
  return conflicts;
}

} // namespace polytrain::ui
