// The Dataset mode's actions, registered as "dataset.<name>", and their dialogs.
#include "core/dataset/dataset_split.h"
#include "ui/dataset/dataset_grid_model.h"
#include "ui/dataset/dataset_mode.h"
#include "ui/dataset/sample_view.h"
#include "ui/dataset/split_dialog.h"
#include "ui/shell/action_registry.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QStyle>
#include <QToolBar>

namespace polytrain::ui::dataset {

namespace core = polytrain::dataset;

QAction* DatasetMode::addAction(ActionRegistry& registry, const QString& name, const QString& text,
                                const QKeySequence& shortcut, const QString& tip, bool needsDataset) {
  QAction* action = registry.add("dataset." + name, text, shortcut);
  action->setStatusTip(tip);
  action->setToolTip(shortcut.isEmpty() ? tip : tip + " (" + shortcut.toString(QKeySequence::NativeText) + ")");
  // Enabled only while a dataset is open (or a file selected); the shell's action test reads this.
  action->setProperty("needsDocument", needsDataset);
  actions_.insert(name, action);
  return action;
}

void DatasetMode::registerActions(ActionRegistry& registry) {
  const QStyle* style = QApplication::style();
  QAction* open = addAction(registry, "open", tr("&Open Dataset..."), QKeySequence("Ctrl+Alt+O"),
                            tr("Open a dataset folder (train/ and test/, or one folder) or a COCO file"), false);
  open->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
  connect(open, &QAction::triggered, this, &DatasetMode::openDialog);
  QAction* reloadAction = addAction(registry, "reload", tr("&Reload"), QKeySequence("Ctrl+Alt+R"),
                                    tr("Read the dataset again from disk"), true);
  reloadAction->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
  connect(reloadAction, &QAction::triggered, this, &DatasetMode::reload);

  const auto toggle = [&](const char* name, const QString& text, const char* key, const QString& tip) {
    QAction* action = addAction(registry, name, text, QKeySequence(key), tip, false);
    action->setCheckable(true);
    action->setChecked(true);
    connect(action, &QAction::toggled, this, [this] {
      Overlays next;
      next.masks = actions_.value("showMasks")->isChecked();
      next.boxes = actions_.value("showBoxes")->isChecked();
      next.labels = actions_.value("showLabels")->isChecked();
      setOverlays(next);
    });
    return action;
  };
  toggle("showMasks", tr("&Masks"), "Ctrl+Alt+1", tr("Tint each instance's mask in its own colour"));
  toggle("showBoxes", tr("&Boxes"), "Ctrl+Alt+2", tr("Draw each instance's box (the box of its mask)"));
  toggle("showLabels", tr("&Labels"), "Ctrl+Alt+3", tr("Write each instance's class name"));

  QAction* exportAction = addAction(registry, "exportCoco", tr("&Export COCO..."), QKeySequence("Ctrl+Alt+E"),
                                    tr("Write train.json and test.json (COCO instances, as labelme2coco)"), true);
  exportAction->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
  connect(exportAction, &QAction::triggered, this, &DatasetMode::exportDialog);
  QAction* split = addAction(registry, "changeSplit", tr("Change &Split..."), QKeySequence("Ctrl+Alt+T"),
                             tr("Draw a new train/test split of a single-folder dataset (share and seed)"), true);
  connect(split, &QAction::triggered, this, &DatasetMode::splitDialog);
  QAction* annotate = addAction(registry, "openInAnnotate", tr("Open in &Annotate"), QKeySequence("Ctrl+Alt+A"),
                                tr("Open the selected file in the Annotate mode"), true);
  annotate->setIcon(QIcon(QStringLiteral(":/icons/mode-annotate.svg")));
  connect(annotate, &QAction::triggered, this, [this] { openInAnnotate(currentEntry()); });
  QAction* shuffle = addAction(registry, "newAugmentations", tr("&New Augmentations"), QKeySequence("Ctrl+Alt+G"),
                               tr("Draw other random augmentations of the selected sample"), true);
  shuffle->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
  connect(shuffle, &QAction::triggered, sampleView_, &SampleView::newAugmentations);

  for (const char* name : {"open", "reload"})
    toolBar_->addAction(actions_.value(name));
  toolBar_->addSeparator();
  for (const char* name : {"showMasks", "showBoxes", "showLabels"})
    toolBar_->addAction(actions_.value(name));
  toolBar_->addSeparator();
  for (const char* name : {"exportCoco", "changeSplit", "openInAnnotate", "newAugmentations"})
    toolBar_->addAction(actions_.value(name));
  menu_->addActions(toolBar_->actions());
  updateActions();
}

void DatasetMode::updateActions() {
  if (actions_.isEmpty())
    return;
  const bool open = snapshot_ != nullptr;
  const bool loading = isLoading();
  const bool selected = open && currentEntry() >= 0;
  actions_.value("reload")->setEnabled(open && !loading);
  actions_.value("exportCoco")
      ->setEnabled(open && !exporter_->isRunning() &&
                   snapshot_->dataset.train.size() + snapshot_->dataset.test.size() > 0);
  const bool singleFolder = open && snapshot_->dataset.layout == core::Layout::SingleFolder;
  actions_.value("changeSplit")->setEnabled(singleFolder && !loading);
  actions_.value("changeSplit")
      ->setStatusTip(open && !singleFolder
                         ? tr("The split of this dataset is its train/ and test/ folders (or its COCO files)")
                         : tr("Draw a new train/test split of a single-folder dataset (share and seed)"));
  actions_.value("openInAnnotate")->setEnabled(selected);
  const DatasetEntry* entry = selected ? grid_->entry(currentEntry()) : nullptr;
  actions_.value("newAugmentations")->setEnabled(entry != nullptr && entry->kind == EntryKind::Annotated);
}

void DatasetMode::openDialog() {
  const QString start = root_.isEmpty() ? QDir::homePath() : root_;
  const QString folder = QFileDialog::getExistingDirectory(page_, tr("Open a dataset folder"), start);
  if (!folder.isEmpty())
    open(folder);
}

void DatasetMode::exportDialog() {
  if (!snapshot_)
    return;
  const QFileInfo root(root_);
  const QString start = root.isDir() ? root.absoluteFilePath() : root.absolutePath();
  const QString folder = QFileDialog::getExistingDirectory(page_, tr("Write train.json and test.json into"), start);
  if (!folder.isEmpty())
    exportCoco(folder);
}

void DatasetMode::splitDialog() {
  if (!snapshot_)
    return;
  double ratio = snapshot_->options.testRatio;
  uint64_t seed = snapshot_->options.seed;
  Error error;
  const QString splitFile = QDir(root_).filePath(QString::fromLatin1(core::kSplitFileName));
  if (QFileInfo::exists(splitFile))
    if (const std::optional<core::SplitAssignment> saved = core::readSplitFile(splitFile.toStdString(), &error)) {
      ratio = saved->testRatio;
      seed = saved->seed;
    }
  SplitDialog dialog(ratio, seed, static_cast<int>(snapshot_->dataset.train.size() + snapshot_->dataset.test.size()),
                     page_);
  if (dialog.exec() == QDialog::Accepted)
    changeSplit(dialog.testRatio(), dialog.seed());
}

} // namespace polytrain::ui::dataset
