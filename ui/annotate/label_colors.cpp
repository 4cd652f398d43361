#include "ui/annotate/label_colors.h"

#include <QPainter>
#include <QPixmap>

namespace polytrain::ui::annotate {

QColor labelColor(const QString& label) {
  // FNV-1a over the UTF-8 bytes: independent of Qt's per-process hash seed.
  quint32 hash = 2166136261u;
  for (char byte : label.toUtf8()) {
    hash ^= static_cast<quint8>(byte);
    hash *= 16777619u;
  }
  const int hue = static_cast<int>(hash % 360u);
  const int saturation = 170 + static_cast<int>((hash >> 9) % 70u);
  const int value = 200 + static_cast<int>((hash >> 17) % 50u);
  return QColor::fromHsv(hue, saturation, value);
}

QIcon labelSwatch(const QString& label) {
  QPixmap pixmap(14, 14);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setPen(QColor(0, 0, 0, 120));
  painter.setBrush(labelColor(label));
  painter.drawRect(1, 1, 11, 11);
  return QIcon(pixmap);
}

} // namespace polytrain::ui::annotate
