#include "ui/annotate/file_list_dock.h"

#include "ui/annotate/file_list_model.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace polytrain::ui::annotate {

FileListDock::FileListDock(FileListModel* model, QWidget* parent)
    : QDockWidget(tr("File List"), parent), model_(model), proxy_(new QSortFilterProxyModel(this)),
      search_(new QLineEdit), view_(new QListView), count_(new QLabel) {
  setObjectName("annotateFileListDock");
  proxy_->setSourceModel(model_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  search_->setObjectName("fileSearch");
  search_->setPlaceholderText(tr("Search file names"));
  search_->setClearButtonEnabled(true);
  view_->setObjectName("fileListView");
  view_->setModel(proxy_);
  view_->setUniformItemSizes(true); // constant-time layout for 10 000+ rows
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  count_->setObjectName("fileCount");

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(search_);
  layout->addWidget(view_);
  layout->addWidget(count_);
  setWidget(page);

  connect(search_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(view_, &QListView::activated, this,
          [this](const QModelIndex& index) { emit rowActivated(proxy_->mapToSource(index).row()); });
  connect(view_, &QListView::clicked, this,
          [this](const QModelIndex& index) { emit rowActivated(proxy_->mapToSource(index).row()); });
  // Arrow keys in the list open the image under the cursor, as in Labelme.
  connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& index) {
    if (index.isValid() && view_->hasFocus())
      emit rowActivated(proxy_->mapToSource(index).row());
  });
  connect(model_, &FileListModel::marksChanged, this, &FileListDock::updateCount);
  connect(model_, &QAbstractItemModel::modelReset, this, &FileListDock::updateCount);
  updateCount();
}

void FileListDock::setCurrentRow(int sourceRow) {
  const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow));
  if (!index.isValid()) {
    view_->clearSelection();
    return;
  }
  view_->setCurrentIndex(index);
  view_->scrollTo(index);
}

void FileListDock::updateCount() {
  count_->setText(tr("%1 of %2 images annotated").arg(model_->annotatedCount()).arg(model_->rowCount()));
}

} // namespace polytrain::ui::annotate
