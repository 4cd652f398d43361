#pragma once
// One opened dataset as the Dataset mode shows it: core's Dataset and DatasetStats, and the flat list of grid
// entries (every annotated file of both splits, every unlabelled image, every file core had to skip). Immutable once
// built, shared by the GUI and the thumbnail workers.
#include "core/dataset/dataset.h"
#include "core/dataset/dataset_stats.h"

#include <QString>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace polytrain::ui::dataset {

enum class EntryKind { Annotated, Unlabelled, Problem };

struct DatasetEntry {
  EntryKind kind = EntryKind::Annotated;
  int split = -1;                       // 0 train, 1 test, -1 neither (unlabelled images, skipped files)
  int itemIndex = -1;                   // Annotated: index into dataset.items(split)
  std::string name;                     // relative to the root, '/' separated
  std::string openPath;                 // what Annotate opens for this entry
  std::string imagePath;                // Unlabelled: the image; Problem: an image of the same stem when there is one
  std::map<int, int> instancesPerClass; // class id -> instances, grouped as core's statistics group them
  int instances = 0;
  std::vector<std::string> issues; // core's problems and warnings about this file
};

struct DatasetSnapshot {
  polytrain::dataset::Dataset dataset;
  polytrain::dataset::DatasetStats stats;
  std::vector<DatasetEntry> entries;
  polytrain::dataset::OpenOptions options; // what it was opened with
  double openMilliseconds = 0;

  const polytrain::dataset::DatasetItem* item(const DatasetEntry& entry) const;
};

// The entries of `dataset`: train files, test files, unlabelled images, skipped files, each group in core's order.
std::vector<DatasetEntry> buildEntries(const polytrain::dataset::Dataset& dataset);

// Opens `root` with core's openDataset (split files are saved only where the folder is writable) and computes the
// statistics and entries. Runs on a worker thread.
std::shared_ptr<const DatasetSnapshot> openSnapshot(const QString& root, polytrain::dataset::OpenOptions options);

// "a/b.json" for a path under `root`, else the path itself.
std::string relativeToRoot(const std::string& root, const std::string& path);

} // namespace polytrain::ui::dataset
