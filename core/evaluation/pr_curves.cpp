#include "core/evaluation/pr_curves.h"

#include "core/evaluation/csv_text.h"

#include <algorithm>
#include <limits>

namespace polytrain::evaluation {

ClassCurves curvesFromOutcomes(const ClassOutcomes& outcomes, const std::vector<double>& recallLevels) {
  ClassCurves c;
  c.categoryId = outcomes.categoryId;
  c.groundTruths = outcomes.groundTruths;
  c.recallLevels = recallLevels;
  const size_t n = outcomes.scores.size();
  const double gt = static_cast<double>(outcomes.groundTruths);

  // Interpolated precision at the recall levels.
  std::vector<double> rc(n), pr(n);
  double tp = 0;
  for (size_t j = 0; j < n; ++j) {
    tp += outcomes.truePositive[j];
    rc[j] = gt > 0 ? tp / gt : 0;
    pr[j] = tp / (static_cast<double>(j + 1) + std::numeric_limits<double>::epsilon());
  }
  for (size_t j = n; j-- > 1;)
    pr[j - 1] = std::max(pr[j - 1], pr[j]);
  for (const double level : recallLevels) {
    if (outcomes.groundTruths == 0) {
      c.precisionAtRecall.push_back(-1);
      continue;
    }
    const size_t at = static_cast<size_t>(std::lower_bound(rc.begin(), rc.end(), level) - rc.begin());
    c.precisionAtRecall.push_back(at < n ? pr[at] : 0.0);
  }

  // Confidence sweep.
  for (int step = 0; step <= 100; ++step) {
    const double confidence = step / 100.0;
    size_t passed = 0, hits = 0;
    while (passed < n && outcomes.scores[passed] >= confidence)
      hits += outcomes.truePositive[passed++];
    const double p = passed == 0 ? 1.0 : static_cast<double>(hits) / static_cast<double>(passed);
    const double r = gt > 0 ? static_cast<double>(hits) / gt : 0.0;
    const double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    c.confidences.push_back(confidence);
    c.precision.push_back(p);
    c.recall.push_back(r);
    c.f1.push_back(f);
    if (f > c.bestF1) {
      c.bestF1 = f;
      c.bestF1Confidence = confidence;
    }
  }
  return c;
}

Curves computeCurves(const CocoEvaluator& evaluator, const GroundTruthSet& groundTruth,
                     const std::vector<Detection>& detections, IouType type, double iouThreshold) {
  Curves curves;
  curves.iouThreshold = iouThreshold;
  const std::vector<double> levels = linspace(0.0, 1.0, 101);
  for (const ClassOutcomes& outcomes : evaluator.outcomesAt(detections, type, iouThreshold)) {
    ClassCurves c = curvesFromOutcomes(outcomes, levels);
    if (const Category* category = groundTruth.category(c.categoryId))
      c.name = category->name;
    curves.classes.push_back(std::move(c));
  }
  // Mean over the classes with ground truth.
  ClassCurves mean;
  mean.categoryId = -1;
  mean.name = "all";
  mean.recallLevels = levels;
  mean.precisionAtRecall.assign(levels.size(), 0.0);
  mean.confidences = linspace(0.0, 1.0, 101);
  mean.precision.assign(101, 0.0);
  mean.recall.assign(101, 0.0);
  mean.f1.assign(101, 0.0);
  size_t counted = 0;
  for (const ClassCurves& c : curves.classes) {
    if (c.groundTruths == 0)
      continue;
    ++counted;
    mean.groundTruths += c.groundTruths;
    for (size_t i = 0; i < levels.size(); ++i)
      mean.precisionAtRecall[i] += c.precisionAtRecall[i];
    for (size_t i = 0; i < 101; ++i) {
      mean.precision[i] += c.precision[i];
      mean.recall[i] += c.recall[i];
      mean.f1[i] += c.f1[i];
    }
  }
  if (counted > 0) {
    const double scale = 1.0 / static_cast<double>(counted);
    for (double& v : mean.precisionAtRecall)
      v *= scale;
    for (size_t i = 0; i < 101; ++i) {
      mean.precision[i] *= scale;
      mean.recall[i] *= scale;
      mean.f1[i] *= scale;
      if (mean.f1[i] > mean.bestF1) {
        mean.bestF1 = mean.f1[i];
        mean.bestF1Confidence = mean.confidences[i];
      }
    }
  }
  curves.classes.push_back(std::move(mean));
  return curves;
}

std::string prCurveCsv(const Curves& curves) {
  std::string csv = "category_id,name,recall,precision\n";
  for (const ClassCurves& c : curves.classes)
    for (size_t i = 0; i < c.recallLevels.size(); ++i)
      csv += std::to_string(c.categoryId) + "," + csvField(c.name) + "," + csvNumber(c.recallLevels[i]) + "," +
             csvNumber(c.precisionAtRecall[i]) + "\n";
  return csv;
}

std::string f1CurveCsv(const Curves& curves) {
  std::string csv = "category_id,name,confidence,precision,recall,f1\n";
  for (const ClassCurves& c : curves.classes)
    for (size_t i = 0; i < c.confidences.size(); ++i)
      csv += std::to_string(c.categoryId) + "," + csvField(c.name) + "," + csvNumber(c.confidences[i]) + "," +
             csvNumber(c.precision[i]) + "," + csvNumber(c.recall[i]) + "," + csvNumber(c.f1[i]) + "\n";
  return csv;
}

} // namespace polytrain::evaluation
