#pragma once
// Scanning one folder (recursively) for Labelme files and images, in natural order.
#include "core/dataset/dataset_item.h"

#include <string>
#include <vector>

namespace polytrain::dataset {

struct ScanResult {
  std::vector<DatasetItem> items;            // readable Labelme files whose image exists (or is embedded)
  std::vector<std::string> unlabelledImages; // image files no Labelme file refers to
  std::vector<Error> problems;               // unreadable JSON, missing image
  std::vector<Error> warnings;
};

struct ScanOptions {
  std::vector<std::string> skipNames; // file names in `folder` itself to leave alone (our own outputs)
  int threads = 0;                    // 0 = one per core
};

bool isImageFileName(const std::string& path);

ScanResult scanFolder(const std::string& folder, const ScanOptions& options = {});

} // namespace polytrain::dataset
