#pragma once
// Parameters of COCO evaluation, defaulting to pycocotools' COCOeval Params for bbox/segm.
#include <string>
#include <vector>

namespace polytrain::evaluation {

struct AreaRange {
  std::string name;
  double min = 0;
  double max = 0; // both bounds inclusive, as in COCOeval
};

struct CocoParams {
  std::vector<double> iouThresholds;    // .50:.05:.95
  std::vector<double> recallThresholds; // 0:.01:1
  std::vector<int> maxDets;             // 1, 10, 100 (ascending; the last one truncates per image and class)
  std::vector<AreaRange> areaRanges;    // all, small, medium, large
  int threads = 0;                      // 0 = one per core

  static CocoParams standard();
};

// numpy.linspace(start, stop, num) value by value (start + i * step, the last value exactly `stop`), so that
// thresholds compare equal to pycocotools' ones when an IoU lands exactly on a threshold.
std::vector<double> linspace(double start, double stop, int num);

} // namespace polytrain::evaluation
