#pragma once
// Labelme's label dialog: the label with autocompletion from the history (a list of recent labels to click), the
// group id, a description and the shape's flags. OK needs a label.
#include "ui/annotate/shape_label.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QStringListModel;

namespace polytrain::ui::annotate {

class LabelDialog : public QDialog {
  Q_OBJECT
public:
  explicit LabelDialog(QWidget* parent = nullptr);

  void setHistory(const QStringList& labels); // most recent first
  QStringList history() const { return history_; }
  void addToHistory(const QString& label);
  void setFlagNames(const QStringList& names); // flags offered for every shape, besides the shape's own

  // Shows the dialog (modal) filled with `initial`; nullopt when cancelled.
  std::optional<ShapeLabel> ask(const ShapeLabel& initial);

  QLineEdit* labelField() const { return label_; }
  QLineEdit* groupIdField() const { return groupId_; }
  QLineEdit* descriptionField() const { return description_; }
  QListWidget* historyList() const { return historyList_; }
  QListWidget* flagList() const { return flags_; }

  ShapeLabel current() const;

private:
  void fill(const ShapeLabel& initial);
  void addFlag(const QString& name, bool on);
  void refreshHistoryList();
  void updateOk();

  QLineEdit* label_;
  QLineEdit* groupId_;
  QLineEdit* description_;
  QListWidget* historyList_;
  QListWidget* flags_;
  QLineEdit* newFlag_;
  QDialogButtonBox* buttons_;
  QStringListModel* completions_;
  QStringList history_;
  QStringList flagNames_;
};

} // namespace polytrain::ui::annotate
