#include "ui/shell/studio_translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QTranslator>

namespace polytrain::ui {
namespace {

constexpr auto kResourceFolder = ":/i18n";

QList<QTranslator*>& installedTranslators() {
  static QList<QTranslator*> translators;
  return translators;
}

void removeInstalled() {
  for (QTranslator* translator : installedTranslators()) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
  installedTranslators().clear();
}

// Loads `name`_<language>.qm for the first of the locale's UI languages that has one, and installs it.
bool installTranslator(const QLocale& locale, const QString& name, const QString& folder) {
  auto* translator = new QTranslator;
  if (!translator->load(locale, name, "_", folder) || !QCoreApplication::installTranslator(translator)) {
    delete translator;
    return false;
  }
  installedTranslators() << translator;
  return true;
}

} // namespace

QStringList StudioTranslations::languageCodes() {
  return {QString(), "en", "zh_CN"};
}

QString StudioTranslations::languageName(const QString& code) {
  if (code == "en")
    return QStringLiteral("English");
  if (code == "zh_CN")
    return QStringLiteral("中文(简体)");
  return QCoreApplication::translate("polytrain::ui::StudioTranslations", "System");
}

QLocale StudioTranslations::localeFor(const QString& code) {
  if (!code.isEmpty() && languageCodes().contains(code))
    return QLocale(code);
  return QLocale::system();
}

QString StudioTranslations::install(const QLocale& locale) {
  removeInstalled();
  // English is the source language: an English UI language before any translated one means no translator.
  for (const QString& language : locale.uiLanguages()) {
    if (language.startsWith("en"))
      return "en";
    if (installTranslator(QLocale(language), "polytrain", kResourceFolder))
      break;
  }
  if (installedTranslators().isEmpty())
    return "en";
  const QString studioFile = installedTranslators().first()->filePath();
  installTranslator(locale, "qtbase", QLibraryInfo::path(QLibraryInfo::TranslationsPath));
  // ":/i18n/polytrain_zh_CN.qm" -> "zh_CN"
  return studioFile.section('/', -1).section('.', 0, 0).mid(QStringLiteral("polytrain_").size());
}

} // namespace polytrain::ui
