#pragma once
// The runs under a runs folder, newest first. Selecting one reads its config.json, results.csv and iterations.csv
// on a worker thread and hands the result over on the GUI thread; a selection made meanwhile supersedes it.
#include "ui/train/run_history_loader.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QWidget>

class QLabel;
class QListWidget;
class QThread;

namespace polytrain::ui {

class RunHistoryView : public QWidget {
  Q_OBJECT
public:
  explicit RunHistoryView(const QString& runsFolder, QWidget* parent = nullptr);
  ~RunHistoryView() override; // waits for a load in progress (reading a few files)

  QString runsFolder() const { return runsFolder_; }
  void setRunsFolder(const QString& folder);
  void refresh();
  int runCount() const;
  QString selectedRun() const;
  // Selects the run at `path` in the list (which loads it); false when it is not listed.
  bool selectRun(const QString& path);

signals:
  void runLoaded(const polytrain::ui::LoadedRun& run);
  void selectionChanged(const QString& path); // empty when nothing is selected
  void runsFolderChanged(const QString& folder);

private:
  void load(const QString& path);

  QString runsFolder_;
  QLabel* folderLabel_;
  QListWidget* list_;
  QList<QThread*> loaders_;
  quint64 latestRequest_ = 0;
};

} // namespace polytrain::ui

Q_DECLARE_METATYPE(polytrain::ui::LoadedRun)
