#pragma once
// A mode whose workspace has not been built yet. Its page says plainly what the mode will do and which
// piece of work brings it; it has no controls, so nothing on it pretends to work.
#include "ui/shell/mode.h"

#include <QPointer>

namespace polytrain::ui {

struct PlannedModeText {
  QString id;
  QString title;
  QString iconPath;
  QString summary;        // one sentence: what the mode is for
  QStringList capabilities; // what it will let the user do
  QString meanwhile;      // what already works today (e.g. a CLI command), may be empty
};

class PlannedMode : public Mode {
  Q_OBJECT
public:
  explicit PlannedMode(PlannedModeText text, QObject* parent = nullptr);

  QString id() const override { return text_.id; }
  QString title() const override { return text_.title; }
  QIcon icon() const override { return QIcon(text_.iconPath); }
  QWidget* widget() override;

private:
  PlannedModeText text_;
  QPointer<QWidget> page_;
};

} // namespace polytrain::ui
