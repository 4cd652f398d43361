#pragma once
// A QImage drawn as large as the widget allows, aspect kept, centred; a line of text when there is no image.
#include <QImage>
#include <QWidget>

namespace polytrain::ui::dataset {

class ImageFrame : public QWidget {
  Q_OBJECT
public:
  explicit ImageFrame(QWidget* parent = nullptr);

  void setImage(const QImage& image);
  void setText(const QString& text); // shown when there is no image
  const QImage& image() const { return image_; }
  QString text() const { return text_; }
  QSize sizeHint() const override { return {160, 160}; }

protected:
  void paintEvent(QPaintEvent* event) override;

private:
  QImage image_;
  QString text_;
};

} // namespace polytrain::ui::dataset
