#pragma once
// The image under the shapes. Draws a pre-scaled preview when zoomed out (smooth on 20-megapixel images
// without scaling the full image every frame), the full image otherwise, only the exposed part, and applies the
// display-only brightness and contrast.
#include <QGraphicsItem>
#include <QImage>

namespace polytrain::ui::annotate {

class ImageItem : public QGraphicsItem {
public:
  ImageItem();

  // `preview` may be null; when set it is `image` scaled down (same aspect).
  void setImages(const QImage& image, const QImage& preview);
  void clear() { setImages({}, {}); }
  QSize imageSize() const { return original_.size(); }

  // Display only: brightness and contrast in percent (100 = unchanged), as PIL's ImageEnhance factors.
  void setAdjustment(int brightnessPercent, int contrastPercent);

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
  void rebuildAdjusted();

  QImage original_, originalPreview_;
  QImage shown_, shownPreview_;
  int brightness_ = 100;
  int contrast_ = 100;
};

} // namespace polytrain::ui::annotate
