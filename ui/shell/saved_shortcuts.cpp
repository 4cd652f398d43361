#include "ui/shell/saved_shortcuts.h"

#include "ui/shell/action_registry.h"
#include "ui/shell/studio_settings.h"

#include <QtDebug>

namespace polytrain::ui {

void applySavedShortcuts(ActionRegistry& registry) {
  const QHash<QString, QString> saved = StudioSettings::shortcutOverrides();
  for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
    if (!registry.contains(it.key()))
      continue; // an action of an older or newer version
    QList<QKeySequence> shortcuts;
    for (const QKeySequence& sequence : QKeySequence::listFromString(it.value(), QKeySequence::PortableText)) {
      const QString owner = registry.shortcutOwner(sequence, it.key());
      if (owner.isEmpty())
        shortcuts.append(sequence);
      else
        qWarning() << "Saved shortcut" << sequence.toString(QKeySequence::PortableText) << "of" << it.key()
                   << "is taken by" << owner << "; skipped";
    }
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
