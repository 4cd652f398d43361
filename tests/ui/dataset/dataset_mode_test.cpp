// The Dataset mode driven as a user drives it, on the offscreen platform: open a dataset, watch the grid fill
// without stalling the event loop, filter, look at a sample, export COCO, change the split, open in Annotate.
#include "core/dataset/dataset.h"
#include "core/dataset/dataset_split.h"
#include "core/dataset/dataset_stats.h"
#include "dataset_test_support.h"
#include "ui/annotate/annotate_mode.h"
#include "ui/annotate/annotation_session.h"
#include "ui/annotate/file_list_model.h"
#include "ui/dataset/class_stats_model.h"
#include "ui/dataset/class_stats_panel.h"
#include "ui/dataset/dataset_filter_model.h"
#include "ui/dataset/dataset_grid_model.h"
#include "ui/dataset/dataset_mode.h"
#include "ui/dataset/image_frame.h"
#include "ui/dataset/problem_list_model.h"
#include "ui/dataset/sample_view.h"
#include "ui/dataset/thumbnail_renderer.h"
#include "ui/modes/studio_modes.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/main_window.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <gtest/gtest.h>

#include <iostream>

using namespace polytrain;
using namespace polytrain::ui;
using namespace polytrain::ui::dataset;
using namespace polytrain::ui::dataset::testing;

namespace {

// A Dataset mode with its actions registered and its page on screen.
struct DatasetHarness {
  DatasetHarness() {
    mode.registerActions(registry);
    mode.activate();
    mode.widget()->resize(1280, 800);
    mode.widget()->show();
  }
  ~DatasetHarness() { mode.widget()->hide(); }

  bool open(const QString& root) {
    QSignalSpy opened(&mode, &DatasetMode::datasetOpened);
    mode.open(root);
    return opened.wait(60000);
  }
  // Rows of the grid view that are on screen.
  QList<int> visibleRows() const {
    QList<int> rows;
    const QRect viewport = mode.gridView()->viewport()->rect();
    for (int row = 0; row < mode.filterModel()->rowCount(); ++row) {
      const QModelIndex index = mode.filterModel()->index(row, 0);
      if (mode.gridView()->visualRect(index).intersects(viewport))
        rows << mode.filterModel()->mapToSource(index).row();
    }
    return rows;
  }
  bool visibleThumbnailsReady() const {
    const QList<int> rows = visibleRows();
    for (int row : rows)
      if (!mode.gridModel()->index(row).data(DatasetGridModel::ThumbnailReadyRole).toBool())
        return false;
    return !rows.isEmpty();
  }

  ActionRegistry registry;
  DatasetMode mode;
};

polytrain::dataset::DatasetStats coreStats(const QString& root) {
  polytrain::dataset::OpenOptions options;
  options.saveFiles = false;
  return polytrain::dataset::computeStats(polytrain::dataset::openDataset(root.toStdString(), options));
}

} // namespace

TEST(DatasetModeTest, IsTheDatasetWorkspaceWithItsActions) {
  DatasetHarness h;
  EXPECT_EQ(h.mode.id(), "dataset");
  EXPECT_FALSE(h.mode.icon().pixmap(32, 32).isNull());
  for (const char* id :
       {"dataset.open", "dataset.reload", "dataset.showMasks", "dataset.showBoxes", "dataset.showLabels",
        "dataset.exportCoco", "dataset.changeSplit", "dataset.openInAnnotate", "dataset.newAugmentations"}) {
    QAction* action = h.registry.action(id);
    ASSERT_NE(action, nullptr) << id;
    EXPECT_FALSE(action->shortcut().isEmpty()) << id;
    EXPECT_FALSE(action->associatedObjects().isEmpty()) << id;
  }
  EXPECT_TRUE(h.registry.shortcutConflicts().isEmpty());
  // Nothing open: only open and the overlay toggles work.
  EXPECT_TRUE(h.registry.action("dataset.open")->isEnabled());
  EXPECT_TRUE(h.registry.action("dataset.showMasks")->isEnabled());
  for (const char* id : {"dataset.reload", "dataset.exportCoco", "dataset.changeSplit", "dataset.openInAnnotate"})
    EXPECT_FALSE(h.registry.action(id)->isEnabled()) << id;
  ASSERT_EQ(h.mode.dockWidgets().size(), 2);
  ASSERT_EQ(h.mode.toolBars().size(), 1);
  ASSERT_EQ(h.mode.menus().size(), 1);
}

TEST(DatasetModeTest, OpensADemoDatasetWithCoreCountsInGridStatisticsAndSampleView) {
  const QString root = makeDemo("mode-open");
  const polytrain::dataset::DatasetStats expected = coreStats(root);
  DatasetHarness h;
  ASSERT_TRUE(h.open(root));
  EXPECT_EQ(h.mode.gridModel()->rowCount(), expected.train.images + expected.test.images);
  EXPECT_EQ(h.mode.filterModel()->rowCount(), 12);
  EXPECT_EQ(h.mode.statsPanel()->model()->rowCount(), expected.classes.objectCount());
  EXPECT_EQ(h.mode.problemModel()->rowCount(), 0);
  EXPECT_TRUE(h.mode.statusText().contains(
      QString("%1 train and %2 test files").arg(expected.train.images).arg(expected.test.images)))
      << h.mode.statusText().toStdString();
  EXPECT_TRUE(h.registry.action("dataset.exportCoco")->isEnabled());
  EXPECT_FALSE(h.registry.action("dataset.changeSplit")->isEnabled()); // PixelLib: the split is the folders
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.visibleThumbnailsReady(); }, 30000));
  EXPECT_GE(h.visibleRows().size(), 6);

  // The first file is selected and shown large with its augmentations.
  EXPECT_EQ(h.mode.currentEntry(), 0);
  ASSERT_TRUE(QTest::qWaitFor([&] { return !h.mode.sampleView()->sampleFrame()->image().isNull(); }, 30000));
  for (ImageFrame* frame : h.mode.sampleView()->augmentationFrames())
    EXPECT_FALSE(frame->image().isNull());
  const int instances = h.mode.gridModel()->entry(0)->instances;
  EXPECT_TRUE(h.mode.sampleView()->caption().contains(QString("%1 instance").arg(instances)))
      << h.mode.sampleView()->caption().toStdString();
  const QImage before = h.mode.sampleView()->augmentationFrames().first()->image();
  QSignalSpy shown(h.mode.sampleView(), &SampleView::previewShown);
  h.registry.action("dataset.newAugmentations")->trigger();
  ASSERT_TRUE(shown.wait(30000));
  EXPECT_NE(h.mode.sampleView()->augmentationFrames().first()->image(), before);

  // Selecting another thumbnail shows that file.
  QSignalSpy shownAgain(h.mode.sampleView(), &SampleView::previewShown);
  h.mode.selectEntry(5);
  ASSERT_TRUE(shownAgain.wait(30000));
  EXPECT_EQ(h.mode.sampleView()->entry(), 5);
}

TEST(DatasetModeTest, OverlayTogglesRedrawTheThumbnails) {
  const QString root = makeDemo("mode-toggles", 6);
  DatasetHarness h;
  ASSERT_TRUE(h.open(root));
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.visibleThumbnailsReady(); }, 30000));
  const QImage full = h.mode.gridModel()->thumbnail(0);
  h.registry.action("dataset.showMasks")->setChecked(false);
  h.registry.action("dataset.showBoxes")->setChecked(false);
  h.registry.action("dataset.showLabels")->setChecked(false);
  EXPECT_EQ(h.mode.overlays(), (Overlays{false, false, false}));
  h.mode.gridView()->viewport()->update();
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.visibleThumbnailsReady(); }, 30000));
  const QImage plain = h.mode.gridModel()->thumbnail(0);
  EXPECT_NE(plain, full);
  const auto* item = h.mode.snapshot()->item(*h.mode.gridModel()->entry(0));
  EXPECT_EQ(plain, renderItemThumbnail(*item, h.mode.snapshot()->dataset.classes, {false, false, false},
                                       h.mode.gridModel()->thumbnailSide()));
}

TEST(DatasetModeTest, TheEventLoopStaysResponsiveWhileThousandsOfThumbnailsLoad) {
  constexpr int kFiles = 2000;
  const QString root = makeDemo("mode-latency", kFiles, 64, 17, 0);
  DatasetHarness h;
  ASSERT_TRUE(QTest::qWaitForWindowExposed(h.mode.widget()));
  LatencyProbe opening;
  ASSERT_TRUE(h.open(root)); // scanning the files happens on the loader's thread
  const qint64 openLateness = opening.worstLatenessMs();
  ASSERT_EQ(h.mode.gridModel()->rowCount(), kFiles);
  QScrollBar* bar = h.mode.gridView()->verticalScrollBar();
  // The batched layout of the items is spread over event-loop turns; wait until it is complete.
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        const QModelIndex last = h.mode.filterModel()->index(kFiles - 1, 0);
        return bar->maximum() > 0 && h.mode.gridView()->visualRect(last).isValid();
      },
      30000));

  LatencyProbe probe;
  QElapsedTimer clock;
  clock.start();
  // Scroll through the grid as a user flicking the wheel would, while thumbnails keep arriving.
  for (int step = 1; step <= 25; ++step) {
    bar->setValue(bar->maximum() * step / 25);
    QTest::qWait(40);
  }
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.visibleThumbnailsReady(); }, 60000));
  const qint64 lastPageMs = clock.elapsed();
  const int requested = h.mode.gridModel()->requestCount();
  std::cout << "open: " << h.mode.snapshot()->openMilliseconds << " ms for " << kFiles
            << " files, worst event-loop lateness " << openLateness << " ms; scrolling 25 pages: worst lateness "
            << probe.worstLatenessMs() << " ms over " << probe.ticks() << " ticks of 10 ms; last page ready "
            << lastPageMs << " ms after the first scroll; " << requested << " thumbnails requested, "
            << h.mode.gridModel()->renderedCount() << " rendered of " << kFiles << " ("
            << h.mode.gridModel()->renderer()->threadCount() << " worker threads)" << std::endl;
  EXPECT_GT(probe.ticks(), 40);
  EXPECT_LT(probe.worstLatenessMs(), 150);
  EXPECT_LT(openLateness, 150);
  // Virtualised: only rows that were on screen were ever asked for.
  EXPECT_LT(requested, kFiles / 2);
}

TEST(DatasetModeTest, FilterCombosNarrowTheGrid) {
  const QString root = makeDemo("mode-filters", 12, 64, 4);
  QFile::copy(root + "/train/" + QDir(root + "/train").entryList({"*.png"}).first(), root + "/train/extra.png");
  const polytrain::dataset::DatasetStats expected = coreStats(root);
  DatasetHarness h;
  ASSERT_TRUE(h.open(root));
  EXPECT_EQ(h.mode.filterModel()->rowCount(), 13);
  h.mode.splitFilter()->setCurrentIndex(h.mode.splitFilter()->findData(int(DatasetFilterModel::SplitFilter::Test)));
  EXPECT_EQ(h.mode.filterModel()->rowCount(), expected.test.images);
  h.mode.splitFilter()->setCurrentIndex(0);
  h.mode.stateFilter()->setCurrentIndex(
      h.mode.stateFilter()->findData(int(DatasetFilterModel::StateFilter::Unlabelled)));
  ASSERT_EQ(h.mode.filterModel()->rowCount(), 1);
  h.mode.stateFilter()->setCurrentIndex(0);
  // Clicking a class in the statistics panel filters by it.
  ASSERT_EQ(h.mode.classFilter()->count(), 1 + expected.classes.objectCount());
  emit h.mode.statsPanel()->classActivated(2);
  EXPECT_EQ(h.mode.classFilter()->currentData().toInt(), 2);
  EXPECT_EQ(h.mode.filterModel()->classFilter(), 2);
  for (int row = 0; row < h.mode.filterModel()->rowCount(); ++row)
    EXPECT_TRUE(
        h.mode.filterModel()->index(row, 0).data(DatasetGridModel::ClassIdsRole).value<QList<int>>().contains(2));
  EXPECT_LT(h.mode.filterModel()->rowCount(), 13);
}

TEST(DatasetModeTest, ExportCocoWritesTrainAndTestJson) {
  const QString root = makeDemo("mode-export");
  const QString out = freshFolder("mode-export-out");
  const polytrain::dataset::DatasetStats expected = coreStats(root);
  DatasetHarness h;
  ASSERT_TRUE(h.open(root));
  QSignalSpy exported(&h.mode, &DatasetMode::cocoExported);
  ASSERT_TRUE(h.mode.exportCoco(out));
  EXPECT_FALSE(h.registry.action("dataset.exportCoco")->isEnabled()); // while it runs
  ASSERT_TRUE(exported.wait(60000));
  const auto summary = exported.first().at(0).value<CocoExportSummary>();
  EXPECT_TRUE(summary.errors.isEmpty()) << summary.errors.join("\n").toStdString();
  EXPECT_EQ(summary.written.size(), 2);
  EXPECT_TRUE(h.registry.action("dataset.exportCoco")->isEnabled());
  for (const auto& [name, split] : {std::pair{"train.json", &expected.train}, std::pair{"test.json", &expected.test}}) {
    QFile file(out + "/" + name);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    const QJsonObject coco = QJsonDocument::fromJson(file.readAll()).object();
    EXPECT_EQ(coco.value("images").toArray().size(), split->images) << name;
    EXPECT_EQ(coco.value("annotations").toArray().size(), split->instances) << name;
    // labelme2coco exports a listed "_background_" as category 0 (the demo's labels.txt lists it).
    EXPECT_EQ(coco.value("categories").toArray().size(),
              expected.classes.objectCount() + (expected.classes.backgroundListed ? 1 : 0))
        << name;
  }
  EXPECT_TRUE(h.mode.statusText().contains("COCO export")) << h.mode.statusText().toStdString();

  // The exported files open again as a dataset (COCO layout, test.json beside train.json), thumbnails and all.
  ASSERT_TRUE(h.open(out + "/train.json"));
  EXPECT_EQ(h.mode.snapshot()->dataset.layout, polytrain::dataset::Layout::Coco);
  EXPECT_EQ(h.mode.gridModel()->rowCount(), expected.train.images + expected.test.images);
  EXPECT_EQ(h.mode.snapshot()->stats.train.instances, expected.train.instances);
  EXPECT_EQ(h.mode.snapshot()->stats.test.instances, expected.test.instances);
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.visibleThumbnailsReady(); }, 30000));
  for (int row = 0; row < h.mode.gridModel()->rowCount(); ++row)
    EXPECT_FALSE(h.mode.gridModel()->index(row).data(DatasetGridModel::HasIssuesRole).toBool())
        << h.mode.gridModel()->index(row).data(DatasetGridModel::IssuesRole).toString().toStdString();
}

TEST(DatasetModeTest, ChangeSplitDrawsANewSeededSplitOfASingleFolder) {
  const QString demo = makeDemo("mode-split-demo", 20, 64, 6);
  const QString root = freshFolder("mode-split");
  copyFiles(demo + "/train", root);
  copyFiles(demo + "/test", root);
  DatasetHarness h;
  ASSERT_TRUE(h.open(root));
  ASSERT_EQ(h.mode.snapshot()->dataset.layout, polytrain::dataset::Layout::SingleFolder);
  EXPECT_GE(h.mode.snapshot()->dataset.test.size(), 2u); // the default 0.2
  EXPECT_LE(h.mode.snapshot()->dataset.test.size(), 6u);
  EXPECT_TRUE(h.registry.action("dataset.changeSplit")->isEnabled());

  QSignalSpy opened(&h.mode, &DatasetMode::datasetOpened);
  ASSERT_TRUE(h.mode.changeSplit(0.5, 7));
  ASSERT_TRUE(opened.wait(60000));
  const auto& data = h.mode.snapshot()->dataset;
  EXPECT_EQ(data.train.size() + data.test.size(), 20u);
  EXPECT_GE(data.test.size(), 8u);
  EXPECT_LE(data.test.size(), 12u);
  Error error;
  const auto saved = polytrain::dataset::readSplitFile((root + "/split.json").toStdString(), &error);
  ASSERT_TRUE(saved) << error.message();
  EXPECT_EQ(saved->seed, 7u);
  EXPECT_DOUBLE_EQ(saved->testRatio, 0.5);
  EXPECT_EQ(saved->test.size(), data.test.size());
  // Core's split for this ratio and seed, drawn independently, is the one shown.
  std::vector<polytrain::dataset::SplitInput> inputs;
  for (const auto* items : {&data.train, &data.test})
    for (const auto& item : *items) {
      polytrain::dataset::SplitInput input{item.key, {}};
      for (const auto& shape : item.document.shapes)
        input.labels.insert(shape.label);
      inputs.push_back(input);
    }
  std::sort(inputs.begin(), inputs.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  const auto oracle = polytrain::dataset::stratifiedSplit(inputs, 0.5, 7);
  std::set<std::string> shownTest;
  for (const auto& item : data.test)
    shownTest.insert(item.key);
  EXPECT_EQ(shownTest, std::set<std::string>(oracle.test.begin(), oracle.test.end()));
  // The statistics follow the new split.
  EXPECT_EQ(h.mode.statsPanel()->model()->stats().test.images, static_cast<int>(data.test.size()));
}

TEST(DatasetModeTest, OpenInAnnotateSwitchesTheWindowToAnnotateWithThatFile) {
  const QString root = makeDemo("mode-annotate", 6);
  writeText(root + "/train/broken.json", "{ not json");
  MainWindow window(createStudioModes());
  window.show();
  DatasetMode* mode = nullptr;
  annotate::AnnotateMode* annotateMode = nullptr;
  for (Mode* candidate : window.modes()) {
    if (auto* found = qobject_cast<DatasetMode*>(candidate))
      mode = found;
    if (auto* found = qobject_cast<annotate::AnnotateMode*>(candidate))
      annotateMode = found;
  }
  ASSERT_NE(mode, nullptr);
  ASSERT_NE(annotateMode, nullptr);
  EXPECT_TRUE(window.actions().shortcutConflicts().isEmpty())
      << window.actions().shortcutConflicts().join("; ").toStdString();

  // --open routes a dataset folder to the Dataset mode through the same hook.
  QSignalSpy opened(mode, &DatasetMode::datasetOpened);
  ASSERT_TRUE(window.openInMode("dataset", root));
  EXPECT_EQ(window.currentMode(), mode);
  ASSERT_TRUE(opened.wait(60000));
  mode->selectEntry(2);
  const QString expected = QString::fromStdString(mode->gridModel()->entry(2)->openPath);
  ASSERT_TRUE(window.actions().action("dataset.openInAnnotate")->isEnabled());
  window.actions().action("dataset.openInAnnotate")->trigger();
  EXPECT_EQ(window.currentMode(), annotateMode);
  EXPECT_EQ(annotateMode->session()->files()->files(), QStringList{QFileInfo(expected).absoluteFilePath()});
  ASSERT_TRUE(QTest::qWaitFor([&] { return annotateMode->session()->document() != nullptr; }, 30000));

  // A problem's row opens its file in Annotate on double-click (activation).
  window.switchToMode("dataset");
  ASSERT_EQ(mode->problemModel()->problemCount(), 1);
  const QModelIndex problem = mode->problemModel()->index(0, ProblemListModel::FileColumn);
  emit mode->problemView()->activated(problem);
  EXPECT_EQ(window.currentMode(), annotateMode);
  EXPECT_EQ(annotateMode->session()->files()->files(),
            QStringList{QFileInfo(root + "/train/broken.json").absoluteFilePath()});
}

TEST(DatasetModeTest, ShortcutsActOnlyWhileTheModeIsShown) {
  MainWindow window(createStudioModes());
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QAction* masks = window.actions().action("dataset.showMasks");
  ASSERT_NE(masks, nullptr);
  ASSERT_TRUE(masks->isChecked());
  window.switchToMode("annotate");
  QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
  EXPECT_TRUE(masks->isChecked()); // the Dataset mode's toolbar and menu are hidden: its shortcut is not live
  window.switchToMode("dataset");
  QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
  EXPECT_FALSE(masks->isChecked());
  QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
  EXPECT_TRUE(masks->isChecked());
}
