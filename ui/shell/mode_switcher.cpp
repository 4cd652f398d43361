#include "ui/shell/mode_switcher.h"

namespace polytrain::ui {

ModeSwitcher::ModeSwitcher(QWidget* parent) : QToolBar(tr("Modes"), parent), group_(new QActionGroup(this)) {
  setObjectName("modeSwitcher");
  setMovable(false);
  setFloatable(false);
  setOrientation(Qt::Vertical);
  setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
  setIconSize(QSize(32, 32));
  group_->setExclusive(true);
  connect(group_, &QActionGroup::triggered, this,
          [this](QAction* action) { emit modeRequested(action->data().toString()); });
}

void ModeSwitcher::addModeAction(QAction* action) {
  action->setCheckable(true);
  group_->addAction(action);
  addAction(action);
}

void ModeSwitcher::setCurrent(const QString& modeId) {
  for (QAction* action : group_->actions())
    if (action->data().toString() == modeId)
      action->setChecked(true);
}

} // namespace polytrain::ui
