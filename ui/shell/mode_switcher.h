#pragma once
// The vertical bar on the left that selects the active mode, one checkable action per mode.
#include <QActionGroup>
#include <QToolBar>

namespace polytrain::ui {

class ModeSwitcher : public QToolBar {
  Q_OBJECT
public:
  explicit ModeSwitcher(QWidget* parent = nullptr);

  // `action` comes from the registry; its data() holds the mode id.
  void addModeAction(QAction* action);
  void setCurrent(const QString& modeId);

signals:
  void modeRequested(const QString& modeId);

private:
  QActionGroup* group_;
};

} // namespace polytrain::ui
