#include "core/dataset/dataset_stats.h"

#include "core/annotation/label_maps.h"

#include <algorithm>
#include <cstdio>

namespace polytrain::dataset {
namespace {

SplitStats splitStats(const std::vector<DatasetItem>& items, const ClassList& classes) {
  SplitStats stats;
  for (const DatasetItem& item : items) {
    ++stats.images;
    int objects = 0;
    for (const annotation::Instance& instance : annotation::groupInstances(item.document.shapes)) {
      if (instance.label == kIgnoreLabel) {
        stats.ignoredShapes += static_cast<int>(instance.shapeIndices.size());
        continue;
      }
      const std::optional<int> id = classes.idOf(instance.label);
      if (!id) {
        stats.unknownLabels[instance.label] += static_cast<int>(instance.shapeIndices.size());
        continue;
      }
      ++stats.instancesPerClass[*id];
      ++stats.instances;
      ++objects;
    }
    if (objects == 0)
      ++stats.imagesWithoutObjects;
  }
  return stats;
}

std::string row(const std::string& name, const std::string& a, const std::string& b) {
  char line[256];
  std::snprintf(line, sizeof line, "  %-24s %10s %10s\n", name.c_str(), a.c_str(), b.c_str());
  return line;
}

int countOf(const SplitStats& stats, int id) {
  const auto found = stats.instancesPerClass.find(id);
  return found == stats.instancesPerClass.end() ? 0 : found->second;
}

} // namespace

DatasetStats computeStats(const Dataset& dataset) {
  DatasetStats stats;
  stats.layout = dataset.layout;
  stats.classes = dataset.classes;
  stats.train = splitStats(dataset.train, dataset.classes);
  stats.test = splitStats(dataset.test, dataset.classes);
  stats.unlabelledImages = static_cast<int>(dataset.unlabelledImages.size());
  stats.problems = static_cast<int>(dataset.problems.size());
  stats.warnings = static_cast<int>(dataset.warnings.size());
  return stats;
}

std::string formatStats(const DatasetStats& stats) {
  std::string text = std::string("layout: ") + layoutName(stats.layout) + "\n";
  text += "classes: " + std::to_string(stats.classes.objectCount()) + "\n";
  text += row("class (id)", "train", "test");
  for (int id = 1; id <= stats.classes.objectCount(); ++id)
    text += row(stats.classes.names[static_cast<size_t>(id)] + " (" + std::to_string(id) + ")",
                std::to_string(countOf(stats.train, id)), std::to_string(countOf(stats.test, id)));
  text += row("instances", std::to_string(stats.train.instances), std::to_string(stats.test.instances));
  text += row("images", std::to_string(stats.train.images), std::to_string(stats.test.images));
  text += row("images without objects", std::to_string(stats.train.imagesWithoutObjects),
              std::to_string(stats.test.imagesWithoutObjects));
  text += row("__ignore__ shapes", std::to_string(stats.train.ignoredShapes), std::to_string(stats.test.ignoredShapes));
  std::map<std::string, std::pair<int, int>> unknown;
  for (const auto& [label, count] : stats.train.unknownLabels)
    unknown[label].first += count;
  for (const auto& [label, count] : stats.test.unknownLabels)
    unknown[label].second += count;
  for (const auto& [label, counts] : unknown)
    text += row("not a class: " + label, std::to_string(counts.first), std::to_string(counts.second));
  text += "unlabelled images: " + std::to_string(stats.unlabelledImages) + "\n";
  text += "problems: " + std::to_string(stats.problems) + "\n";
  text += "warnings: " + std::to_string(stats.warnings) + "\n";
  return text;
}

} // namespace polytrain::dataset
