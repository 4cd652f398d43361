#include "ui/train/run_history_view.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace polytrain::ui {

RunHistoryView::RunHistoryView(const QString& runsFolder, QWidget* parent)
    : QWidget(parent), folderLabel_(new QLabel(this)), list_(new QListWidget(this)) {
  setObjectName("runHistoryView");
  list_->setObjectName("runList");
  folderLabel_->setObjectName("runsFolderLabel");
  folderLabel_->setWordWrap(true);
  folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* choose = new QPushButton(tr("Folder..."), this);
  choose->setToolTip(tr("Choose the folder that holds the runs"));
  auto* refreshButton = new QPushButton(tr("Refresh"), this);
  refreshButton->setObjectName("refreshRuns");
  connect(choose, &QPushButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Runs folder"), runsFolder_);
    if (!folder.isEmpty())
      setRunsFolder(folder);
  });
  connect(refreshButton, &QPushButton::clicked, this, &RunHistoryView::refresh);
  connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* current) {
    const QString path = current != nullptr ? current->data(Qt::UserRole).toString() : QString();
    emit selectionChanged(path);
    if (!path.isEmpty())
      load(path);
  });

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(choose);
  buttons->addWidget(refreshButton);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(folderLabel_);
  layout->addLayout(buttons);
  layout->addWidget(list_, 1);
  setRunsFolder(runsFolder);
}

RunHistoryView::~RunHistoryView() {
  for (QThread* loader : std::as_const(loaders_))
    loader->wait();
}

void RunHistoryView::setRunsFolder(const QString& folder) {
  runsFolder_ = folder;
  folderLabel_->setText(QDir::toNativeSeparators(folder));
  refresh();
  emit runsFolderChanged(folder);
}

void RunHistoryView::refresh() {
  const QString selected = selectedRun();
  const QSignalBlocker blocker(list_); // re-listing is not a new selection
  list_->clear();
  for (const RunSummary& run : listRuns(runsFolder_.toStdString())) {
    const QString when = QDateTime::fromSecsSinceEpoch(run.modifiedSeconds).toString("yyyy-MM-dd HH:mm");
    auto* item = new QListWidgetItem(
        QString::fromStdString(run.name) + "\n" + QString::fromStdString(run.model) + " \u00b7 " + when, list_);
    item->setData(Qt::UserRole, QString::fromStdString(run.path));
    item->setToolTip(QDir::toNativeSeparators(QString::fromStdString(run.path)));
    if (item->data(Qt::UserRole).toString() == selected)
      list_->setCurrentItem(item);
  }
}

int RunHistoryView::runCount() const {
  return list_->count();
}

QString RunHistoryView::selectedRun() const {
  const QListWidgetItem* item = list_->currentItem();
  return item != nullptr ? item->data(Qt::UserRole).toString() : QString();
}

bool RunHistoryView::selectRun(const QString& path) {
  for (int row = 0; row < list_->count(); ++row)
    if (QDir::cleanPath(list_->item(row)->data(Qt::UserRole).toString()) == QDir::cleanPath(path)) {
      if (list_->currentRow() == row)
        load(path);
      else
        list_->setCurrentRow(row);
      return true;
    }
  return false;
}

void RunHistoryView::load(const QString& path) {
  const quint64 request = ++latestRequest_;
  QThread* loader = QThread::create([this, path, request] {
    LoadedRun run = loadRun(path.toStdString());
    // Delivered on the GUI thread; a newer request makes this one stale.
    QMetaObject::invokeMethod(
        this,
        [this, run = std::move(run), request] {
          if (request == latestRequest_)
            emit runLoaded(run);
        },
        Qt::QueuedConnection);
  });
  loaders_.append(loader);
  connect(loader, &QThread::finished, this, [this, loader] {
    loaders_.removeOne(loader);
    loader->deleteLater();
  });
  loader->start();
}

} // namespace polytrain::ui
