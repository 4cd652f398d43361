#include "ui/annotate/image_flags_dock.h"

#include "ui/annotate/annotation_commands.h"
#include "ui/annotate/annotation_document.h"

#include <QLineEdit>
#include <QListWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace polytrain::ui::annotate {

ImageFlagsDock::ImageFlagsDock(QWidget* parent)
    : QDockWidget(tr("Image Flags"), parent), list_(new QListWidget), newFlag_(new QLineEdit) {
  setObjectName("annotateImageFlagsDock");
  list_->setObjectName("imageFlags");
  newFlag_->setObjectName("newImageFlag");
  newFlag_->setPlaceholderText(tr("Add an image flag and press Enter"));
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(list_);
  layout->addWidget(newFlag_);
  setWidget(page);
  connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    if (!rebuilding_)
      setFlag(item->text(), item->checkState() == Qt::Checked);
  });
  connect(newFlag_, &QLineEdit::returnPressed, this, [this] {
    const QString name = newFlag_->text().trimmed();
    newFlag_->clear();
    if (name.isEmpty() || names_.contains(name))
      return;
    names_.append(name);
    emit flagNamesChanged(names_);
    rebuild();
  });
}

void ImageFlagsDock::setDocument(AnnotationDocument* document) {
  if (document_)
    disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_)
    connect(document_, &AnnotationDocument::imageFlagsChanged, this, &ImageFlagsDock::rebuild);
  rebuild();
}

void ImageFlagsDock::setFlagNames(const QStringList& names) {
  names_ = names;
  rebuild();
}

void ImageFlagsDock::rebuild() {
  rebuilding_ = true;
  list_->clear();
  QStringList shown;
  const auto add = [&](const QString& name, bool on) {
    if (shown.contains(name))
      return;
    shown.append(name);
    auto* item = new QListWidgetItem(name, list_);
    item->setFlags(document_ ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::ItemIsUserCheckable);
    item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
  };
  if (document_ && document_->data().flags.is_object())
    for (const auto& [key, value] : document_->data().flags.items())
      add(QString::fromStdString(key), value.is_boolean() && value.get<bool>());
  for (const QString& name : names_)
    add(name, false);
  rebuilding_ = false;
}

void ImageFlagsDock::setFlag(const QString& name, bool on) {
  if (!document_)
    return;
  nlohmann::ordered_json flags =
      document_->data().flags.is_object() ? document_->data().flags : nlohmann::ordered_json::object();
  // Every offered flag is written, as Labelme writes all flags of its list.
  for (int i = 0; i < list_->count(); ++i) {
    const std::string key = list_->item(i)->text().toStdString();
    if (!flags.contains(key))
      flags[key] = false;
  }
  flags[name.toStdString()] = on;
  document_->undoStack()->push(
      new SetImageFlagsCommand(document_, flags, on ? tr("Set flag %1").arg(name) : tr("Clear flag %1").arg(name)));
}

} // namespace polytrain::ui::annotate
