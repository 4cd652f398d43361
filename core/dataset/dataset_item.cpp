#include "core/dataset/dataset_item.h"

namespace polytrain::dataset {

const char* layoutName(Layout layout) {
  switch (layout) {
  case Layout::PixelLib:
    return "PixelLib (train/ and test/)";
  case Layout::SingleFolder:
    return "single folder (seeded split)";
  case Layout::Coco:
    return "COCO";
  }
  return "?";
}

const char* splitName(Split split) {
  return split == Split::Train ? "train" : "test";
}

} // namespace polytrain::dataset
