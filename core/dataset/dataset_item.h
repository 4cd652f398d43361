#pragma once
// One annotated image of a dataset, and the dataset: its layout, classes, splits and what was wrong with it.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"
#include "core/dataset/class_list.h"

#include <string>
#include <vector>

namespace polytrain::dataset {

struct DatasetItem {
  std::string key;       // the annotation's path relative to its split folder, no extension, '/' separated
  std::string jsonPath;  // the Labelme file (for a COCO import: the COCO file)
  std::string imageFile; // the image file; empty when the image is embedded as imageData
  annotation::LabelmeDocument document;
};

enum class Layout {
  PixelLib,     // root/train and root/test, image + JSON pairs (PixelLib's load_dataset)
  SingleFolder, // one folder, split by a seeded class-stratified draw saved in split.json
  Coco,         // a COCO instances file (and optionally a second one for the test split)
};

enum class Split { Train, Test };

const char* layoutName(Layout layout);
const char* splitName(Split split);

struct Dataset {
  std::string root;
  Layout layout = Layout::SingleFolder;
  ClassList classes;
  std::vector<DatasetItem> train;
  std::vector<DatasetItem> test;
  std::vector<std::string> unlabelledImages; // images no annotation file refers to
  std::vector<Error> problems;               // broken JSON or image, missing image: the entry is skipped
  std::vector<Error> warnings;               // usable, but something was off (e.g. a label not in labels.txt)

  const std::vector<DatasetItem>& items(Split split) const { return split == Split::Train ? train : test; }
};

} // namespace polytrain::dataset
