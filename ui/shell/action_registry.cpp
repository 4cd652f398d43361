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

QAction* ActionRegistry::action(const QString& id) const {
  return actions_.value(id);
}

QStringList ActionRegistry::ids() const {
  return order_;
}

void ActionRegistry::captureDefaultShortcuts() {
  for (const QString& id : std::as_const(order_))
    if (!defaults_.contains(id))
      defaults_.insert(id, actions_.value(id)->shortcuts());
}

QList<QKeySequence> ActionRegistry::defaultShortcuts(const QString& id) const {
  if (defaults_.contains(id))
    return defaults_.value(id);
  const QAction* found = actions_.value(id);
  return found != nullptr ? found->shortcuts() : QList<QKeySequence>{};
}

void ActionRegistry::setShortcuts(const QString& id, const QList<QKeySequence>& shortcuts) {
  QAction* found = actions_.value(id);
  if (found == nullptr || found->shortcuts() == shortcuts)
    return;
  found->setShortcuts(shortcuts);
  emit shortcutsChanged(id);
}

QString ActionRegistry::shortcutOwner(const QKeySequence& sequence, const QString& exceptId) const {
  if (sequence.isEmpty())
    return {};
  for (const QString& id : order_)
    if (id != exceptId && actions_.value(id)->shortcuts().contains(sequence))
      return id;
  return {};
}

QString ActionRegistry::displayText(const QString& id) const {
  const QAction* found = actions_.value(id);
  if (found == nullptr)
    return {};
  QString text = found->text();
  // "&&" is a literal ampersand; a single '&' marks the mnemonic.
  text.replace("&&", QChar(0x1));
  text.remove('&');
  text.replace(QChar(0x1), "&");
  return text;
}

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
