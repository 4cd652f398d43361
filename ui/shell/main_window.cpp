#include "ui/shell/main_window.h"

#include "ui/shell/about_dialog.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/language_menu.h"
#include "ui/shell/mode_switcher.h"
#include "ui/shell/saved_shortcuts.h"
#include "ui/shell/shortcut_editor_dialog.h"
#include "ui/shell/studio_resources.h"
#include "ui/shell/studio_settings.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QStatusBar>

namespace polytrain::ui {

MainWindow::MainWindow(QList<Mode*> modes, QWidget* parent)
    : QMainWindow(parent), actions_(new ActionRegistry(this)), modes_(std::move(modes)),
      switcher_(new ModeSwitcher(this)), pages_(new QStackedWidget(this)), runtimeLabel_(new QLabel(this)) {
  initStudioResources();
  setObjectName("mainWindow");
  setWindowTitle(tr("PolyTrain Studio"));
  setWindowIcon(QIcon(":/icons/polytrain.svg"));
  setCentralWidget(pages_);
  addToolBar(Qt::LeftToolBarArea, switcher_);
  statusBar()->addPermanentWidget(runtimeLabel_);

  registerShellActions();
  for (Mode* mode : modes_) {
    mode->setParent(this);
    mode->registerActions(*actions_);
    connect(mode, &Mode::openInModeRequested, this, &MainWindow::openInMode);
    pages_->addWidget(mode->widget());
    for (QToolBar* bar : mode->toolBars())
      addToolBar(Qt::TopToolBarArea, bar);
    for (QDockWidget* dock : mode->dockWidgets())
      addDockWidget(Qt::RightDockWidgetArea, dock);
    hideModeChrome(mode);
  }
  buildMenus();
  // Every action exists now: what it has is its default; the user's own shortcuts replace it.
  actions_->captureDefaultShortcuts();
  applySavedShortcuts(*actions_);
  connect(switcher_, &ModeSwitcher::modeRequested, this, &MainWindow::switchToMode);

  restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::registerShellActions() {
  connect(actions_->add("app.quit", tr("&Quit"), QKeySequence::Quit), &QAction::triggered, this, &QWidget::close);
  connect(actions_->add("help.about", tr("&About PolyTrain Studio")), &QAction::triggered, this,
          &MainWindow::showAbout);
  connect(actions_->add("help.aboutQt", tr("About &Qt")), &QAction::triggered, qApp, &QApplication::aboutQt);
  QAction* fullScreen = actions_->add("view.fullScreen", tr("&Full Screen"), QKeySequence::FullScreen);
  fullScreen->setCheckable(true);
  connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
  connect(actions_->add("settings.shortcuts", tr("Keyboard &Shortcuts...")), &QAction::triggered, this,
          &MainWindow::showShortcutEditor);

  int index = 1;
  for (Mode* mode : modes_) {
    QAction* select =
        actions_->add("view.mode." + mode->id(), mode->title(), QKeySequence(QString("Ctrl+%1").arg(index++)));
    select->setIcon(mode->icon());
    select->setData(mode->id());
    select->setStatusTip(tr("Switch to the %1 mode").arg(mode->title()));
    switcher_->addModeAction(select);
  }
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(actions_->action("app.quit"));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (Mode* mode : modes_)
    view->addAction(actions_->action("view.mode." + mode->id()));
  view->addSeparator();
  view->addAction(actions_->action("view.fullScreen"));
  view->addSeparator();
  auto* language = new LanguageMenu(*actions_, view);
  view->addMenu(language);
  connect(language, &LanguageMenu::languageChanged, this,
          [this](const QString&, const QString& message) { statusBar()->showMessage(message, 15000); });

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  settings->setObjectName("settingsMenu");
  settings->addAction(actions_->action("settings.shortcuts"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(actions_->action("help.about"));
  help->addAction(actions_->action("help.aboutQt"));

  // Each mode's own menus sit between File and View and show only while the mode is active.
  for (Mode* mode : modes_)
    for (QMenu* menu : mode->menus()) {
      menuBar()->insertMenu(view->menuAction(), menu);
      menu->menuAction()->setVisible(mode == current_);
    }
}

void MainWindow::switchToMode(const QString& modeId) {
  Mode* next = nullptr;
  for (Mode* mode : modes_)
    if (mode->id() == modeId)
      next = mode;
  if (next == nullptr || next == current_)
    return;
  if (current_ != nullptr) {
    current_->deactivate();
    hideModeChrome(current_);
  }
  current_ = next;
  pages_->setCurrentWidget(current_->widget());
  for (QToolBar* bar : current_->toolBars())
    bar->show();
  for (QDockWidget* dock : current_->dockWidgets())
    dock->show();
  for (QMenu* menu : current_->menus())
    menu->menuAction()->setVisible(true);
  switcher_->setCurrent(modeId);
  current_->activate();
  statusBar()->showMessage(tr("%1 mode").arg(current_->title()), 3000);
}

bool MainWindow::openInMode(const QString& modeId, const QString& path) {
  for (Mode* mode : modes_)
    if (mode->id() == modeId) {
      switchToMode(modeId);
      return mode->openPath(path);
    }
  return false;
}

void MainWindow::hideModeChrome(Mode* mode) {
  for (QToolBar* bar : mode->toolBars())
    bar->hide();
  for (QDockWidget* dock : mode->dockWidgets())
    dock->hide();
  for (QMenu* menu : mode->menus())
    menu->menuAction()->setVisible(false);
}

void MainWindow::setRuntimeSummary(const QString& summary) {
  runtimeLabel_->setText(summary);
}

void MainWindow::restoreWindowState() {
  if (!restoreGeometry(StudioSettings::windowGeometry()))
    resize(1280, 800);
  restoreState(StudioSettings::windowState());
  // restoreState shows every dock and toolbar that was visible at exit; only the active mode's may show.
  for (Mode* mode : modes_)
    hideModeChrome(mode);
  const QString saved = StudioSettings::activeMode();
  switchToMode(saved.isEmpty() && !modes_.isEmpty() ? modes_.first()->id() : saved);
  if (current_ == nullptr && !modes_.isEmpty())
    switchToMode(modes_.first()->id());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  for (Mode* mode : modes_)
    if (!mode->mayClose()) {
      event->ignore();
      return;
    }
  StudioSettings::setWindowGeometry(saveGeometry());
  StudioSettings::setWindowState(saveState());
  if (current_ != nullptr)
    StudioSettings::setActiveMode(current_->id());
  event->accept();
}

void MainWindow::showShortcutEditor() {
  auto* editor = findChild<ShortcutEditorDialog*>();
  if (editor == nullptr)
    editor = new ShortcutEditorDialog(*actions_, this);
  editor->open(); // window-modal and non-blocking: the window's shortcuts wait while keys are recorded
  editor->raise();
}

void MainWindow::showAbout() {
  AboutDialog dialog(this);
  dialog.exec();
}

} // namespace polytrain::ui
