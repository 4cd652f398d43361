#pragma once
// The canvas scale (like Tiled's Zoomable): zoom steps, 100 %, fit to window and fit to width. A fit mode stays
// in force while the window is resized or another image opens, until the user zooms by hand.
#include <QObject>
#include <QSizeF>

namespace polytrain::ui::annotate {

class ZoomController : public QObject {
  Q_OBJECT
public:
  enum class FitMode { None, Window, Width };

  explicit ZoomController(QObject* parent = nullptr);

  double scale() const { return scale_; }
  FitMode fitMode() const { return fitMode_; }

  void setScale(double scale); // leaves any fit mode
  void zoomBy(double factor);  // leaves any fit mode
  void zoomIn() { zoomBy(kStep); }
  void zoomOut() { zoomBy(1.0 / kStep); }
  void setActualSize() { setScale(1.0); }
  void fitWindow();
  void fitWidth();

  // The space the image may take and the image size; re-applies the fit mode.
  void setGeometry(const QSizeF& viewport, const QSizeF& image);

  static constexpr double kStep = 1.25;
  static constexpr double kMinScale = 0.01;
  static constexpr double kMaxScale = 64.0;

signals:
  void scaleChanged(double scale);

private:
  void apply(double scale);
  double fitted() const;

  double scale_ = 1.0;
  FitMode fitMode_ = FitMode::Window;
  QSizeF viewport_;
  QSizeF image_;
};

} // namespace polytrain::ui::annotate
