#include "core/evaluation/coco_summary.h"

#include <cstdio>

namespace polytrain::evaluation {

std::string formatCocoSummary(const CocoEvaluation& e) {
  struct Line {
    bool ap;
    const char* iou;
    const char* area;
    size_t maxDetPosition;
  };
  static const Line kLines[12] = {
      {true, "0.50:0.95", "all", 2},    {true, "0.50", "all", 2},          {true, "0.75", "all", 2},
      {true, "0.50:0.95", "small", 2},  {true, "0.50:0.95", "medium", 2},  {true, "0.50:0.95", "large", 2},
      {false, "0.50:0.95", "all", 0},   {false, "0.50:0.95", "all", 1},    {false, "0.50:0.95", "all", 2},
      {false, "0.50:0.95", "small", 2}, {false, "0.50:0.95", "medium", 2}, {false, "0.50:0.95", "large", 2}};
  std::string text;
  char line[160];
  for (size_t n = 0; n < 12; ++n) {
    const Line& l = kLines[n];
    const auto& maxDets = e.params.maxDets;
    const int maxDet = maxDets.empty() ? 0 : maxDets[std::min(l.maxDetPosition, maxDets.size() - 1)];
    std::snprintf(line, sizeof line, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %0.3f\n",
                  l.ap ? "Average Precision" : "Average Recall", l.ap ? "(AP)" : "(AR)", l.iou, l.area, maxDet,
                  e.stats[n]);
    text += line;
  }
  return text;
}

} // namespace polytrain::evaluation
