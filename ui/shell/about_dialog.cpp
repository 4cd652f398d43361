#include "ui/shell/about_dialog.h"

#include "core/runtime/system_report.h"
#include "polytrain/version.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace polytrain::ui {

QStringList AboutDialog::libraryLines() {
  runtime::ReportOptions options;
  options.measureGemm = false;
  const runtime::SystemReport report = runtime::collectSystemReport(options);
  QStringList lines;
  lines << QString("Qt: %1").arg(qVersion());
  lines << QString("libtorch: %1").arg(QString::fromStdString(report.torchVersion));
  lines << QString("OpenCV: %1").arg(QString::fromStdString(report.opencvVersion));
  lines << QString("QCustomPlot: %1").arg(QCUSTOMPLOT_VERSION_STR);
  lines << QString("nlohmann_json: %1").arg(QString::fromStdString(report.jsonVersion));
  lines << QString("BLAS: %1").arg(report.blasLibrary.empty() ? QObject::tr("not found")
                                                             : QString::fromStdString(report.blasLibrary));
  lines << QObject::tr("Threads: %1 of %2 cores").arg(report.intraOpThreads).arg(report.cores);
  lines << QObject::tr("CUDA: %1").arg(report.cudaAvailable ? QObject::tr("%1 device(s)").arg(report.cudaDeviceCount)
                                                            : QObject::tr("not available"));
  return lines;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
  setObjectName("aboutDialog");
  setWindowTitle(tr("About PolyTrain Studio"));
  auto* layout = new QVBoxLayout(this);
  auto* heading = new QLabel(QString("<h2>%1 %2</h2><p>%3</p>")
                                 .arg(kProductName, kVersion,
                                      tr("Annotate images, train Mask R-CNN and SSD, evaluate and run the models, "
                                         "in one native program.")),
                             this);
  heading->setWordWrap(true);
  layout->addWidget(heading);
  auto* libraries = new QLabel(libraryLines().join("<br>"), this);
  libraries->setObjectName("libraryVersions");
  libraries->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(libraries);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

} // namespace polytrain::ui
