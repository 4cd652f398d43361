// The studio in Chinese: the zh_CN translation compiled into polytrain_ui turns the main window's menus, the
// modes and every registered action into Chinese; English needs no translator; View ▸ Language stores the choice.
#include "ui/modes/studio_modes.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/main_window.h"
#include "ui/shell/studio_settings.h"
#include "ui/shell/studio_translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <gtest/gtest.h>

using namespace polytrain::ui;

namespace {

bool hasChinese(const QString& text) {
  for (const QChar c : text)
    if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
      return true;
  return false;
}

QStringList menuTitles(const MainWindow& window) {
  QStringList titles;
  for (QAction* action : window.menuBar()->actions())
    if (action->menu() != nullptr)
      titles << action->text();
  return titles;
}

// Installs a language for one test and puts English back afterwards, so the other tests see the source texts.
class TranslationsTest : public ::testing::Test {
protected:
  void TearDown() override { StudioTranslations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }
};

} // namespace

TEST_F(TranslationsTest, TheChineseTranslationIsCompiledIntoTheProgram) {
  EXPECT_TRUE(QFile::exists(":/i18n/polytrain_zh_CN.qm"));
  EXPECT_GT(QFile(":/i18n/polytrain_zh_CN.qm").size(), 10000);
}

TEST_F(TranslationsTest, WithTheChineseTranslatorTheMenusAreChinese) {
  ASSERT_EQ(StudioTranslations::install(QLocale(QLocale::Chinese, QLocale::China)), "zh_CN");
  MainWindow window(createStudioModes());
  const QStringList titles = menuTitles(window);
  EXPECT_EQ(titles.first(), "文件(&F)");
  EXPECT_TRUE(titles.contains("视图(&V)")) << titles.join(", ").toStdString();
  EXPECT_EQ(titles.last(), "帮助(&H)");
  // The modes' own menus (shown while their mode is active) too.
  EXPECT_TRUE(titles.contains("编辑(&E)")) << titles.join(", ").toStdString();
  for (const QString& title : titles)
    EXPECT_TRUE(hasChinese(title)) << "menu title not translated: " << title.toStdString();

  QStringList modeTitles;
  for (Mode* mode : window.modes())
    modeTitles << mode->title();
  EXPECT_EQ(modeTitles, (QStringList{"标注", "数据集", "训练", "推理"}));
  EXPECT_EQ(window.actions().action("app.quit")->text(), "退出(&Q)");
  EXPECT_EQ(window.actions().action("annotate.tool.polygon")->text(), "创建多边形(&P)");
}

TEST_F(TranslationsTest, WithTheChineseTranslatorEveryActionIsChinese) {
  ASSERT_EQ(StudioTranslations::install(QLocale(QLocale::Chinese, QLocale::China)), "zh_CN");
  MainWindow window(createStudioModes());
  const QStringList ids = window.actions().ids();
  ASSERT_GT(ids.size(), 50);
  for (const QString& id : ids) {
    if (id == "view.language.en") // "English" is named in its own language
      continue;
    const QString text = window.actions().action(id)->text();
    EXPECT_TRUE(hasChinese(text)) << id.toStdString() << ": " << text.toStdString();
  }
}

TEST_F(TranslationsTest, QtsOwnChineseTranslationComesWithOursWhenInstalled) {
  const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + "/qtbase_zh_CN.qm";
  if (!QFile::exists(qtbase))
    GTEST_SKIP() << qtbase.toStdString() << " is not installed (Debian: qt6-translations-l10n)";
  ASSERT_EQ(StudioTranslations::install(QLocale(QLocale::Chinese, QLocale::China)), "zh_CN");
  // The standard buttons of Qt's dialogs.
  EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"), "取消");
  StudioTranslations::install(QLocale(QLocale::English, QLocale::UnitedStates));
  EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"), "Cancel");
}

TEST_F(TranslationsTest, AnEnglishLocaleNeedsNoTranslator) {
  EXPECT_EQ(StudioTranslations::install(QLocale(QLocale::English, QLocale::UnitedKingdom)), "en");
  MainWindow window(createStudioModes());
  EXPECT_EQ(menuTitles(window).first(), "&File");
  EXPECT_EQ(window.modes().first()->title(), "Annotate");
}

TEST_F(TranslationsTest, ALocaleWithoutATranslationFallsBackToEnglish) {
  EXPECT_EQ(StudioTranslations::install(QLocale(QLocale::Swahili, QLocale::Kenya)), "en");
  MainWindow window(createStudioModes());
  EXPECT_EQ(menuTitles(window).first(), "&File");
}

TEST_F(TranslationsTest, TheLanguageSettingNamesTheLocale) {
  EXPECT_EQ(StudioTranslations::localeFor("zh_CN").name(), "zh_CN");
  EXPECT_EQ(StudioTranslations::localeFor("en").language(), QLocale::English);
  EXPECT_EQ(StudioTranslations::localeFor("").name(), QLocale::system().name());
  EXPECT_EQ(StudioTranslations::localeFor("xx_YY").name(), QLocale::system().name());
}

TEST_F(TranslationsTest, TheLanguageMenuStoresTheChoiceForTheNextStart) {
  StudioSettings::setLanguage(QString());
  MainWindow window(createStudioModes());
  QAction* system = window.actions().action("view.language.system");
  QAction* chinese = window.actions().action("view.language.zh_CN");
  ASSERT_NE(system, nullptr);
  ASSERT_NE(chinese, nullptr);
  EXPECT_NE(window.actions().action("view.language.en"), nullptr);
  EXPECT_TRUE(system->isChecked());
  EXPECT_EQ(chinese->text(), "中文(简体)");
  chinese->trigger();
  EXPECT_EQ(StudioSettings::language(), "zh_CN");
  EXPECT_TRUE(chinese->isChecked());
  EXPECT_FALSE(system->isChecked());
  EXPECT_TRUE(window.statusBar()->currentMessage().contains("restart"))
      << window.statusBar()->currentMessage().toStdString();
  system->trigger();
  EXPECT_EQ(StudioSettings::language(), QString());
}
