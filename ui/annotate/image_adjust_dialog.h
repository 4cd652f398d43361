#pragma once
// Brightness and contrast of the displayed image (Labelme's "Brightness Contrast"): display only, the file and
// the annotation are untouched.
#include <QDialog>

class QSlider;

namespace polytrain::ui::annotate {

class ImageAdjustDialog : public QDialog {
  Q_OBJECT
public:
  explicit ImageAdjustDialog(QWidget* parent = nullptr);

  int brightness() const; // percent, 100 = unchanged
  int contrast() const;
  void reset();

signals:
  void adjustmentChanged(int brightnessPercent, int contrastPercent);

private:
  QSlider* brightness_;
  QSlider* contrast_;
};

} // namespace polytrain::ui::annotate
