// The Dataset mode's item models on real data (a generated shapes dataset, labelme-examples): every model passes
// QAbstractItemModelTester, and what they show agrees with core's own statistics computed independently here.
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/dataset/dataset.h"
#include "core/dataset/dataset_stats.h"
#include "dataset_test_support.h"
#include "ui/dataset/class_stats_model.h"
#include "ui/dataset/class_stats_panel.h"
#include "ui/dataset/dataset_filter_model.h"
#include "ui/dataset/dataset_grid_model.h"
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/problem_list_model.h"
#include "ui/dataset/thumbnail_renderer.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <map>

using namespace polytrain;
using namespace polytrain::ui::dataset;
using namespace polytrain::ui::dataset::testing;

namespace {

polytrain::dataset::OpenOptions readOnly() {
  polytrain::dataset::OpenOptions options;
  options.saveFiles = false;
  return options;
}

// Per split, class id -> instances, as the grid's rows report them.
std::map<int, std::map<int, int>> gridCounts(const DatasetGridModel& model) {
  std::map<int, std::map<int, int>> counts;
  for (int row = 0; row < model.rowCount(); ++row) {
    const DatasetEntry* entry = model.entry(row);
    for (const auto& [id, count] : entry->instancesPerClass)
      counts[entry->split][id] += count;
  }
  return counts;
}

int rowsAccepted(DatasetFilterModel& filter) {
  return filter.rowCount();
}

// Waits until every renderable row has its thumbnail (asking for each, as a view would).
bool renderAll(DatasetGridModel& model) {
  for (int row = 0; row < model.rowCount(); ++row)
    model.index(row).data(Qt::DecorationRole);
  return QTest::qWaitFor(
      [&] {
        for (int row = 0; row < model.rowCount(); ++row)
          if (!model.index(row).data(DatasetGridModel::ThumbnailReadyRole).toBool() &&
              model.entry(row)->kind != EntryKind::Problem)
            return false;
        return true;
      },
      60000);
}

} // namespace

TEST(DatasetModelsTest, GridOfADemoDatasetPassesTheTesterAndMatchesCoreStatistics) {
  const QString root = makeDemo("models-demo");
  const polytrain::dataset::Dataset oracle = polytrain::dataset::openDataset(root.toStdString(), readOnly());
  const polytrain::dataset::DatasetStats expected = polytrain::dataset::computeStats(oracle);
  ASSERT_EQ(oracle.train.size() + oracle.test.size(), 12u);

  DatasetGridModel grid;
  QAbstractItemModelTester gridTester(&grid, QAbstractItemModelTester::FailureReportingMode::Fatal);
  DatasetFilterModel filter;
  filter.setSourceModel(&grid);
  QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
  grid.setSnapshot(openSnapshot(root, readOnly()));

  ASSERT_EQ(grid.rowCount(), 12);
  EXPECT_EQ(filter.rowCount(), 12);
  const auto counts = gridCounts(grid);
  int instances = 0;
  for (int id = 1; id <= expected.classes.objectCount(); ++id) {
    const auto trainCount = expected.train.instancesPerClass.count(id) ? expected.train.instancesPerClass.at(id) : 0;
    const auto testCount = expected.test.instancesPerClass.count(id) ? expected.test.instancesPerClass.at(id) : 0;
    EXPECT_EQ(counts.count(0) && counts.at(0).count(id) ? counts.at(0).at(id) : 0, trainCount) << id;
    EXPECT_EQ(counts.count(1) && counts.at(1).count(id) ? counts.at(1).at(id) : 0, testCount) << id;
    instances += trainCount + testCount;
  }
  EXPECT_GT(instances, 12); // one to four shapes per image
  int fromRoles = 0;
  for (int row = 0; row < grid.rowCount(); ++row)
    fromRoles += grid.index(row).data(DatasetGridModel::InstancesRole).toInt();
  EXPECT_EQ(fromRoles, expected.train.instances + expected.test.instances);

  // Thumbnails arrive through the tester-watched dataChanged signals; the models stay consistent meanwhile.
  ASSERT_TRUE(renderAll(grid));
  EXPECT_EQ(grid.renderedCount(), 12);
  for (int row = 0; row < grid.rowCount(); ++row) {
    const QImage thumbnail = grid.thumbnail(row);
    EXPECT_EQ(thumbnail.size(), QSize(DatasetGridModel::kDefaultSide, DatasetGridModel::kDefaultSide)) << row;
  }
}

TEST(DatasetModelsTest, ClassStatisticsTableAndChartShowCoreCounts) {
  const QString root = makeDemo("models-stats", 16, 64, 11);
  const polytrain::dataset::DatasetStats expected =
      polytrain::dataset::computeStats(polytrain::dataset::openDataset(root.toStdString(), readOnly()));
  ClassStatsPanel panel;
  QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
  panel.setStats(openSnapshot(root, readOnly())->stats);

  const ClassStatsModel& model = *panel.model();
  ASSERT_EQ(model.rowCount(), 5); // circle, square, triangle, hexagon, star
  ASSERT_EQ(panel.trainBars()->data()->size(), 5);
  ASSERT_EQ(panel.testBars()->data()->size(), 5);
  for (int row = 0; row < 5; ++row) {
    const int id = row + 1;
    EXPECT_EQ(model.index(row, ClassStatsModel::ClassColumn).data().toString().toStdString(),
              expected.classes.names[static_cast<size_t>(id)]);
    const int train = expected.train.instancesPerClass.count(id) ? expected.train.instancesPerClass.at(id) : 0;
    const int test = expected.test.instancesPerClass.count(id) ? expected.test.instancesPerClass.at(id) : 0;
    EXPECT_EQ(model.index(row, ClassStatsModel::TrainColumn).data().toInt(), train);
    EXPECT_EQ(model.index(row, ClassStatsModel::TestColumn).data().toInt(), test);
    EXPECT_EQ(model.index(row, ClassStatsModel::TotalColumn).data().toInt(), train + test);
    EXPECT_DOUBLE_EQ(panel.trainBars()->data()->at(row)->key, id);
    EXPECT_DOUBLE_EQ(panel.trainBars()->data()->at(row)->value, train);
    EXPECT_DOUBLE_EQ(panel.testBars()->data()->at(row)->value, test);
  }
  EXPECT_TRUE(panel.summary().contains(
      QString("train: %1 images, %2 instances").arg(expected.train.images).arg(expected.train.instances)));
}

TEST(DatasetModelsTest, LabelmeExamplesOpenReadOnlyWithCoreCountsAndThumbnails) {
  ASSERT_TRUE(QDir(kLabelmeExamples).exists()) << "labelme-examples is not installed (packaging/install-deps.sh)";
  const polytrain::dataset::Dataset oracle =
      polytrain::dataset::openDataset(kLabelmeExamples.toStdString(), readOnly());
  const polytrain::dataset::DatasetStats expected = polytrain::dataset::computeStats(oracle);

  // Opened as the mode opens it: installed package data, so nothing is written beside it (not even as root).
  const auto snapshot = openSnapshot(kLabelmeExamples, {});
  EXPECT_FALSE(snapshot->options.saveFiles);
  EXPECT_TRUE(snapshot->dataset.problems.empty());
  EXPECT_EQ(snapshot->dataset.layout, polytrain::dataset::Layout::SingleFolder);
  EXPECT_EQ(snapshot->dataset.train.size() + snapshot->dataset.test.size(), 3u);
  EXPECT_EQ(snapshot->stats.classes.names, expected.classes.names);
  EXPECT_EQ(snapshot->stats.train.instances + snapshot->stats.test.instances,
            expected.train.instances + expected.test.instances);
  EXPECT_FALSE(QFileInfo::exists(kLabelmeExamples + "/split.json"));

  DatasetGridModel grid;
  QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::Fatal);
  grid.setSnapshot(snapshot);
  ASSERT_EQ(grid.rowCount(), 3);
  const auto counts = gridCounts(grid);
  for (const auto& [split, perClass] : counts)
    for (const auto& [id, count] : perClass) {
      const auto& splitStats = split == 0 ? expected.train : expected.test;
      EXPECT_EQ(count, splitStats.instancesPerClass.at(id)) << split << " " << id;
    }
  ASSERT_TRUE(renderAll(grid));
  for (int row = 0; row < 3; ++row) {
    EXPECT_FALSE(grid.thumbnail(row).isNull()) << row;
    EXPECT_FALSE(grid.index(row).data(DatasetGridModel::HasIssuesRole).toBool()) << row;
  }
  // Problems model: empty for this data, and still a valid model.
  ProblemListModel problems;
  QAbstractItemModelTester problemTester(&problems, QAbstractItemModelTester::FailureReportingMode::Fatal);
  problems.setDataset(snapshot->dataset);
  EXPECT_EQ(problems.rowCount(), static_cast<int>(snapshot->dataset.warnings.size()));
}

TEST(DatasetModelsTest, FiltersBySplitClassUnlabelledAndProblems) {
  const QString root = makeDemo("models-filters", 12, 64, 21);
  // One image nobody annotated, one Labelme file that is not JSON, one whose image is missing.
  QFile::copy(root + "/train/" + QDir(root + "/train").entryList({"*.png"}).first(), root + "/train/lonely.png");
  writeText(root + "/train/broken.json", "{ this is not json");
  QFile::copy(root + "/test/" + QDir(root + "/test").entryList({"*.json"}).first(), root + "/test/orphan.json");
  {
    annotation::LoadResult orphan = annotation::readLabelmeFile((root + "/test/orphan.json").toStdString());
    ASSERT_TRUE(orphan.ok());
    orphan.document->imagePath = "missing.png";
    orphan.document->imageData.reset();
    ASSERT_FALSE(annotation::writeLabelmeFile((root + "/test/orphan.json").toStdString(), *orphan.document));
  }
  const auto snapshot = openSnapshot(root, readOnly());
  const polytrain::dataset::Dataset& data = snapshot->dataset;
  ASSERT_EQ(data.unlabelledImages.size(), 1u);
  ASSERT_EQ(data.problems.size(), 2u);

  DatasetGridModel grid;
  DatasetFilterModel filter;
  filter.setSourceModel(&grid);
  QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
  grid.setSnapshot(snapshot);
  const int files = static_cast<int>(data.train.size() + data.test.size());
  EXPECT_EQ(grid.rowCount(), files + 1 + 2);

  filter.setSplitFilter(DatasetFilterModel::SplitFilter::Train);
  EXPECT_EQ(rowsAccepted(filter), static_cast<int>(data.train.size()));
  filter.setSplitFilter(DatasetFilterModel::SplitFilter::Test);
  EXPECT_EQ(rowsAccepted(filter), static_cast<int>(data.test.size()));
  filter.setSplitFilter(DatasetFilterModel::SplitFilter::All);

  for (int id = 1; id <= data.classes.objectCount(); ++id) {
    filter.setClassFilter(id);
    int expected = 0;
    for (const auto* items : {&data.train, &data.test})
      for (const auto& item : *items)
        for (const auto& shape : item.document.shapes)
          if (shape.label == data.classes.names[static_cast<size_t>(id)]) {
            ++expected;
            break;
          }
    EXPECT_EQ(rowsAccepted(filter), expected) << data.classes.names[static_cast<size_t>(id)];
    for (int row = 0; row < filter.rowCount(); ++row)
      EXPECT_TRUE(filter.index(row, 0).data(DatasetGridModel::ClassIdsRole).value<QList<int>>().contains(id));
  }
  filter.setClassFilter(0);

  filter.setStateFilter(DatasetFilterModel::StateFilter::Unlabelled);
  ASSERT_EQ(rowsAccepted(filter), 1);
  EXPECT_TRUE(filter.index(0, 0).data().toString().startsWith("lonely.png"));
  filter.setStateFilter(DatasetFilterModel::StateFilter::Problems);
  ASSERT_EQ(rowsAccepted(filter), 2);
  QStringList names;
  for (int row = 0; row < 2; ++row) {
    names << filter.index(row, 0).data().toString().section('\n', 0, 0);
    EXPECT_FALSE(filter.index(row, 0).data(DatasetGridModel::IssuesRole).toString().isEmpty());
  }
  names.sort();
  EXPECT_EQ(names, QStringList({"broken.json", "orphan.json"}));
  filter.setStateFilter(DatasetFilterModel::StateFilter::Annotated);
  EXPECT_EQ(rowsAccepted(filter), files);
  // Filters combine: train + unlabelled is empty (unlabelled images belong to no split).
  filter.setSplitFilter(DatasetFilterModel::SplitFilter::Train);
  filter.setStateFilter(DatasetFilterModel::StateFilter::Unlabelled);
  EXPECT_EQ(rowsAccepted(filter), 0);

  ProblemListModel problems;
  QAbstractItemModelTester problemTester(&problems, QAbstractItemModelTester::FailureReportingMode::Fatal);
  problems.setDataset(data);
  EXPECT_EQ(problems.problemCount(), 2);
  ASSERT_GE(problems.rowCount(), 2);
  QStringList files2;
  for (int row = 0; row < problems.problemCount(); ++row)
    files2 << problems.index(row, ProblemListModel::FileColumn).data().toString();
  files2.sort();
  EXPECT_EQ(files2, QStringList({"test/orphan.json", "train/broken.json"}));
  EXPECT_TRUE(problems.index(0, ProblemListModel::ReasonColumn).data().toString().size() > 5);
}

TEST(DatasetModelsTest, RendererDropsStaleGenerationsAndTheOldestQueuedJobs) {
  const QString root = makeDemo("models-renderer", 12, 64, 3);
  const auto snapshot = openSnapshot(root, readOnly());
  ThumbnailRenderer renderer(1);
  QSignalSpy rendered(&renderer, &ThumbnailRenderer::rendered);
  QSignalSpy dropped(&renderer, &ThumbnailRenderer::dropped);
  renderer.setSource(snapshot, {}, 64);
  renderer.setMaxPending(3);
  for (int row = 0; row < 12; ++row)
    renderer.request(row);
  renderer.waitForDone();
  QTest::qWait(20);
  // The worker takes a job or two while the requests pour in; beyond three waiting, the oldest were dropped.
  EXPECT_GE(dropped.count(), 4);
  EXPECT_LE(rendered.count(), 8);
  EXPECT_EQ(rendered.count() + dropped.count(), 12);
  // The newest requests are the ones drawn.
  QList<int> drawn;
  for (const auto& call : rendered)
    drawn << call.at(1).toInt();
  EXPECT_TRUE(drawn.contains(11));

  // A new generation: jobs queued for the old one are never delivered.
  rendered.clear();
  renderer.setMaxPending(100);
  for (int row = 0; row < 12; ++row)
    renderer.request(row);
  renderer.setSource(snapshot, Overlays{false, false, false}, 64);
  const int generation = renderer.generation();
  renderer.request(0);
  renderer.waitForDone();
  QTest::qWait(20);
  for (const auto& call : rendered)
    EXPECT_EQ(call.at(0).toInt(), generation);
  EXPECT_GE(rendered.count(), 1);
}
