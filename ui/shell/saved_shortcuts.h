#pragma once
// The user's keyboard shortcuts between runs: only the actions whose shortcuts differ from their defaults are
// stored (StudioSettings), so a default changed in a later version reaches every action the user left alone.
#include <QString>

namespace polytrain::ui {

class ActionRegistry;

// Applies the stored shortcuts to `registry` (after captureDefaultShortcuts). A stored shortcut that another
// action already answers to is skipped with a warning: two actions never share a key.
void applySavedShortcuts(ActionRegistry& registry);

// Stores the current shortcuts of action `id`, or forgets them when they equal its default.
void saveShortcuts(const ActionRegistry& registry, const QString& id);

} // namespace polytrain::ui
