#include "ui/annotate/image_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace polytrain::ui::annotate {
namespace {

// Mean luminance of an RGB32 image (PIL's ImageEnhance.Contrast pivots around it).
double meanGray(const QImage& image) {
  if (image.isNull())
    return 128.0;
  const cv::Mat wrapped(image.height(), image.width(), CV_8UC4, const_cast<uchar*>(image.constBits()),
                        static_cast<size_t>(image.bytesPerLine()));
  const cv::Scalar mean = cv::mean(wrapped); // B, G, R, A
  return 0.299 * mean[2] + 0.587 * mean[1] + 0.114 * mean[0];
}

QImage applyLut(const QImage& source, const cv::Mat& lut) {
  if (source.isNull())
    return {};
  QImage out(source.size(), source.format());
  const cv::Mat in(source.height(), source.width(), CV_8UC4, const_cast<uchar*>(source.constBits()),
                   static_cast<size_t>(source.bytesPerLine()));
  cv::Mat result(out.height(), out.width(), CV_8UC4, out.bits(), static_cast<size_t>(out.bytesPerLine()));
  cv::LUT(in, lut, result);
  return out;
}

} // namespace

ImageItem::ImageItem() {
  setFlag(QGraphicsItem::ItemUsesExtendedStyleOption);
  setZValue(-1);
}

void ImageItem::setImages(const QImage& image, const QImage& preview) {
  prepareGeometryChange();
  original_ =
      image.format() == QImage::Format_RGB32 || image.isNull() ? image : image.convertToFormat(QImage::Format_RGB32);
  originalPreview_ = preview.isNull() || preview.format() == QImage::Format_RGB32
                         ? preview
                         : preview.convertToFormat(QImage::Format_RGB32);
  rebuildAdjusted();
}

void ImageItem::setAdjustment(int brightnessPercent, int contrastPercent) {
  if (brightnessPercent == brightness_ && contrastPercent == contrast_)
    return;
  brightness_ = brightnessPercent;
  contrast_ = contrastPercent;
  rebuildAdjusted();
}

void ImageItem::rebuildAdjusted() {
  if (brightness_ == 100 && contrast_ == 100) {
    shown_ = original_;
    shownPreview_ = originalPreview_;
  } else {
    const double brightness = brightness_ / 100.0;
    const double contrast = contrast_ / 100.0;
    const double mean = meanGray(originalPreview_.isNull() ? original_ : originalPreview_) * brightness;
    cv::Mat lut(1, 256, CV_8UC4);
    for (int i = 0; i < 256; ++i) {
      const double bright = i * brightness;
      const auto value = static_cast<uchar>(std::clamp(std::lround(mean + (bright - mean) * contrast), 0L, 255L));
      lut.at<cv::Vec4b>(0, i) = cv::Vec4b(value, value, value, 255);
    }
    shown_ = applyLut(original_, lut);
    shownPreview_ = applyLut(originalPreview_, lut);
  }
  update();
}

QRectF ImageItem::boundingRect() const {
  return QRectF(QPointF(0, 0), QSizeF(original_.size()));
}

void ImageItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  if (shown_.isNull())
    return;
  const double scale = std::hypot(painter->worldTransform().m11(), painter->worldTransform().m12());
  const QRectF exposed = option->exposedRect.intersected(boundingRect());
  if (exposed.isEmpty())
    return;
  const bool usePreview = !shownPreview_.isNull() && scale <= double(shownPreview_.width()) / shown_.width();
  painter->setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
  if (usePreview) {
    const double ratio = double(shownPreview_.width()) / shown_.width();
    const QRectF source(exposed.topLeft() * ratio, exposed.size() * ratio);
    painter->drawImage(exposed, shownPreview_, source);
  } else {
    // Whole source pixels, so that zoomed-in pixels stay square and aligned with image coordinates.
    const QRect source = exposed.toAlignedRect().intersected(shown_.rect());
    painter->drawImage(QRectF(source), shown_, source);
  }
}

} // namespace polytrain::ui::annotate
