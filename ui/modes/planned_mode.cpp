#include "ui/modes/planned_mode.h"

#include <QLabel>
#include <QVBoxLayout>

namespace polytrain::ui {

PlannedMode::PlannedMode(PlannedModeText text, QObject* parent) : Mode(parent), text_(std::move(text)) {}

QWidget* PlannedMode::widget() {
  if (page_)
    return page_;
  page_ = new QWidget;
  page_->setObjectName(text_.id + "Page");
  auto* layout = new QVBoxLayout(page_);
  layout->setContentsMargins(48, 40, 48, 40);

  auto* icon = new QLabel(page_);
  icon->setPixmap(this->icon().pixmap(64, 64));
  layout->addWidget(icon);

  QString html = QString("<h1>%1</h1><p style='font-size:13pt'>%2</p>").arg(text_.title.toHtmlEscaped(),
                                                                           text_.summary.toHtmlEscaped());
  html += "<p><b>" + tr("This workspace is not built yet. When it is, it will let you:") + "</b></p><ul>";
  for (const QString& capability : text_.capabilities)
    html += "<li>" + capability.toHtmlEscaped() + "</li>";
  html += "</ul>";
  if (!text_.meanwhile.isEmpty())
    html += "<p><b>" + tr("Already available:") + "</b> " + text_.meanwhile.toHtmlEscaped() + "</p>";
  auto* description = new QLabel(html, page_);
  description->setObjectName("plannedDescription");
  description->setWordWrap(true);
  description->setTextFormat(Qt::RichText);
  description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  layout->addWidget(description);
  layout->addStretch();
  return page_;
}

} // namespace polytrain::ui
