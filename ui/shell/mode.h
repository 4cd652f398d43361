#pragma once
// One workspace of the studio (Annotate, Dataset, Train, Infer). Like Tiled's Editor: a mode supplies its
// central page, its toolbars and its docks; the main window shows them while the mode is active.
#include <QDockWidget>
#include <QIcon>
#include <QList>
#include <QMenu>
#include <QObject>
#include <QString>
#include <QToolBar>
#include <QWidget>

namespace polytrain::ui {

class ActionRegistry;

class Mode : public QObject {
  Q_OBJECT
public:
  using QObject::QObject;
  ~Mode() override = default;

  // Stable identifier used in settings and action ids ("annotate", "dataset", ...). Never translated.
  virtual QString id() const = 0;
  virtual QString title() const = 0;
  virtual QIcon icon() const = 0;

  // The central page. Created once, owned by the main window once shown.
  virtual QWidget* widget() = 0;
  virtual QList<QToolBar*> toolBars() { return {}; }
  virtual QList<QDockWidget*> dockWidgets() { return {}; }
  // Menus shown in the menu bar (between File and View) while the mode is active.
  virtual QList<QMenu*> menus() { return {}; }

  // Called once before the first show, so the mode can register its actions under "<id>.<name>".
  virtual void registerActions(ActionRegistry& /*registry*/) {}

  virtual void activate() {}
  virtual void deactivate() {}

  // Asked before the window closes (e.g. to save or discard unsaved work); false keeps the window open.
  virtual bool mayClose() { return true; }

  // Opens a file or folder in this mode (--open, or another mode's request); false when it opens nothing.
  virtual bool openPath(const QString& /*path*/) { return false; }

signals:
  // Asks the window to switch to the mode `modeId` and open `path` there ("open in Annotate").
  void openInModeRequested(const QString& modeId, const QString& path);
};

} // namespace polytrain::ui
