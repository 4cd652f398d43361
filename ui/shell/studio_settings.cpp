#include "ui/shell/studio_settings.h"

#include <QCoreApplication>
#include <QSettings>

namespace polytrain::ui {
namespace {
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kMode = "window/mode";
constexpr auto kThreads = "runtime/threads";
} // namespace

void StudioSettings::setApplicationIdentity() {
  QCoreApplication::setOrganizationName("PolyTrain");
  QCoreApplication::setApplicationName("PolyTrain Studio");
}

QByteArray StudioSettings::windowGeometry() { return QSettings().value(kGeometry).toByteArray(); }
void StudioSettings::setWindowGeometry(const QByteArray& geometry) { QSettings().setValue(kGeometry, geometry); }
QByteArray StudioSettings::windowState() { return QSettings().value(kState).toByteArray(); }
void StudioSettings::setWindowState(const QByteArray& state) { QSettings().setValue(kState, state); }
QString StudioSettings::activeMode() { return QSettings().value(kMode).toString(); }
void StudioSettings::setActiveMode(const QString& modeId) { QSettings().setValue(kMode, modeId); }
int StudioSettings::torchThreads() { return QSettings().value(kThreads, 0).toInt(); }
void StudioSettings::setTorchThreads(int threads) { QSettings().setValue(kThreads, threads); }

} // namespace polytrain::ui
