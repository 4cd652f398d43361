#pragma once
// Counts for `dataset stats` and the dataset browser: images and instances per class per split, unlabelled
// images, problems. Counted from the annotations alone (instances as grouped by (label, group_id)); no image is
// decoded.
#include "core/dataset/dataset_item.h"

#include <map>
#include <string>

namespace polytrain::dataset {

struct SplitStats {
  int images = 0;
  int imagesWithoutObjects = 0;
  int instances = 0;
  std::map<int, int> instancesPerClass;     // class id -> instances
  int ignoredShapes = 0;                    // "__ignore__"
  std::map<std::string, int> unknownLabels; // label -> shapes whose label is not a class
};

struct DatasetStats {
  Layout layout = Layout::SingleFolder;
  ClassList classes;
  SplitStats train;
  SplitStats test;
  int unlabelledImages = 0;
  int problems = 0;
  int warnings = 0;
};

DatasetStats computeStats(const Dataset& dataset);

// A plain-text table: one line per class with its train and test instance counts, then the totals.
std::string formatStats(const DatasetStats& stats);

} // namespace polytrain::dataset
