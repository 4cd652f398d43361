#pragma once
// Importing a COCO instances file so an existing COCO dataset can be trained on: every image becomes a dataset item
// whose document holds one shape per polygon (shapes of one annotation share a group_id, so they form one
// instance) or, for RLE segmentations (compressed or not), one Labelme mask shape.
#include "core/dataset/dataset_item.h"

#include <opencv2/core/mat.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polytrain::dataset {

struct CocoImport {
  std::vector<DatasetItem> items; // in the file's image order; images without annotations included
  ClassList classes;              // categories by ascending id: COCO ids need not be contiguous, ours are
  std::vector<Error> problems;    // the file cannot be used, or an image entry is broken (skipped)
  std::vector<Error> warnings;    // annotations skipped (unknown image or category, bad segmentation)
};

CocoImport importCoco(const std::string& path);

// A COCO RLE (counts as a list or as the compressed string pycocotools writes; column-major) as a 0/1 mask of
// `size`; nullopt when the counts do not add up to height * width.
std::optional<cv::Mat1b> decodeCocoRle(const nlohmann::json& counts, cv::Size size);

} // namespace polytrain::dataset
