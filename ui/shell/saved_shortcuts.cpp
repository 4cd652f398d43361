#include "ui/shell/saved_shortcuts.h"

#include "ui/shell/action_registry.h"
#include "ui/shell/studio_settings.h"

#include <QtDebug>

namespace polytrain::ui {

void applySavedShortcuts(ActionRegistry& registry) {
  QHash<QString, QString> saved = StudioSettings::shortcutOverrides();
  for (auto it = saved.begin(); it != saved.end();)
    it = registry.contains(it.key()) ? std::next(it) : saved.erase(it); // actions of another version
  // Free every changed action's keys first: the user may have swapped two (polygon on Ctrl+J, edit on Ctrl+K),
  // which one by one would meet the other's default.
  for (auto it = saved.cbegin(); it != saved.cend(); ++it)
    registry.setShortcuts(it.key(), {});
  for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
    QList<QKeySequence> shortcuts;
    for (const QKeySequence& sequence : QKeySequence::listFromString(it.value(), QKeySequence::PortableText)) {
      const QString owner = registry.shortcutOwner(sequence, it.key());
      if (owner.isEmpty())
        shortcuts.append(sequence);
      else
        qWarning() << "Saved shortcut" << sequence.toString(QKeySequence::PortableText) << "of" << it.key()
                   << "is taken by" << owner << "; skipped";
    }
    if (shortcuts.isEmpty() && !it.value().isEmpty()) // nothing usable was saved: the default, where it is free
      for (const QKeySequence& sequence : registry.defaultShortcuts(it.key()))
        if (registry.shortcutOwner(sequence, it.key()).isEmpty())
          shortcuts.append(sequence);
    registry.setShortcuts(it.key(), shortcuts);
  }
}

void saveShortcuts(const ActionRegistry& registry, const QString& id) {
  const QAction* action = registry.action(id);
  if (action == nullptr)
    return;
  if (action->shortcuts() == registry.defaultShortcuts(id))
    StudioSettings::clearShortcutOverride(id);
  else
    StudioSettings::setShortcutOverride(id,
                                        QKeySequence::listToString(action->shortcuts(), QKeySequence::PortableText));
}

} // namespace polytrain::ui
