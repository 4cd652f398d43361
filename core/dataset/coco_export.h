#pragma once
// COCO instances export, as Labelme's labelme2coco.py: one image entry per Labelme file, one annotation per
// instance (shapes merged by (label, group_id)) whose segmentation lists its shapes' polygons (rectangle -> 4
// corners, circle -> polygon with labelme2coco's point count) and whose area and bbox ([x, y, w, h]) come from the
// instance's union mask; iscrowd 0. Unlike labelme2coco, image and annotation ids start at 1 (pycocotools treats
// annotation id 0 as "unmatched"), shapes that are not areas (line, linestrip, point, mask) get their mask's outline
// as polygons so that every polygon has >= 3 points, and instances without pixels are dropped with a warning.
#include "core/common/error.h"
#include "core/dataset/dataset_item.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace polytrain::dataset {

struct CocoExportOptions {
  std::string jsonFolder;    // file_name entries are relative to this folder (where the JSON is written)
  std::string extractFolder; // where images that exist only as imageData are written (PNG); default jsonFolder/images
  int threads = 0;           // 0 = one per core
};

struct CocoExport {
  nlohmann::ordered_json coco;
  int images = 0;
  int annotations = 0;
  int droppedInstances = 0;
  std::vector<Error> problems; // files left out (image missing or undecodable)
  std::vector<Error> warnings;
};

// The polygon(s) of one shape as labelme2coco writes them (flattened x, y, x, y, ...).
std::vector<std::vector<double>> shapePolygons(const annotation::LabelmeShape& shape, cv::Size imageSize);

CocoExport buildCoco(const std::vector<DatasetItem>& items, const ClassList& classes, const CocoExportOptions& options);

struct CocoWriteResult {
  std::vector<std::string> written; // train.json, test.json
  CocoExport train;
  CocoExport test;
  std::vector<Error> errors; // files that could not be written
};

// Writes train.json and test.json into `outFolder` (the dataset root when empty, as PixelLib does).
CocoWriteResult writeCocoSplits(const Dataset& dataset, const std::string& outFolder, int threads = 0);

} // namespace polytrain::dataset
