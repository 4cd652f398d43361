#pragma once
// The studio's window: hosts the modes, the mode switcher, the menus built from the action registry and the
// status bar. It knows modes only through the Mode interface; it holds no data of its own.
#include "ui/shell/mode.h"

#include <QLabel>
#include <QList>
#include <QMainWindow>
#include <QStackedWidget>

namespace polytrain::ui {

class ActionRegistry;
class ModeSwitcher;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  // Takes ownership of the modes.
  explicit MainWindow(QList<Mode*> modes, QWidget* parent = nullptr);
  ~MainWindow() override;

  ActionRegistry& actions() { return *actions_; }
  const QList<Mode*>& modes() const { return modes_; }
  Mode* currentMode() const { return current_; }
  void switchToMode(const QString& modeId);
  // Switches to `modeId` and lets it open `path`; false when there is no such mode or it opened nothing.
  bool openInMode(const QString& modeId, const QString& path);

  // The runtime facts shown permanently in the status bar ("CPU · 2 threads").
  void setRuntimeSummary(const QString& summary);

protected:
  void closeEvent(QCloseEvent* event) override;

private:
  void registerShellActions();
  void buildMenus();
  void restoreWindowState();
  void hideModeChrome(Mode* mode);
  void showAbout();
  void showShortcutEditor();

  ActionRegistry* actions_;
  QList<Mode*> modes_;
  Mode* current_ = nullptr;
  ModeSwitcher* switcher_;
  QStackedWidget* pages_;
  QLabel* runtimeLabel_;
};

} // namespace polytrain::ui
