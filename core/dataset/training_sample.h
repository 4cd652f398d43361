#pragma once
// A training sample as plain OpenCV data (core/training turns batches of them into tensors): the image, and per
// instance a mask, a box and a class id.
#include "core/common/error.h"
#include "core/dataset/dataset_item.h"

#include <opencv2/core/mat.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polytrain::dataset {

class ImageCache;

// Box corners in pixels: (x1, y1) is the top-left mask pixel, (x2, y2) one past the bottom-right one, so that
// x2 - x1 is COCO's bbox width. torchvision's masks_to_boxes gives x2 - 1 and y2 - 1.
struct Box {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  float width() const { return x2 - x1; }
  float height() const { return y2 - y1; }
  bool operator==(const Box& other) const {
    return x1 == other.x1 && y1 == other.y1 && x2 == other.x2 && y2 == other.y2;
  }
};

struct TrainingSample {
  cv::Mat image;                // 8-bit, 3 channels, BGR (OpenCV's order); core/training converts to RGB
  std::vector<cv::Mat1b> masks; // one per instance, image size, 1 inside
  std::vector<Box> boxes;       // boxOfMask(masks[i])
  std::vector<int> labels;      // class ids, >= 1
  std::string source;           // the annotation file
};

// The smallest box around the mask's pixels; all zero when the mask is empty.
Box boxOfMask(const cv::Mat1b& mask);

struct DegenerateRule {
  int minPixels = 1; // instances with fewer mask pixels are dropped
  int minSide = 1;   // instances whose box is narrower or lower than this are dropped
};

// Drops instances breaking `rule`; returns how many were dropped.
int dropDegenerateInstances(TrainingSample& sample, const DegenerateRule& rule = {});

struct SampleResult {
  std::optional<TrainingSample> sample;
  std::vector<Error> errors;   // the image could not be loaded
  std::vector<Error> warnings; // unknown labels, shapes that cannot be drawn, dropped instances
  int droppedInstances = 0;
};

// Loads the image (through `cache` when given) and rasterises the instances of `item`.
SampleResult loadSample(const DatasetItem& item, const ClassList& classes, ImageCache* cache = nullptr,
                        const DegenerateRule& rule = {});

} // namespace polytrain::dataset
