#pragma once
// Opening a dataset folder (or a COCO file): layout, classes, split, problems.
#include "core/dataset/dataset_item.h"

#include <cstdint>
#include <set>
#include <string>

namespace polytrain::dataset {

struct OpenOptions {
  std::string labelsFile; // a labels.txt; empty: ROOT/labels.txt when present, else classes.json + the data
  double testRatio = 0.2; // single-folder layout: share of files drawn for test (stratified by class)
  uint64_t seed = 0;      // single-folder layout: the split's seed when no split.json exists yet
  bool saveFiles = true;  // write split.json and classes.json beside the dataset so ids and split stay stable
  int threads = 0;        // for reading the JSON files; 0 = one per core
};

// ROOT is a folder with train/ and test/ (PixelLib), a single folder of image + JSON pairs, or a COCO
// instances JSON file (imported as the train split; a sibling "test.json" next to a "train.json" becomes test).
// Scans recursively; broken entries become problems and are skipped.
Dataset openDataset(const std::string& root, const OpenOptions& options = {});

// Every label used by the dataset's files (train and test), "__ignore__" included.
std::set<std::string> datasetLabels(const Dataset& dataset);

} // namespace polytrain::dataset
