#pragma once
// The Infer mode's picture: the annotated frame scaled to fit (aspect kept, never blown up beyond 4x), or a
// message in its place (what to open, or why a source failed).
#include <QImage>
#include <QString>
#include <QWidget>

namespace polytrain::ui::infer {

class FrameView : public QWidget {
  Q_OBJECT
public:
  explicit FrameView(QWidget* parent = nullptr);

  void setImage(const QImage& image);
  // Shown instead of the picture until the next setImage.
  void setMessage(const QString& message);
  void clear();

  const QImage& image() const { return image_; }
  const QString& message() const { return message_; }
  // Where the image is drawn inside the widget (empty when none).
  QRect imageRect() const;

  QSize sizeHint() const override { return {800, 600}; }
  QSize minimumSizeHint() const override { return {200, 150}; }

protected:
  void paintEvent(QPaintEvent* event) override;

private:
  QImage image_;
  QString message_;
};

} // namespace polytrain::ui::infer
