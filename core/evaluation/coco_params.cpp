#include "core/evaluation/coco_params.h"

namespace polytrain::evaluation {

std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> values;
  if (num <= 0)
    return values;
  if (num == 1)
    return {start};
  const double step = (stop - start) / (num - 1);
  for (int i = 0; i < num; ++i)
    values.push_back(static_cast<double>(i) * step + start);
  values.back() = stop;
  return values;
}

CocoParams CocoParams::standard() {
  CocoParams p;
  p.iouThresholds = linspace(0.5, 0.95, 10);
  p.recallThresholds = linspace(0.0, 1.0, 101);
  p.maxDets = {1, 10, 100};
  p.areaRanges = {{"all", 0, 1e10}, {"small", 0, 32 * 32}, {"medium", 32 * 32, 96 * 96}, {"large", 96 * 96, 1e10}};
  return p;
}

} // namespace polytrain::evaluation
