#pragma once
// The studio's persistent settings: every QSettings key lives here, nowhere else.
#include <QByteArray>
#include <QString>

namespace polytrain::ui {

class StudioSettings {
public:
  static void setApplicationIdentity(); // organisation and application names that QSettings files use

  static QByteArray windowGeometry();
  static void setWindowGeometry(const QByteArray& geometry);
  static QByteArray windowState();
  static void setWindowState(const QByteArray& state);
  static QString activeMode();
  static void setActiveMode(const QString& modeId);

  // Intra-op torch threads; 0 means one per core. The --threads option overrides it for one run.
  static int torchThreads();
  static void setTorchThreads(int threads);
};

} // namespace polytrain::ui
