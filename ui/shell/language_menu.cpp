#include "ui/shell/language_menu.h"

#include "ui/shell/action_registry.h"
#include "ui/shell/studio_settings.h"
#include "ui/shell/studio_translations.h"

#include <QActionGroup>

namespace polytrain::ui {

LanguageMenu::LanguageMenu(ActionRegistry& registry, QWidget* parent) : QMenu(tr("&Language"), parent) {
  setObjectName("languageMenu");
  auto* group = new QActionGroup(this);
  group->setExclusive(true);
  const QString current = StudioSettings::language();
  for (const QString& code : StudioTranslations::languageCodes()) {
    QAction* action = registry.add("view.language." + (code.isEmpty() ? QStringLiteral("system") : code),
                                   StudioTranslations::languageName(code));
    action->setCheckable(true);
    action->setChecked(code == current);
    action->setData(code);
    action->setStatusTip(tr("Use this language from the next start of PolyTrain Studio"));
    group->addAction(action);
    addAction(action);
    connect(action, &QAction::triggered, this, [this, code] {
      if (code == StudioSettings::language())
        return;
      StudioSettings::setLanguage(code);
      emit languageChanged(code, tr("The language changes to %1 when you restart PolyTrain Studio.")
                                     .arg(StudioTranslations::languageName(code)));
    });
  }
  addSeparator();
  QAction* note = addAction(tr("Takes effect after a restart"));
  note->setEnabled(false);
}

} // namespace polytrain::ui
