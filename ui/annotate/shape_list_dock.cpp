#include "ui/annotate/shape_list_dock.h"

#include "ui/annotate/annotation_document.h"
#include "ui/annotate/create_shape_tool.h"
#include "ui/annotate/label_colors.h"
#include "ui/annotate/shape_view_state.h"

#include <QListWidget>

namespace polytrain::ui::annotate {

ShapeListDock::ShapeListDock(QWidget* parent) : QDockWidget(tr("Shapes"), parent), list_(new QListWidget) {
  setObjectName("annotateShapeListDock");
  list_->setObjectName("shapeList");
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  setWidget(list_);
  connect(list_, &QListWidget::itemSelectionChanged, this, &ShapeListDock::syncSelectionToView);
  connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    if (!syncing_ && viewState_)
      viewState_->setHidden(list_->row(item), item->checkState() != Qt::Checked);
  });
  connect(list_, &QListWidget::itemDoubleClicked, this, [this] { emit editLabelRequested(); });
}

void ShapeListDock::setDocument(AnnotationDocument* document, ShapeViewState* viewState) {
  if (document_)
    disconnect(document_, nullptr, this, nullptr);
  if (viewState_)
    disconnect(viewState_, nullptr, this, nullptr);
  document_ = document;
  viewState_ = viewState;
  if (document_) {
    connect(document_, &AnnotationDocument::shapesInserted, this, &ShapeListDock::rebuild);
    connect(document_, &AnnotationDocument::shapesRemoved, this, &ShapeListDock::rebuild);
    connect(document_, &AnnotationDocument::shapeChanged, this, &ShapeListDock::rebuild);
  }
  if (viewState_) {
    connect(viewState_, &ShapeViewState::selectionChanged, this, &ShapeListDock::syncSelectionFromView);
    connect(viewState_, &ShapeViewState::visibilityChanged, this, &ShapeListDock::rebuild);
  }
  rebuild();
}

void ShapeListDock::rebuild() {
  syncing_ = true;
  list_->clear();
  if (document_) {
    for (int i = 0; i < document_->shapeCount(); ++i) {
      const auto& shape = document_->shape(i);
      const QString label = QString::fromStdString(shape.label);
      QString text = label;
      if (shape.groupId)
        text += QString(" [%1]").arg(*shape.groupId);
      text += QString("  · %1").arg(CreateShapeTool::shapeTypeTitle(QString::fromStdString(shape.shapeType)));
      auto* item = new QListWidgetItem(labelSwatch(label), text, list_);
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
      item->setCheckState(viewState_ && viewState_->isHidden(i) ? Qt::Unchecked : Qt::Checked);
    }
  }
  syncing_ = false;
  syncSelectionFromView();
}

void ShapeListDock::syncSelectionFromView() {
  if (!viewState_)
    return;
  syncing_ = true;
  list_->clearSelection();
  for (int index : viewState_->selected())
    if (QListWidgetItem* item = list_->item(index))
      item->setSelected(true);
  if (!viewState_->selected().isEmpty())
    if (QListWidgetItem* item = list_->item(viewState_->selected().last()))
      list_->scrollToItem(item);
  syncing_ = false;
}

void ShapeListDock::syncSelectionToView() {
  if (syncing_ || !viewState_)
    return;
  QList<int> selected;
  for (QListWidgetItem* item : list_->selectedItems())
    selected.append(list_->row(item));
  viewState_->setSelected(selected);
}

} // namespace polytrain::ui::annotate
