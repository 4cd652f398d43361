#pragma once
// The Dataset workspace: see what the model will see before training. A dataset root opens on a worker thread;
// the grid shows every file as a thumbnail with core's overlays (rendered on worker threads, cached); filters by
// split, class and state; the sample view shows the selected file large with N augmentations; docks hold the class
// statistics chart and the problems core found. Actions (dataset_actions.cpp): open, reload, overlay toggles,
// export COCO, change the split, open in Annotate, new augmentations.
#include "ui/dataset/coco_export_job.h"
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_rendering.h"
#include "ui/shell/mode.h"

#include <QHash>
#include <QPointer>

#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QStackedWidget;
class QTableView;

namespace polytrain::ui::dataset {

class ClassStatsPanel;
class DatasetFilterModel;
class DatasetGridModel;
class DatasetLoader;
class ProblemListModel;
class SampleView;

class DatasetMode : public Mode {
  Q_OBJECT
public:
  explicit DatasetMode(QObject* parent = nullptr);
  ~DatasetMode() override;

  QString id() const override { return QStringLiteral("dataset"); }
  QString title() const override { return tr("Dataset"); }
  QIcon icon() const override { return QIcon(QStringLiteral(":/icons/mode-dataset.svg")); }
  QWidget* widget() override { return page_; }
  QList<QToolBar*> toolBars() override;
  QList<QDockWidget*> dockWidgets() override;
  QList<QMenu*> menus() override;
  void registerActions(ActionRegistry& registry) override;
  void activate() override;
  void deactivate() override;
  // A dataset folder or a COCO instances file.
  bool openPath(const QString& path) override;

  // Opens `root` in the background; datasetOpened() follows.
  void open(const QString& root);
  void reload();
  bool isLoading() const;
  std::shared_ptr<const DatasetSnapshot> snapshot() const { return snapshot_; }

  void setOverlays(const Overlays& overlays);
  Overlays overlays() const { return overlays_; }
  // Writes train.json and test.json into `folder` in the background; cocoExported() follows. False when it cannot
  // start (no dataset, an export running).
  bool exportCoco(const QString& folder);
  // Draws a new split of a single-folder dataset (core's stratified split) and reopens it. False for other layouts.
  bool changeSplit(double testRatio, uint64_t seed);
  // Asks the window to open the entry's file in the Annotate mode.
  bool openInAnnotate(int entry);
  bool openPathInAnnotate(const QString& path);

  // The entry (row of gridModel()) selected in the grid, or -1.
  int currentEntry() const;
  void selectEntry(int entry);

  DatasetGridModel* gridModel() const { return grid_; }
  DatasetFilterModel* filterModel() const { return filter_; }
  QListView* gridView() const { return gridView_; }
  ClassStatsPanel* statsPanel() const { return stats_; }
  ProblemListModel* problemModel() const { return problems_; }
  QTableView* problemView() const { return problemView_; }
  SampleView* sampleView() const { return sampleView_; }
  QComboBox* splitFilter() const { return splitCombo_; }
  QComboBox* classFilter() const { return classCombo_; }
  QComboBox* stateFilter() const { return stateCombo_; }
  QString statusText() const;
  QAction* action(const QString& name) const { return actions_.value(name); } // "dataset.<name>" once registered

signals:
  void datasetOpened();
  void cocoExported(const polytrain::ui::dataset::CocoExportSummary& summary);

private:
  void buildPage();
  void buildDocks();
  QAction* addAction(ActionRegistry& registry, const QString& name, const QString& text, const QKeySequence& shortcut,
                     const QString& tip, bool needsDataset);
  void load(const QString& root, const polytrain::dataset::OpenOptions& options);
  void onOpened(int requestId, std::shared_ptr<const DatasetSnapshot> snapshot);
  void onExported(const CocoExportSummary& summary);
  void applyFilters();
  void fillClassFilter();
  void updateShownCount();
  void updateActions();
  void onCurrentChanged();
  void showMessage(const QString& text);

  // Action handlers (dataset_actions.cpp).
  void openDialog();
  void exportDialog();
  void splitDialog();

  std::shared_ptr<const DatasetSnapshot> snapshot_;
  QString root_;
  Overlays overlays_;
  DatasetLoader* loader_;
  CocoExportJob* exporter_;
  DatasetGridModel* grid_;
  DatasetFilterModel* filter_;
  ProblemListModel* problems_;
  QHash<QString, QAction*> actions_;

  QPointer<QWidget> page_;
  QStackedWidget* stack_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  QLabel* header_ = nullptr;
  QLabel* shownLabel_ = nullptr;
  QLabel* status_ = nullptr;
  QListView* gridView_ = nullptr;
  QComboBox* splitCombo_ = nullptr;
  QComboBox* classCombo_ = nullptr;
  QComboBox* stateCombo_ = nullptr;
  SampleView* sampleView_ = nullptr;
  ClassStatsPanel* stats_ = nullptr;
  QTableView* problemView_ = nullptr;
  QPointer<QDockWidget> statsDock_;
  QPointer<QDockWidget> problemsDock_;
  QPointer<QToolBar> toolBar_;
  QPointer<QMenu> menu_;
};

} // namespace polytrain::ui::dataset
