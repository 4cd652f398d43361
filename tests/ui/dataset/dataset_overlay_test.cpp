// The pictures the Dataset mode draws, checked against core's own rasterisation: masks tint exactly the pixels of
// the instances core rasterises (scaled as the thumbnail is), boxes are drawn on the boxes of those masks, and the
// sample view's augmentations are seeded.
#include "core/annotation/image_loading.h"
#include "core/dataset/dataset.h"
#include "core/dataset/instance_masks.h"
#include "dataset_test_support.h"
#include "ui/dataset/dataset_grid_model.h"
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_rendering.h"

#include <QTest>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

using namespace polytrain;
using namespace polytrain::ui::dataset;
using namespace polytrain::ui::dataset::testing;
namespace core = polytrain::dataset;

namespace {

core::OpenOptions readOnly() {
  core::OpenOptions options;
  options.saveFiles = false;
  return options;
}

// Core's instance masks of `item`, united, scaled (nearest neighbour) to `size`, placed on a side x side tile.
cv::Mat1b expectedUnionOnTile(const core::DatasetItem& item, const core::ClassList& classes, cv::Size size, int side) {
  const annotation::ImageLoadResult image = annotation::loadDocumentImage(item.document, item.jsonPath);
  const core::InstanceMasks instances = core::rasteriseInstances(item.document, image.image.size(), classes);
  cv::Mat1b all = cv::Mat1b::zeros(image.image.size());
  for (const core::InstanceMask& instance : instances.instances)
    all |= instance.mask;
  cv::Mat1b scaled;
  cv::resize(all, scaled, size, 0, 0, cv::INTER_NEAREST);
  cv::Mat1b tile = cv::Mat1b::zeros(side, side);
  scaled.copyTo(tile(cv::Rect((side - size.width) / 2, (side - size.height) / 2, size.width, size.height)));
  return tile;
}

cv::Mat1b changedPixels(const QImage& a, const QImage& b) {
  EXPECT_EQ(a.size(), b.size());
  cv::Mat1b changed = cv::Mat1b::zeros(a.height(), a.width());
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x)
      changed(y, x) = a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
  return changed;
}

cv::Size fitted(cv::Size size, int side) {
  const int longer = std::max(size.width, size.height);
  if (longer <= side)
    return size;
  const double scale = static_cast<double>(side) / longer;
  return {static_cast<int>(std::lround(size.width * scale)), static_cast<int>(std::lround(size.height * scale))};
}

void expectMasksTintCoreInstances(const core::Dataset& data, int side) {
  const Overlays none{false, false, false};
  const Overlays masks{true, false, false};
  int checked = 0;
  for (const auto* items : {&data.train, &data.test})
    for (const core::DatasetItem& item : *items) {
      const QImage plain = renderItemThumbnail(item, data.classes, none, side);
      const QImage tinted = renderItemThumbnail(item, data.classes, masks, side);
      ASSERT_FALSE(plain.isNull()) << item.jsonPath;
      const annotation::ImageLoadResult image = annotation::loadDocumentImage(item.document, item.jsonPath);
      const cv::Mat1b expected = expectedUnionOnTile(item, data.classes, fitted(image.image.size(), side), side);
      const cv::Mat1b changed = changedPixels(plain, tinted);
      const int expectedPixels = cv::countNonZero(expected);
      ASSERT_GT(expectedPixels, 0) << item.jsonPath;
      // Every tinted pixel is inside an instance; (almost) every instance pixel is tinted: a pixel whose colour the
      // tint leaves unchanged (a colour equal to its own tint) is the only exception.
      EXPECT_EQ(cv::countNonZero(changed & ~expected), 0) << item.jsonPath;
      EXPECT_GE(cv::countNonZero(changed & expected), expectedPixels * 99 / 100) << item.jsonPath;
      ++checked;
    }
  EXPECT_GT(checked, 0);
}

} // namespace

TEST(DatasetOverlayTest, MaskTintCoversExactlyCoreInstancesOnDemoThumbnails) {
  const QString root = makeDemo("overlay-demo", 12, 96, 8);
  expectMasksTintCoreInstances(core::openDataset(root.toStdString(), readOnly()), 160);
}

TEST(DatasetOverlayTest, MaskTintCoversExactlyCoreInstancesOnScaledLabelmeExamples) {
  ASSERT_TRUE(QDir(kLabelmeExamples).exists()) << "labelme-examples is not installed";
  expectMasksTintCoreInstances(core::openDataset(kLabelmeExamples.toStdString(), readOnly()), 160);
}

TEST(DatasetOverlayTest, BoxesAreDrawnOnTheBoxesOfTheMasks) {
  const QString root = makeDemo("overlay-boxes", 6, 96, 9);
  const core::Dataset data = core::openDataset(root.toStdString(), readOnly());
  const int side = 160;
  const int offset = (side - 96) / 2;
  for (const core::DatasetItem& item : data.train) {
    const QImage plain = renderItemThumbnail(item, data.classes, {false, false, false}, side);
    const QImage boxed = renderItemThumbnail(item, data.classes, {false, true, false}, side);
    const cv::Mat1b changed = changedPixels(plain, boxed);
    const core::SampleResult sample = core::loadSample(item, data.classes);
    ASSERT_TRUE(sample.sample);
    cv::Mat1b outlines = cv::Mat1b::zeros(side, side);
    for (const core::Box& box : sample.sample->boxes)
      cv::rectangle(outlines, cv::Point(offset + static_cast<int>(box.x1), offset + static_cast<int>(box.y1)),
                    cv::Point(offset + static_cast<int>(box.x2) - 1, offset + static_cast<int>(box.y2) - 1),
                    cv::Scalar(1), 1);
    EXPECT_EQ(cv::countNonZero(changed & ~outlines), 0) << item.jsonPath;
    EXPECT_GE(cv::countNonZero(changed), cv::countNonZero(outlines) * 9 / 10) << item.jsonPath;
  }
}

TEST(DatasetOverlayTest, GridThumbnailsAreTheRenderedOverlaysAndFollowTheToggles) {
  const QString root = makeDemo("overlay-grid", 4, 96, 10);
  const auto snapshot = openSnapshot(root, readOnly());
  DatasetGridModel grid;
  grid.setSnapshot(snapshot);
  const auto waitAll = [&] {
    for (int row = 0; row < grid.rowCount(); ++row)
      grid.index(row).data(Qt::DecorationRole);
    return QTest::qWaitFor(
        [&] {
          for (int row = 0; row < grid.rowCount(); ++row)
            if (grid.thumbnail(row).isNull())
              return false;
          return true;
        },
        30000);
  };
  ASSERT_TRUE(waitAll());
  for (int row = 0; row < grid.rowCount(); ++row) {
    const core::DatasetItem* item = snapshot->item(*grid.entry(row));
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(grid.thumbnail(row), renderItemThumbnail(*item, snapshot->dataset.classes, {}, grid.thumbnailSide()));
  }
  const Overlays masksOnly{true, false, false};
  grid.setOverlays(masksOnly);
  EXPECT_TRUE(grid.thumbnail(0).isNull()); // the cache went with the old overlays
  ASSERT_TRUE(waitAll());
  for (int row = 0; row < grid.rowCount(); ++row)
    EXPECT_EQ(grid.thumbnail(row), renderItemThumbnail(*snapshot->item(*grid.entry(row)), snapshot->dataset.classes,
                                                       masksOnly, grid.thumbnailSide()));
}

TEST(DatasetOverlayTest, SamplePreviewHasSeededAugmentationsOfTheTrainingInstances) {
  const QString root = makeDemo("overlay-preview", 4, 96, 12);
  const core::Dataset data = core::openDataset(root.toStdString(), readOnly());
  const core::DatasetItem& item = data.train.front();
  const SamplePreview a = renderSamplePreview(item, data.classes, {}, 720, 6, 96, 42);
  const SamplePreview b = renderSamplePreview(item, data.classes, {}, 720, 6, 96, 42);
  const SamplePreview c = renderSamplePreview(item, data.classes, {}, 720, 6, 96, 43);
  ASSERT_TRUE(a.error.isEmpty()) << a.error.toStdString();
  EXPECT_EQ(a.sample.size(), QSize(96, 96)); // never enlarged
  EXPECT_EQ(a.instances, static_cast<int>(core::loadSample(item, data.classes).sample->masks.size()));
  ASSERT_EQ(a.augmentations.size(), 6);
  ASSERT_EQ(a.captions.size(), 6);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(a.augmentations[i], b.augmentations[i]) << i; // same seed, same pictures
  int differing = 0;
  for (int i = 0; i < 6; ++i)
    differing += a.augmentations[i] != c.augmentations[i] ? 1 : 0;
  EXPECT_GE(differing, 5);
  int unlikeTheSample = 0;
  for (const QImage& augmentation : a.augmentations)
    unlikeTheSample += augmentation != a.sample ? 1 : 0;
  EXPECT_EQ(unlikeTheSample, 6); // colour jitter alone changes every one
}
