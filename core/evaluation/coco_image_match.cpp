#include "core/evaluation/coco_image_match.h"

#include <algorithm>
#include <numeric>

namespace polytrain::evaluation {

size_t CellMatch::numRegularGt() const {
  return static_cast<size_t>(std::count(gtIgnored.begin(), gtIgnored.end(), uint8_t{0}));
}

CellMatch matchCell(const IouMatrix& ious, const std::vector<CellGroundTruth>& groundTruths,
                    const std::vector<double>& detectionScores, const std::vector<double>& detectionAreas,
                    const AreaRange& range, size_t maxDetections, const std::vector<double>& thresholds) {
  const size_t G = groundTruths.size();
  const size_t D = std::min(detectionScores.size(), maxDetections);
  const size_t T = thresholds.size();
  CellMatch cell;
  cell.numDetections = D;
  cell.numThresholds = T;
  cell.scores.assign(detectionScores.begin(), detectionScores.begin() + static_cast<std::ptrdiff_t>(D));
  cell.matched.assign(T * D, 0);
  cell.ignored.assign(T * D, 0);
  cell.matchedGt.assign(T * D, -1);
  cell.gtIgnored.resize(G);
  for (size_t g = 0; g < G; ++g) {
    const auto& gt = groundTruths[g];
    cell.gtIgnored[g] = (gt.ignore || gt.area < range.min || gt.area > range.max) ? 1 : 0;
  }
  // Regular ground truths first, keeping input order within each group (a stable sort on the ignore flag).
  std::vector<size_t> order(G);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cell.gtIgnored[a] < cell.gtIgnored[b]; });

  if (G > 0 && D > 0) {
    std::vector<uint8_t> gtTaken(G);
    for (size_t t = 0; t < T; ++t) {
      std::fill(gtTaken.begin(), gtTaken.end(), uint8_t{0});
      for (size_t d = 0; d < D; ++d) {
        double best = std::min(thresholds[t], 1 - 1e-10);
        int match = -1;
        for (const size_t g : order) {
          if (gtTaken[g] && !groundTruths[g].crowd)
            continue;
          // Once matched to a regular ground truth, stop at the first ignored one.
          if (match > -1 && !cell.gtIgnored[static_cast<size_t>(match)] && cell.gtIgnored[g])
            break;
          const double iou = ious.at(d, g);
          if (iou < best)
            continue;
          best = iou;
          match = static_cast<int>(g);
        }
        if (match == -1)
          continue;
        cell.ignored[t * D + d] = cell.gtIgnored[static_cast<size_t>(match)];
        cell.matched[t * D + d] = 1;
        cell.matchedGt[t * D + d] = match;
        gtTaken[static_cast<size_t>(match)] = 1;
      }
    }
  }
  for (size_t d = 0; d < D; ++d) {
    const bool outside = detectionAreas[d] < range.min || detectionAreas[d] > range.max;
    if (!outside)
      continue;
    for (size_t t = 0; t < T; ++t)
      if (!cell.matched[t * D + d])
        cell.ignored[t * D + d] = 1;
  }
  return cell;
}

} // namespace polytrain::evaluation
