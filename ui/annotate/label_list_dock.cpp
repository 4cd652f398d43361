#include "ui/annotate/label_list_dock.h"

#include "ui/annotate/annotation_document.h"
#include "ui/annotate/label_colors.h"
#include "ui/annotate/shape_view_state.h"

#include <QListWidget>

#include <map>

namespace polytrain::ui::annotate {

namespace {
constexpr int kLabelRole = Qt::UserRole + 1;
}

LabelListDock::LabelListDock(QWidget* parent) : QDockWidget(tr("Labels"), parent), list_(new QListWidget) {
  setObjectName("annotateLabelListDock");
  list_->setObjectName("labelList");
  setWidget(list_);
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    if (!document_ || !viewState_)
      return;
    const std::string label = item->data(kLabelRole).toString().toStdString();
    QList<int> indices;
    for (int i = 0; i < document_->shapeCount(); ++i)
      if (document_->shape(i).label == label)
        indices.append(i);
    viewState_->setSelected(indices);
  });
}

void LabelListDock::setDocument(AnnotationDocument* document, ShapeViewState* viewState) {
  if (document_)
    disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  viewState_ = viewState;
  if (document_) {
    connect(document_, &AnnotationDocument::shapesInserted, this, &LabelListDock::rebuild);
    connect(document_, &AnnotationDocument::shapesRemoved, this, &LabelListDock::rebuild);
    connect(document_, &AnnotationDocument::shapeChanged, this, &LabelListDock::rebuild);
  }
  rebuild();
}

void LabelListDock::rebuild() {
  list_->clear();
  if (!document_)
    return;
  std::map<QString, int> counts;
  for (const auto& shape : document_->shapes())
    ++counts[QString::fromStdString(shape.label)];
  for (const auto& [label, count] : counts) {
    auto* item = new QListWidgetItem(labelSwatch(label),
                                     tr("%1  (%2)").arg(label.isEmpty() ? tr("(no label)") : label).arg(count));
    item->setData(kLabelRole, label);
    list_->addItem(item);
  }
}

} // namespace polytrain::ui::annotate
