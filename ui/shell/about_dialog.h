#pragma once
#include <QDialog>

namespace polytrain::ui {

// Product name, version, and the versions of every library the studio runs on (Qt, libtorch, OpenCV,
// QCustomPlot, nlohmann_json), the BLAS in use, threads and CUDA.
class AboutDialog : public QDialog {
  Q_OBJECT
public:
  explicit AboutDialog(QWidget* parent = nullptr);

  // The library table as plain "name: version" lines, also what the dialog shows.
  static QStringList libraryLines();
};

} // namespace polytrain::ui
