#pragma once
// Shared by the Dataset mode tests: fresh folders, generated demo datasets, the Labelme examples, a latency probe.
#include "core/dataset/demo_data.h"
#include "tests/support/test_output.h"
#include "tests/ui/support/latency_probe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTimer>
#include <gtest/gtest.h>

#include <algorithm>

namespace polytrain::ui::dataset::testing {

// labelme-examples' instance segmentation data: 3 annotated VOC photos (read-only, under /usr/share).
inline const QString kLabelmeExamples = "/usr/share/doc/labelme-examples/examples/instance_segmentation/data_annotated";

// An empty folder under the test output directory, recreated for every call.
inline QString freshFolder(const QString& name) {
  const std::filesystem::path folder = polytrain::testing::emptiedTestOutput("ui/dataset/" + name.toStdString());
  QDir().mkpath(QString::fromStdString(folder.string()));
  return QString::fromStdString(folder.string());
}

// A PixelLib-layout demo dataset (train/, test/, labels.txt) of `images` shapes images of `side` pixels.
inline QString makeDemo(const QString& name, int images = 12, int side = 96, uint64_t seed = 5, int threads = 1) {
  const QString folder = freshFolder(name);
  polytrain::dataset::DemoOptions options;
  options.images = images;
  options.seed = seed;
  options.width = side;
  options.height = side;
  options.testRatio = 0.25;
  options.threads = threads;
  const polytrain::dataset::DemoResult result = polytrain::dataset::makeDemoDataset(folder.toStdString(), options);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.trainImages + result.testImages, images);
  return folder;
}

// Copies every file of `from` (no subfolders) into `to`.
inline void copyFiles(const QString& from, const QString& to) {
  QDir().mkpath(to);
  for (const QString& name : QDir(from).entryList(QDir::Files))
    QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name));
}

inline void writeText(const QString& path, const QByteArray& text) {
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
  file.write(text);
}

using LatencyProbe = polytrain::ui::testing::LatencyProbe;

} // namespace polytrain::ui::dataset::testing
