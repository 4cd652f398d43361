#include "ui/annotate/image_adjust_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSlider>

namespace polytrain::ui::annotate {

ImageAdjustDialog::ImageAdjustDialog(QWidget* parent)
    : QDialog(parent), brightness_(new QSlider(Qt::Horizontal)), contrast_(new QSlider(Qt::Horizontal)) {
  setObjectName("imageAdjustDialog");
  setWindowTitle(tr("Brightness and Contrast"));
  for (QSlider* slider : {brightness_, contrast_}) {
    slider->setRange(0, 300);
    slider->setValue(100);
    slider->setMinimumWidth(220);
    connect(slider, &QSlider::valueChanged, this, [this] { emit adjustmentChanged(brightness(), contrast()); });
  }
  brightness_->setObjectName("brightnessSlider");
  contrast_->setObjectName("contrastSlider");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Reset | QDialogButtonBox::Close);
  connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &ImageAdjustDialog::reset);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QFormLayout(this);
  layout->addRow(tr("Brightness"), brightness_);
  layout->addRow(tr("Contrast"), contrast_);
  layout->addRow(buttons);
}

int ImageAdjustDialog::brightness() const {
  return brightness_->value();
}
int ImageAdjustDialog::contrast() const {
  return contrast_->value();
}

void ImageAdjustDialog::reset() {
  brightness_->setValue(100);
  contrast_->setValue(100);
}

} // namespace polytrain::ui::annotate
