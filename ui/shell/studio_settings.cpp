#include "ui/shell/studio_settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace polytrain::ui {
namespace {
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kMode = "window/mode";
constexpr auto kThreads = "runtime/threads";
constexpr auto kLanguage = "ui/language";
constexpr auto kAnnotateAutosave = "annotate/autosave";
constexpr auto kAnnotateImageData = "annotate/saveImageData";
constexpr auto kAnnotateKeepPrevious = "annotate/keepPrevious";
constexpr auto kAnnotateShowLabels = "annotate/showLabels";
constexpr auto kAnnotateLabelHistory = "annotate/labelHistory";
constexpr auto kAnnotateImageFlags = "annotate/imageFlagNames";
constexpr auto kAnnotateLastFolder = "annotate/lastFolder";
constexpr auto kAnnotateLabelsFile = "annotate/labelsFile";
constexpr auto kAnnotateLabelFlagsFile = "annotate/labelFlagsFile";
constexpr auto kShortcuts = "shortcuts";
} // namespace

void StudioSettings::setApplicationIdentity() {
  QCoreApplication::setOrganizationName("PolyTrain");
  QCoreApplication::setApplicationName("PolyTrain Studio");
}

QByteArray StudioSettings::windowGeometry() {
  return QSettings().value(kGeometry).toByteArray();
}
void StudioSettings::setWindowGeometry(const QByteArray& geometry) {
  QSettings().setValue(kGeometry, geometry);
}
QByteArray StudioSettings::windowState() {
  return QSettings().value(kState).toByteArray();
}
void StudioSettings::setWindowState(const QByteArray& state) {
  QSettings().setValue(kState, state);
}
QString StudioSettings::activeMode() {
  return QSettings().value(kMode).toString();
}
void StudioSettings::setActiveMode(const QString& modeId) {
  QSettings().setValue(kMode, modeId);
}
int StudioSettings::torchThreads() {
  return QSettings().value(kThreads, 0).toInt();
}
void StudioSettings::setTorchThreads(int threads) {
  QSettings().setValue(kThreads, threads);
}
QString StudioSettings::language() {
  return QSettings().value(kLanguage).toString();
}
void StudioSettings::setLanguage(const QString& code) {
  QSettings().setValue(kLanguage, code);
}

QHash<QString, QString> StudioSettings::shortcutOverrides() {
  QSettings settings;
  settings.beginGroup(kShortcuts);
  QHash<QString, QString> out;
  for (const QString& id : settings.childKeys())
    out.insert(id, settings.value(id).toString());
  return out;
}
void StudioSettings::setShortcutOverride(const QString& actionId, const QString& portableText) {
  QSettings().setValue(QString(kShortcuts) + "/" + actionId, portableText);
}
void StudioSettings::clearShortcutOverride(const QString& actionId) {
  QSettings().remove(QString(kShortcuts) + "/" + actionId);
}

bool StudioSettings::annotateAutosave() {
  return QSettings().value(kAnnotateAutosave, true).toBool();
}
void StudioSettings::setAnnotateAutosave(bool on) {
  QSettings().setValue(kAnnotateAutosave, on);
}
bool StudioSettings::annotateSaveImageData() {
  return QSettings().value(kAnnotateImageData, false).toBool();
}
void StudioSettings::setAnnotateSaveImageData(bool on) {
  QSettings().setValue(kAnnotateImageData, on);
}
bool StudioSettings::annotateKeepPrevious() {
  return QSettings().value(kAnnotateKeepPrevious, false).toBool();
}
void StudioSettings::setAnnotateKeepPrevious(bool on) {
  QSettings().setValue(kAnnotateKeepPrevious, on);
}
bool StudioSettings::annotateShowLabels() {
  return QSettings().value(kAnnotateShowLabels, true).toBool();
}
void StudioSettings::setAnnotateShowLabels(bool on) {
  QSettings().setValue(kAnnotateShowLabels, on);
}
QStringList StudioSettings::annotateLabelHistory() {
  return QSettings().value(kAnnotateLabelHistory).toStringList();
}
void StudioSettings::setAnnotateLabelHistory(const QStringList& labels) {
  QSettings().setValue(kAnnotateLabelHistory, labels);
}
QStringList StudioSettings::annotateImageFlagNames() {
  return QSettings().value(kAnnotateImageFlags).toStringList();
}
void StudioSettings::setAnnotateImageFlagNames(const QStringList& names) {
  QSettings().setValue(kAnnotateImageFlags, names);
}
QString StudioSettings::annotateLastFolder() {
  return QSettings().value(kAnnotateLastFolder).toString();
}
void StudioSettings::setAnnotateLastFolder(const QString& folder) {
  QSettings().setValue(kAnnotateLastFolder, folder);
}

QString StudioSettings::annotateLabelsFile() {
  return QSettings().value(kAnnotateLabelsFile).toString();
}
void StudioSettings::setAnnotateLabelsFile(const QString& path) {
  QSettings().setValue(kAnnotateLabelsFile, path);
}
QString StudioSettings::annotateLabelFlagsFile() {
  return QSettings().value(kAnnotateLabelFlagsFile).toString();
}
void StudioSettings::setAnnotateLabelFlagsFile(const QString& path) {
  QSettings().setValue(kAnnotateLabelFlagsFile, path);
}

QString StudioSettings::trainRunsFolder() {
  return QSettings().value("train/runsFolder", QDir::homePath() + "/PolyTrain/runs").toString();
}
void StudioSettings::setTrainRunsFolder(const QString& folder) {
  QSettings().setValue("train/runsFolder", folder);
}

} // namespace polytrain::ui
