#include "ui/annotate/label_dialog.h"

#include "ui/annotate/label_colors.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace polytrain::ui::annotate {

LabelDialog::LabelDialog(QWidget* parent)
    : QDialog(parent), label_(new QLineEdit), groupId_(new QLineEdit), description_(new QLineEdit),
      historyList_(new QListWidget), flags_(new QListWidget), newFlag_(new QLineEdit),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)),
      completions_(new QStringListModel(this)) {
  setObjectName("labelDialog");
  setWindowTitle(tr("Label"));
  label_->setObjectName("labelField");
  label_->setPlaceholderText(tr("Enter object label"));
  auto* completer = new QCompleter(completions_, this);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setFilterMode(Qt::MatchContains);
  completer->setCompletionMode(QCompleter::PopupCompletion);
  label_->setCompleter(completer);
  groupId_->setObjectName("groupIdField");
  groupId_->setPlaceholderText(tr("Group ID"));
  groupId_->setValidator(new QIntValidator(0, 1 << 30, groupId_));
  groupId_->setMaximumWidth(100);
  description_->setObjectName("descriptionField");
  description_->setPlaceholderText(tr("Description"));
  historyList_->setObjectName("labelHistory");
  historyList_->setMinimumHeight(140);
  flags_->setObjectName("shapeFlags");
  flags_->setMaximumHeight(100);
  newFlag_->setPlaceholderText(tr("Add a flag and press Enter"));

  auto* top = new QHBoxLayout;
  top->addWidget(label_, 1);
  top->addWidget(groupId_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(description_);
  layout->addWidget(historyList_, 1);
  layout->addWidget(new QLabel(tr("Flags")));
  layout->addWidget(flags_);
  layout->addWidget(newFlag_);
  layout->addWidget(buttons_);

  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(label_, &QLineEdit::textChanged, this, &LabelDialog::updateOk);
  connect(historyList_, &QListWidget::currentTextChanged, this, [this](const QString& text) {
    if (!text.isEmpty())
      label_->setText(text);
  });
  connect(historyList_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
    label_->setText(item->text());
    accept();
  });
  connect(label_, &QLineEdit::textChanged, this, &LabelDialog::refreshFlags);
  connect(newFlag_, &QLineEdit::returnPressed, this, [this] {
    const QString name = newFlag_->text().trimmed();
    if (!name.isEmpty() && flags_->findItems(name, Qt::MatchExactly).isEmpty()) {
      baseFlags_.append(name);
      addFlag(name, true);
    }
    newFlag_->clear();
  });
  resize(360, 380);
}

void LabelDialog::setHistory(const QStringList& labels) {
  history_.clear();
  for (const QString& label : labels)
    if (!label.isEmpty() && !history_.contains(label))
      history_.append(label);
  refreshHistoryList();
}

void LabelDialog::addToHistory(const QString& label) {
  if (label.isEmpty())
    return;
  history_.removeAll(label);
  history_.prepend(label);
  while (history_.size() > 200)
    history_.removeLast();
  refreshHistoryList();
}

void LabelDialog::setFlagNames(const QStringList& names) {
  flagNames_ = names;
}

void LabelDialog::setPredefinedLabels(const QStringList& labels) {
  predefined_.clear();
  for (const QString& label : labels)
    if (!label.isEmpty() && !predefined_.contains(label))
      predefined_.append(label);
  refreshHistoryList();
}

void LabelDialog::setLabelFlagRules(const QList<LabelFlagRule>& rules) {
  flagRules_ = rules;
}

QStringList LabelDialog::offeredLabels() const {
  QStringList out = predefined_;
  for (const QString& label : history_)
    if (!out.contains(label))
      out.append(label);
  return out;
}

void LabelDialog::refreshHistoryList() {
  const QStringList labels = offeredLabels();
  completions_->setStringList(labels);
  historyList_->clear();
  for (const QString& label : labels)
    historyList_->addItem(new QListWidgetItem(labelSwatch(label), label));
}

void LabelDialog::addFlag(const QString& name, bool on) {
  auto* item = new QListWidgetItem(name, flags_);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
  item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

void LabelDialog::fill(const ShapeLabel& initial) {
  label_->setText(initial.label);
  label_->selectAll();
  groupId_->setText(initial.groupId ? QString::number(*initial.groupId) : QString());
  description_->setText(initial.description);
  flags_->clear();
  flagStates_.clear();
  baseFlags_.clear();
  for (const auto& [name, on] : initial.flags) {
    flagStates_.insert(name, on);
    if (!isLabelFlag(flagRules_, name))
      baseFlags_.append(name);
  }
  for (const QString& name : flagNames_)
    if (!baseFlags_.contains(name) && !isLabelFlag(flagRules_, name))
      baseFlags_.append(name);
  refreshFlags();
  historyList_->blockSignals(true);
  historyList_->clearSelection();
  const auto matches = historyList_->findItems(initial.label, Qt::MatchExactly);
  if (!matches.isEmpty())
    historyList_->setCurrentItem(matches.first());
  historyList_->blockSignals(false);
  label_->setFocus();
  updateOk();
}

void LabelDialog::refreshFlags() {
  for (int i = 0; i < flags_->count(); ++i)
    flagStates_.insert(flags_->item(i)->text(), flags_->item(i)->checkState() == Qt::Checked);
  flags_->clear();
  for (const QString& name : std::as_const(baseFlags_))
    addFlag(name, flagStates_.value(name, false));
  for (const QString& name : flagsForLabel(flagRules_, label_->text().trimmed()))
    if (!baseFlags_.contains(name))
      addFlag(name, flagStates_.value(name, false));
}

void LabelDialog::updateOk() {
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(!label_->text().trimmed().isEmpty());
}

ShapeLabel LabelDialog::current() const {
  ShapeLabel out;
  out.label = label_->text().trimmed();
  bool ok = false;
  const int group = groupId_->text().toInt(&ok);
  if (ok)
    out.groupId = group;
  out.description = description_->text();
  for (int i = 0; i < flags_->count(); ++i)
    out.flags.append({flags_->item(i)->text(), flags_->item(i)->checkState() == Qt::Checked});
  return out;
}

std::optional<ShapeLabel> LabelDialog::ask(const ShapeLabel& initial) {
  fill(initial);
  if (exec() != QDialog::Accepted || label_->text().trimmed().isEmpty())
    return std::nullopt;
  const ShapeLabel result = current();
  addToHistory(result.label);
  return result;
}

} // namespace polytrain::ui::annotate
