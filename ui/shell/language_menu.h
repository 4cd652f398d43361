#pragma once
// View ▸ Language: System / English / 中文(简体). The choice is stored as the Language setting and takes effect
// when the studio starts again (the menu says so).
#include <QMenu>

namespace polytrain::ui {

class ActionRegistry;

class LanguageMenu : public QMenu {
  Q_OBJECT
public:
  // Registers "view.language.system", "view.language.en", "view.language.zh_CN", ... in `registry`.
  LanguageMenu(ActionRegistry& registry, QWidget* parent = nullptr);

signals:
  // The user chose another language; `message` tells them when it applies.
  void languageChanged(const QString& code, const QString& message);
};

} // namespace polytrain::ui
