#include "ui/shell/shortcut_editor_dialog.h"

#include "ui/shell/action_registry.h"
#include "ui/shell/saved_shortcuts.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace polytrain::ui {
namespace {
QString shortcutText(const QList<QKeySequence>& shortcuts) {
  return QKeySequence::listToString(shortcuts, QKeySequence::NativeText);
}
} // namespace

ShortcutEditorDialog::ShortcutEditorDialog(ActionRegistry& registry, QWidget* parent)
    : QDialog(parent), registry_(registry), filter_(new QLineEdit), table_(new QTreeWidget), editing_(new QLabel),
      keyEdit_(new QKeySequenceEdit), clear_(new QPushButton(tr("&Clear"))), reset_(new QPushButton(tr("&Reset"))),
      resetAll_(new QPushButton(tr("Reset &All to Defaults"))), message_(new QLabel) {
  setObjectName("shortcutEditor");
  setWindowTitle(tr("Keyboard Shortcuts"));
  filter_->setObjectName("shortcutFilter");
  filter_->setPlaceholderText(tr("Filter by action, id or key"));
  filter_->setClearButtonEnabled(true);
  table_->setObjectName("shortcutTable");
  table_->setColumnCount(3);
  table_->setHeaderLabels({tr("Action"), tr("Shortcut"), tr("Id")});
  table_->setRootIsDecorated(false);
  table_->setUniformRowHeights(true);
  table_->setAlternatingRowColors(true);
  table_->header()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
  table_->header()->setSectionResizeMode(ShortcutColumn, QHeaderView::ResizeToContents);
  table_->header()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
  table_->header()->setStretchLastSection(false);
  keyEdit_->setObjectName("shortcutEdit");
  keyEdit_->setToolTip(tr("Click here and press the new key combination"));
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
  keyEdit_->setMaximumSequenceLength(1); // one key combination, taken at once
#endif
  clear_->setObjectName("clearShortcut");
  clear_->setToolTip(tr("Remove every shortcut of this action"));
  reset_->setObjectName("resetShortcut");
  reset_->setToolTip(tr("Give this action its default (Labelme's) shortcuts back"));
  resetAll_->setObjectName("resetAllShortcuts");
  message_->setObjectName("shortcutMessage");
  message_->setWordWrap(true);
  message_->setMinimumHeight(message_->fontMetrics().height() * 2);

  auto* editor = new QHBoxLayout;
  editor->addWidget(editing_);
  editor->addWidget(keyEdit_, 1);
  editor->addWidget(clear_);
  editor->addWidget(reset_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  buttons->addButton(resetAll_, QDialogButtonBox::ResetRole);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(filter_);
  layout->addWidget(table_, 1);
  layout->addLayout(editor);
  layout->addWidget(message_);
  layout->addWidget(buttons);

  populate();
  connect(filter_, &QLineEdit::textChanged, this, &ShortcutEditorDialog::applyFilter);
  connect(table_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { select(item); });
  connect(keyEdit_, &QKeySequenceEdit::keySequenceChanged, this, &ShortcutEditorDialog::assignRecorded);
  connect(clear_, &QPushButton::clicked, this, &ShortcutEditorDialog::clearCurrent);
  connect(reset_, &QPushButton::clicked, this, &ShortcutEditorDialog::resetCurrent);
  connect(resetAll_, &QPushButton::clicked, this, &ShortcutEditorDialog::resetAll);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(&registry_, &ActionRegistry::shortcutsChanged, this, &ShortcutEditorDialog::refreshRow);
  select(nullptr);
  resize(760, 560);
}

ShortcutEditorDialog::~ShortcutEditorDialog() {
  // Losing focus while closing ends a recording; by then the window's registry may be gone.
  keyEdit_->disconnect(this);
}

void ShortcutEditorDialog::populate() {
  table_->clear();
  // Actions without an icon get a blank one, so every name starts in the same column.
  QPixmap blank(table_->iconSize().isValid() ? table_->iconSize() : QSize(16, 16));
  blank.fill(Qt::transparent);
  for (const QString& id : registry_.ids()) {
    auto* item = new QTreeWidgetItem(table_);
    item->setData(ActionColumn, Qt::UserRole, id);
    item->setText(ActionColumn, registry_.displayText(id));
    const QIcon icon = registry_.action(id)->icon();
    item->setIcon(ActionColumn, icon.isNull() ? QIcon(blank) : icon);
    item->setText(IdColumn, id);
    refreshRow(id);
  }
}

QTreeWidgetItem* ShortcutEditorDialog::itemFor(const QString& id) const {
  for (int row = 0; row < table_->topLevelItemCount(); ++row)
    if (table_->topLevelItem(row)->data(ActionColumn, Qt::UserRole).toString() == id)
      return table_->topLevelItem(row);
  return nullptr;
}

void ShortcutEditorDialog::refreshRow(const QString& id) {
  QTreeWidgetItem* item = itemFor(id);
  if (item == nullptr)
    return;
  const QList<QKeySequence> shortcuts = registry_.action(id)->shortcuts();
  item->setText(ShortcutColumn, shortcutText(shortcuts));
  // A changed shortcut is bold, as in most editors, so the user sees what differs from Labelme's.
  QFont font = item->font(ShortcutColumn);
  font.setBold(shortcuts != registry_.defaultShortcuts(id));
  item->setFont(ShortcutColumn, font);
  item->setToolTip(ShortcutColumn, tr("Default: %1").arg(shortcutText(registry_.defaultShortcuts(id))));
  if (id == currentId_)
    showCurrentInEditor();
}

void ShortcutEditorDialog::applyFilter(const QString& text) {
  const QString needle = text.trimmed();
  for (int row = 0; row < table_->topLevelItemCount(); ++row) {
    QTreeWidgetItem* item = table_->topLevelItem(row);
    const QString id = item->data(ActionColumn, Qt::UserRole).toString();
    const QString portable = QKeySequence::listToString(registry_.action(id)->shortcuts(), QKeySequence::PortableText);
    const bool shown = needle.isEmpty() || item->text(ActionColumn).contains(needle, Qt::CaseInsensitive) ||
                       id.contains(needle, Qt::CaseInsensitive) ||
                       item->text(ShortcutColumn).contains(needle, Qt::CaseInsensitive) ||
                       portable.contains(needle, Qt::CaseInsensitive);
    item->setHidden(!shown);
  }
}

void ShortcutEditorDialog::select(QTreeWidgetItem* item) {
  currentId_ = item != nullptr ? item->data(ActionColumn, Qt::UserRole).toString() : QString();
  const bool any = !currentId_.isEmpty();
  keyEdit_->setEnabled(any);
  clear_->setEnabled(any);
  reset_->setEnabled(any);
  editing_->setText(any ? tr("Shortcut for \"%1\":").arg(registry_.displayText(currentId_))
                        : tr("Select an action to change its shortcut."));
  say({}, false);
  showCurrentInEditor();
}

void ShortcutEditorDialog::showCurrentInEditor() {
  const QAction* action = registry_.action(currentId_);
  const QSignalBlocker blocker(keyEdit_);
  // setKeySequence also ends a recording, so the next key pressed starts a new one-key sequence.
  keyEdit_->setKeySequence(action != nullptr ? action->shortcut() : QKeySequence());
}

void ShortcutEditorDialog::assignRecorded(const QKeySequence& recorded) {
  const QAction* action = registry_.action(currentId_);
  if (action == nullptr || recorded.isEmpty())
    return;
  // Shortcuts are single key combinations, as in Labelme: the key just pressed is the one meant.
  const QKeySequence chosen(recorded[recorded.count() - 1]);
  const QString owner = registry_.shortcutOwner(chosen, currentId_);
  if (!owner.isEmpty()) {
    showCurrentInEditor();
    say(tr("%1 is already the shortcut of \"%2\" (%3). Choose another key, or change that action first.")
            .arg(chosen.toString(QKeySequence::NativeText), registry_.displayText(owner), owner),
        true);
    return;
  }
  QList<QKeySequence> shortcuts = action->shortcuts();
  shortcuts.removeAll(chosen);
  if (shortcuts.isEmpty())
    shortcuts.append(chosen);
  else
    shortcuts[0] = chosen; // the main shortcut changes; Labelme's alternatives (Ctrl+Shift+D for D) stay
  changeShortcuts(currentId_, shortcuts);
  say(tr("\"%1\" now answers to %2.").arg(registry_.displayText(currentId_), shortcutText(shortcuts)), false);
}

void ShortcutEditorDialog::clearCurrent() {
  if (registry_.action(currentId_) == nullptr)
    return;
  changeShortcuts(currentId_, {});
  say(tr("\"%1\" has no shortcut now.").arg(registry_.displayText(currentId_)), false);
}

void ShortcutEditorDialog::resetCurrent() {
  if (registry_.action(currentId_) == nullptr)
    return;
  const QList<QKeySequence> defaults = registry_.defaultShortcuts(currentId_);
  for (const QKeySequence& sequence : defaults) {
    const QString owner = registry_.shortcutOwner(sequence, currentId_);
    if (!owner.isEmpty()) {
      say(tr("The default %1 is now the shortcut of \"%2\" (%3). Change that action first.")
              .arg(sequence.toString(QKeySequence::NativeText), registry_.displayText(owner), owner),
          true);
      return;
    }
  }
  changeShortcuts(currentId_, defaults);
  say(tr("\"%1\" has its default shortcut again.").arg(registry_.displayText(currentId_)), false);
}

void ShortcutEditorDialog::resetAll() {
  // Clear first, then restore: restoring one by one could meet a default another action still holds.
  const QStringList ids = registry_.ids();
  for (const QString& id : ids)
    if (registry_.action(id)->shortcuts() != registry_.defaultShortcuts(id))
      registry_.setShortcuts(id, {});
  for (const QString& id : ids)
    changeShortcuts(id, registry_.defaultShortcuts(id));
  say(tr("Every action has its default shortcut again."), false);
}

void ShortcutEditorDialog::changeShortcuts(const QString& id, const QList<QKeySequence>& shortcuts) {
  registry_.setShortcuts(id, shortcuts);
  saveShortcuts(registry_, id);
  refreshRow(id);
}

void ShortcutEditorDialog::say(const QString& text, bool problem) {
  message_->setText(text);
  message_->setStyleSheet(problem ? "color: #c62828; font-weight: bold;" : QString());
}

} // namespace polytrain::ui
