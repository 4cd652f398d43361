#include "core/evaluation/coco_evaluator.h"

#include "core/common/parallel_for.h"
#include "core/evaluation/polygon_rle.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

namespace polytrain::evaluation {

struct CocoEvaluator::CellInput {
  std::vector<CellGroundTruth> groundTruths; // input order
  std::vector<size_t> groundTruthIndices;    // into gt_.instances
  std::vector<double> scores;                // descending, truncated to maxDets.back()
  std::vector<double> areas;
  IouMatrix ious;
};

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon(); // numpy.spacing(1)

template <typename T> std::vector<int64_t> sortedUniqueIds(const std::vector<T>& items) {
  std::vector<int64_t> ids;
  ids.reserve(items.size());
  for (const auto& item : items)
    ids.push_back(item.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

double meanOfValid(const std::vector<double>& values) {
  double sum = 0;
  size_t n = 0;
  for (const double v : values)
    if (v > -1) {
      sum += v;
      ++n;
    }
  return n == 0 ? -1.0 : sum / static_cast<double>(n);
}

size_t indexOf(const std::vector<double>& values, double wanted) {
  for (size_t i = 0; i < values.size(); ++i)
    if (std::abs(values[i] - wanted) < 1e-9)
      return i;
  return values.size();
}

// One detection of a class in accumulate(): where it sits in the matches.
struct Entry {
  double score;
  const CellMatch* cell;
  size_t d;
};

} // namespace

double CocoEvaluation::precisionAt(size_t t, size_t r, size_t k, size_t a, size_t m) const {
  const size_t R = params.recallThresholds.size(), K = categoryIds.size(), A = params.areaRanges.size(),
               M = params.maxDets.size();
  return precision[(((t * R + r) * K + k) * A + a) * M + m];
}

double CocoEvaluation::recallAt(size_t t, size_t k, size_t a, size_t m) const {
  const size_t K = categoryIds.size(), A = params.areaRanges.size(), M = params.maxDets.size();
  return recall[((t * K + k) * A + a) * M + m];
}

CocoEvaluator::CocoEvaluator(const GroundTruthSet& groundTruth, CocoParams params)
    : gt_(groundTruth), params_(std::move(params)) {
  imageIds_ = sortedUniqueIds(gt_.images);
  categoryIds_ = sortedUniqueIds(gt_.categories);
  for (size_t i = 0; i < imageIds_.size(); ++i)
    imageIndex_[imageIds_[i]] = i;
  imageSizes_.resize(imageIds_.size());
  for (const auto& info : gt_.images)
    imageSizes_[imageIndex_[info.id]] = {info.height, info.width};
  for (size_t k = 0; k < categoryIds_.size(); ++k)
    categoryIndex_[categoryIds_[k]] = k;
  gtCells_.resize(imageIds_.size() * categoryIds_.size());
  for (size_t n = 0; n < gt_.instances.size(); ++n) {
    const auto& g = gt_.instances[n];
    const auto image = imageIndex_.find(g.imageId);
    const auto category = categoryIndex_.find(g.categoryId);
    if (image == imageIndex_.end() || category == categoryIndex_.end())
      continue;
    gtCells_[category->second * imageIds_.size() + image->second].push_back(n);
  }
}

std::vector<std::vector<size_t>> CocoEvaluator::groupDetections(const std::vector<Detection>& detections) const {
  std::vector<std::vector<size_t>> cells(gtCells_.size());
  for (size_t n = 0; n < detections.size(); ++n) {
    const auto image = imageIndex_.find(detections[n].imageId);
    const auto category = categoryIndex_.find(detections[n].categoryId);
    if (image == imageIndex_.end() || category == categoryIndex_.end())
      continue;
    cells[category->second * imageIds_.size() + image->second].push_back(n);
  }
  return cells;
}

CocoEvaluator::CellInput CocoEvaluator::prepareCell(size_t k, size_t i, const std::vector<size_t>& detectionIndices,
                                                    const std::vector<Detection>& detections, IouType type,
                                                    std::vector<Rle>& rasterised) const {
  CellInput cell;
  const auto& gtIndices = gtCells_[k * imageIds_.size() + i];
  cell.groundTruthIndices = gtIndices;
  for (const size_t n : gtIndices) {
    const auto& g = gt_.instances[n];
    cell.groundTruths.push_back({g.ignore || g.iscrowd, g.iscrowd, g.area});
  }
  // Descending score, ties in input order (numpy's stable mergesort on -score), at most maxDets.back().
  std::vector<size_t> order = detectionIndices;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return detections[a].score > detections[b].score; });
  const size_t keep = params_.maxDets.empty() ? order.size() : static_cast<size_t>(params_.maxDets.back());
  if (order.size() > keep)
    order.resize(keep);

  std::vector<bool> crowd;
  for (const auto& g : cell.groundTruths)
    crowd.push_back(g.crowd);
  if (type == IouType::Box) {
    std::vector<const BoxXywh*> d, g;
    for (const size_t n : order) {
      d.push_back(&detections[n].box);
      cell.scores.push_back(detections[n].score);
      cell.areas.push_back(detections[n].area.value_or(detections[n].box.area()));
    }
    for (const size_t n : gtIndices)
      g.push_back(&gt_.instances[n].box);
    cell.ious = boxIouMatrix(d, g, crowd);
    return cell;
  }
  // Masks: a detection or ground truth without a mask is rasterised from its box, as pycocotools' loadRes does.
  const int height = imageSizes_[i].first, width = imageSizes_[i].second;
  rasterised.clear();
  rasterised.reserve(order.size() + gtIndices.size());
  std::vector<const Rle*> dRle, gRle;
  for (const size_t n : order) {
    const auto& det = detections[n];
    if (!det.mask)
      rasterised.push_back(boxToRle(det.box, height, width));
    dRle.push_back(det.mask ? &*det.mask : &rasterised.back());
    cell.scores.push_back(det.score);
    cell.areas.push_back(det.area.value_or(static_cast<double>(rleArea(*dRle.back()))));
  }
  for (const size_t n : gtIndices) {
    const auto& g = gt_.instances[n];
    if (!g.mask)
      rasterised.push_back(boxToRle(g.box, height, width));
    gRle.push_back(g.mask ? &*g.mask : &rasterised.back());
  }
  std::vector<MaskRef> d, g;
  for (const Rle* r : dRle)
    d.push_back(makeMaskRef(*r));
  for (const Rle* r : gRle)
    g.push_back(makeMaskRef(*r));
  cell.ious = maskIouMatrix(d, g, crowd);
  return cell;
}

CocoEvaluation CocoEvaluator::evaluate(const std::vector<Detection>& detections, IouType type) const {
  CocoEvaluation result;
  result.iouType = type;
  result.params = params_;
  result.categoryIds = categoryIds_;
  result.imageIds = imageIds_;
  result.threads = resolveThreadCount(params_.threads);
  const size_t I = imageIds_.size(), K = categoryIds_.size(), A = params_.areaRanges.size(),
               T = params_.iouThresholds.size(), R = params_.recallThresholds.size(), M = params_.maxDets.size();
  const auto detectionCells = groupDetections(detections);

  // evaluate(): one CellMatch per (category, area range, image); empty cells stay empty, like COCOeval's None.
  std::vector<std::optional<CellMatch>> matches(K * A * I);
  parallelFor(K * I, result.threads, [&](size_t c) {
    const size_t k = c / I, i = c % I;
    if (gtCells_[c].empty() && detectionCells[c].empty())
      return;
    std::vector<Rle> rasterised;
    const CellInput cell = prepareCell(k, i, detectionCells[c], detections, type, rasterised);
    const size_t maxDet = params_.maxDets.empty() ? cell.scores.size() : static_cast<size_t>(params_.maxDets.back());
    for (size_t a = 0; a < A; ++a)
      matches[(k * A + a) * I + i] = matchCell(cell.ious, cell.groundTruths, cell.scores, cell.areas,
                                               params_.areaRanges[a], maxDet, params_.iouThresholds);
  });

  // accumulate()
  result.precision.assign(T * R * K * A * M, -1.0);
  result.recall.assign(T * K * A * M, -1.0);
  std::vector<size_t> detectionCounts(K, 0);
  parallelFor(K, result.threads, [&](size_t k) {
    std::vector<Entry> entries;
    std::vector<double> tpSum, fpSum, rc, pr;
    for (size_t a = 0; a < A; ++a) {
      for (size_t m = 0; m < M; ++m) {
        const size_t maxDet = static_cast<size_t>(params_.maxDets[m]);
        entries.clear();
        size_t regularGt = 0;
        for (size_t i = 0; i < I; ++i) {
          const auto& cell = matches[(k * A + a) * I + i];
          if (!cell)
            continue;
          const size_t nd = std::min(cell->numDetections, maxDet);
          for (size_t d = 0; d < nd; ++d)
            entries.push_back({cell->scores[d], &*cell, d});
          regularGt += cell->numRegularGt();
        }
        if (a == 0 && m + 1 == M)
          detectionCounts[k] = entries.size();
        if (regularGt == 0)
          continue;
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry& p, const Entry& q) { return p.score > q.score; });
        const size_t nd = entries.size();
        for (size_t t = 0; t < T; ++t) {
          rc.resize(nd);
          pr.resize(nd);
          double tp = 0, fp = 0;
          for (size_t j = 0; j < nd; ++j) {
            const CellMatch& cell = *entries[j].cell;
            const size_t at = t * cell.numDetections + entries[j].d;
            if (!cell.ignored[at]) {
              if (cell.matched[at])
                tp += 1;
              else
                fp += 1;
            }
            rc[j] = tp / static_cast<double>(regularGt);
            pr[j] = tp / (fp + tp + kEps);
          }
          result.recall[((t * K + k) * A + a) * M + m] = nd > 0 ? rc.back() : 0.0;
          for (size_t j = nd; j-- > 1;)
            if (pr[j] > pr[j - 1])
              pr[j - 1] = pr[j];
          for (size_t r = 0; r < R; ++r) {
            const size_t at =
                static_cast<size_t>(std::lower_bound(rc.begin(), rc.end(), params_.recallThresholds[r]) - rc.begin());
            const size_t index = (((t * R + r) * K + k) * A + a) * M + m;
            // Recall levels beyond the reached recall keep precision 0.
            result.precision[index] = at < nd ? pr[at] : 0.0;
          }
          // pycocotools stops at the first unreachable level: all later ones are unreachable too (rc ascending).
        }
      }
    }
  });

  result.stats = summarizeStats(result);

  // Per-class AP: area all, the largest maxDets.
  const size_t t50 = indexOf(params_.iouThresholds, 0.5), t75 = indexOf(params_.iouThresholds, 0.75);
  for (size_t k = 0; k < K; ++k) {
    ClassAp row;
    row.categoryId = categoryIds_[k];
    if (const Category* category = gt_.category(categoryIds_[k]))
      row.name = category->name;
    std::vector<double> all, at50, at75, rec;
    for (size_t t = 0; t < T; ++t) {
      for (size_t r = 0; r < R; ++r) {
        const double p = result.precisionAt(t, r, k, 0, M - 1);
        all.push_back(p);
        if (t == t50)
          at50.push_back(p);
        if (t == t75)
          at75.push_back(p);
      }
      rec.push_back(result.recallAt(t, k, 0, M - 1));
    }
    row.ap = meanOfValid(all);
    row.ap50 = meanOfValid(at50);
    row.ap75 = meanOfValid(at75);
    row.ar100 = meanOfValid(rec);
    for (size_t i = 0; i < I; ++i)
      for (const size_t n : gtCells_[k * I + i])
        if (!gt_.instances[n].iscrowd && !gt_.instances[n].ignore)
          ++row.groundTruths;
    row.detections = detectionCounts[k];
    result.perClass.push_back(row);
  }
  return result;
}

std::vector<ClassOutcomes> CocoEvaluator::outcomesAt(const std::vector<Detection>& detections, IouType type,
                                                     double iouThreshold) const {
  const size_t I = imageIds_.size(), K = categoryIds_.size();
  const auto detectionCells = groupDetections(detections);
  std::vector<std::optional<CellMatch>> matches(K * I);
  const AreaRange all{"all", 0, 1e10};
  parallelFor(K * I, params_.threads, [&](size_t c) {
    if (gtCells_[c].empty() && detectionCells[c].empty())
      return;
    std::vector<Rle> rasterised;
    const CellInput cell = prepareCell(c / I, c % I, detectionCells[c], detections, type, rasterised);
    matches[c] =
        matchCell(cell.ious, cell.groundTruths, cell.scores, cell.areas, all, cell.scores.size(), {iouThreshold});
  });
  std::vector<ClassOutcomes> outcomes(K);
  for (size_t k = 0; k < K; ++k) {
    ClassOutcomes& out = outcomes[k];
    out.categoryId = categoryIds_[k];
    std::vector<std::pair<double, uint8_t>> rows;
    for (size_t i = 0; i < I; ++i) {
      const auto& cell = matches[k * I + i];
      if (!cell)
        continue;
      out.groundTruths += cell->numRegularGt();
      for (size_t d = 0; d < cell->numDetections; ++d)
        if (!cell->ignored[d])
          rows.emplace_back(cell->scores[d], cell->matched[d]);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& p, const auto& q) { return p.first > q.first; });
    for (const auto& [score, tp] : rows) {
      out.scores.push_back(score);
      out.truePositive.push_back(tp);
    }
  }
  return outcomes;
}

std::array<double, 12> summarizeStats(const CocoEvaluation& e) {
  const auto& p = e.params;
  const size_t T = p.iouThresholds.size(), R = p.recallThresholds.size(), K = e.categoryIds.size(),
               M = p.maxDets.size();
  auto areaIndex = [&](const char* name) {
    for (size_t a = 0; a < p.areaRanges.size(); ++a)
      if (p.areaRanges[a].name == name)
        return a;
    return p.areaRanges.size();
  };
  auto maxDetIndex = [&](size_t position) { return std::min(position, M - 1); };
  auto ap = [&](std::optional<double> iou, const char* area, size_t m) {
    const size_t a = areaIndex(area);
    if (a == p.areaRanges.size() || M == 0)
      return -1.0;
    std::vector<double> values;
    for (size_t t = 0; t < T; ++t) {
      if (iou && std::abs(p.iouThresholds[t] - *iou) > 1e-9)
        continue;
      for (size_t r = 0; r < R; ++r)
        for (size_t k = 0; k < K; ++k)
          values.push_back(e.precisionAt(t, r, k, a, m));
    }
    return meanOfValid(values);
  };
  auto ar = [&](const char* area, size_t m) {
    const size_t a = areaIndex(area);
    if (a == p.areaRanges.size() || M == 0)
      return -1.0;
    std::vector<double> values;
    for (size_t t = 0; t < T; ++t)
      for (size_t k = 0; k < K; ++k)
        values.push_back(e.recallAt(t, k, a, m));
    return meanOfValid(values);
  };
  const size_t m100 = maxDetIndex(2);
  return {ap(std::nullopt, "all", m100),
          ap(0.5, "all", m100),
          ap(0.75, "all", m100),
          ap(std::nullopt, "small", m100),
          ap(std::nullopt, "medium", m100),
          ap(std::nullopt, "large", m100),
          ar("all", maxDetIndex(0)),
          ar("all", maxDetIndex(1)),
          ar("all", m100),
          ar("small", m100),
          ar("medium", m100),
          ar("large", m100)};
}

} // namespace polytrain::evaluation
