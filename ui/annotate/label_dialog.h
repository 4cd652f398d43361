#pragma once
// Labelme's label dialog: the label with autocompletion from the predefined labels (Labelme's --labels, in file
// order) and the history (recent labels), both in a list to click; the group id, a description and the shape's
// flags, among them Labelme's label flags offered only while the label matches their pattern. OK needs a label.
#include "ui/annotate/label_presets.h"
#include "ui/annotate/shape_label.h"

#include <QHash>

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
  void setFlagNames(const QStringList& names);         // flags offered for every shape, besides the shape's own
  void setPredefinedLabels(const QStringList& labels); // listed first, in this order
  QStringList predefinedLabels() const { return predefined_; }
  void setLabelFlagRules(const QList<LabelFlagRule>& rules);
  // The labels the list shows: the predefined ones, then the history's others.
  QStringList offeredLabels() const;

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
  void refreshFlags(); // the base flags, then the label flags of the label as typed now
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
  QStringList predefined_;
  QList<LabelFlagRule> flagRules_;
  QStringList baseFlags_;           // the shape's own flags and setFlagNames', except label flags
  QHash<QString, bool> flagStates_; // every flag's last state, so one hidden by a label change comes back as it was
};

} // namespace polytrain::ui::annotate
