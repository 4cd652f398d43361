#pragma once
// The studio's persistent settings: every QSettings key lives here, nowhere else.
#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

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

  // The studio's language: "" follows the system locale, else a StudioTranslations code ("en", "zh_CN").
  // Read once at start; the --language option overrides it for one run.
  static QString language();
  static void setLanguage(const QString& code);

  // Keyboard shortcuts the user changed: action id -> QKeySequence::listToString(PortableText); "" means the user
  // removed every shortcut. Ids without an entry keep their default.
  static QHash<QString, QString> shortcutOverrides();
  static void setShortcutOverride(const QString& actionId, const QString& portableText);
  static void clearShortcutOverride(const QString& actionId);

  // Annotate mode.
  static bool annotateAutosave(); // default on
  static void setAnnotateAutosave(bool on);
  static bool annotateSaveImageData(); // default off
  static void setAnnotateSaveImageData(bool on);
  static bool annotateKeepPrevious(); // default off
  static void setAnnotateKeepPrevious(bool on);
  static bool annotateShowLabels(); // default on
  static void setAnnotateShowLabels(bool on);
  static QStringList annotateLabelHistory(); // most recent first
  static void setAnnotateLabelHistory(const QStringList& labels);
  static QStringList annotateImageFlagNames();
  static void setAnnotateImageFlagNames(const QStringList& names);
  static QString annotateLastFolder();
  static void setAnnotateLastFolder(const QString& folder);
  // Labelme's --labels file (one label per line) and --labelflags file (JSON) last loaded from the menu; "" none.
  static QString annotateLabelsFile();
  static void setAnnotateLabelsFile(const QString& path);
  static QString annotateLabelFlagsFile();
  static void setAnnotateLabelFlagsFile(const QString& path);

  // Train mode: where runs are created and the run history looks (default ~/PolyTrain/runs).
  static QString trainRunsFolder();
  static void setTrainRunsFolder(const QString& folder);
};

} // namespace polytrain::ui
