#pragma once
// The languages the studio speaks and the translators that make it speak them. The studio's own .qm files are
// compiled into polytrain_ui under :/i18n (translations/); Qt's own (qtbase_*.qm, for the standard dialogs and
// buttons) come from Qt's translations folder when the distribution installed them.
#include <QLocale>
#include <QString>
#include <QStringList>

namespace polytrain::ui {

class StudioTranslations {
public:
  // The Language setting's values: "" follows the system locale, then "en", "zh_CN", ...
  static QStringList languageCodes();
  // How the language menu names a code: each language in its own words, "System" in the current language.
  static QString languageName(const QString& code);
  // The locale a Language setting stands for: QLocale::system() for "" (or an unknown code).
  static QLocale localeFor(const QString& code);

  // Replaces the translators installed by an earlier call with the studio's and Qt's translations for `locale`.
  // Returns the code of the studio translation now in use ("zh_CN"), or "en" when the studio stays English.
  static QString install(const QLocale& locale);
};

} // namespace polytrain::ui
