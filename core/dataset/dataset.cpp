#include "core/dataset/dataset.h"

#include "core/common/atomic_file.h"
#include "core/dataset/coco_import.h"
#include "core/dataset/dataset_scan.h"
#include "core/dataset/dataset_split.h"

#include <filesystem>
#include <unordered_map>

namespace polytrain::dataset {
namespace fs = std::filesystem;

namespace {

bool isDirectory(const fs::path& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

bool isFile(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

void takeScan(ScanResult&& scan, std::vector<DatasetItem>& items, Dataset& dataset) {
  items = std::move(scan.items);
  dataset.unlabelledImages.insert(dataset.unlabelledImages.end(), scan.unlabelledImages.begin(),
                                  scan.unlabelledImages.end());
  dataset.problems.insert(dataset.problems.end(), scan.problems.begin(), scan.problems.end());
  dataset.warnings.insert(dataset.warnings.end(), scan.warnings.begin(), scan.warnings.end());
}

std::set<std::string> objectLabels(const DatasetItem& item) {
  std::set<std::string> labels;
  for (const auto& shape : item.document.shapes)
    if (shape.label != kIgnoreLabel && shape.label != kBackgroundLabel)
      labels.insert(shape.label);
  return labels;
}

void splitSingleFolder(Dataset& dataset, std::vector<DatasetItem>&& all, const OpenOptions& options) {
  std::vector<SplitInput> inputs;
  for (const DatasetItem& item : all)
    inputs.push_back({item.key, objectLabels(item)});
  const std::string splitPath = (fs::path(dataset.root) / kSplitFileName).string();
  SplitAssignment split;
  std::string before;
  if (isFile(splitPath)) {
    Error error;
    if (std::optional<SplitAssignment> saved = readSplitFile(splitPath, &error)) {
      before = splitToJson(*saved);
      split = extendSplit(*saved, inputs);
    } else {
      dataset.problems.push_back(error);
      split = stratifiedSplit(inputs, options.testRatio, options.seed);
    }
  } else {
    split = stratifiedSplit(inputs, options.testRatio, options.seed);
  }
  if (options.saveFiles) {
    const std::string text = splitToJson(split);
    if (text != before)
      if (std::optional<Error> failure = writeFileAtomically(splitPath, text))
        dataset.problems.push_back(*failure);
  }
  std::unordered_map<std::string, bool> isTest;
  for (const std::string& key : split.test)
    isTest[key] = true;
  for (DatasetItem& item : all)
    (isTest.count(item.key) ? dataset.test : dataset.train).push_back(std::move(item));
}

void chooseClasses(Dataset& dataset, const OpenOptions& options) {
  std::string labelsFile = options.labelsFile;
  if (labelsFile.empty() && isFile(fs::path(dataset.root) / "labels.txt"))
    labelsFile = (fs::path(dataset.root) / "labels.txt").string();
  if (!labelsFile.empty()) {
    Error error;
    if (std::optional<ClassList> classes = readLabelsFile(labelsFile, &error))
      dataset.classes = *classes;
    else
      dataset.problems.push_back(error);
    return;
  }
  const std::string classesPath = (fs::path(dataset.root) / kClassesFileName).string();
  ClassList saved;
  std::string before;
  if (isFile(classesPath)) {
    Error error;
    if (std::optional<ClassList> read = readClassesFile(classesPath, &error)) {
      saved = *read;
      before = classesToJson(saved);
    } else {
      dataset.problems.push_back(error);
    }
  }
  dataset.classes = extendClasses(saved, datasetLabels(dataset));
  if (options.saveFiles && !dataset.classes.empty()) {
    const std::string text = classesToJson(dataset.classes);
    if (text != before)
      if (std::optional<Error> failure = writeFileAtomically(classesPath, text))
        dataset.problems.push_back(*failure);
  }
}

void openCoco(Dataset& dataset) {
  dataset.layout = Layout::Coco;
  CocoImport train = importCoco(dataset.root);
  dataset.problems = train.problems;
  dataset.warnings = train.warnings;
  dataset.train = std::move(train.items);
  dataset.classes = train.classes;
  const fs::path path(dataset.root);
  if (path.filename() == "train.json" && isFile(path.parent_path() / "test.json")) {
    CocoImport test = importCoco((path.parent_path() / "test.json").string());
    if (test.classes.names != dataset.classes.names)
      dataset.problems.push_back({(path.parent_path() / "test.json").string(), "/categories",
                                  "categories differ from train.json's; test split not loaded"});
    else
      dataset.test = std::move(test.items);
    dataset.problems.insert(dataset.problems.end(), test.problems.begin(), test.problems.end());
    dataset.warnings.insert(dataset.warnings.end(), test.warnings.begin(), test.warnings.end());
  }
}

} // namespace

std::set<std::string> datasetLabels(const Dataset& dataset) {
  std::set<std::string> labels;
  for (const auto* items : {&dataset.train, &dataset.test})
    for (const DatasetItem& item : *items)
      for (const auto& shape : item.document.shapes)
        labels.insert(shape.label);
  return labels;
}

Dataset openDataset(const std::string& root, const OpenOptions& options) {
  Dataset dataset;
  dataset.root = root;
  if (isFile(root)) {
    openCoco(dataset);
    return dataset;
  }
  if (!isDirectory(root)) {
    dataset.problems.push_back({root, "", "is neither a folder nor a COCO file"});
    return dataset;
  }
  ScanOptions scanOptions;
  scanOptions.threads = options.threads;
  const fs::path base(root);
  if (isDirectory(base / "train")) {
    dataset.layout = Layout::PixelLib;
    takeScan(scanFolder((base / "train").string(), scanOptions), dataset.train, dataset);
    if (isDirectory(base / "test"))
      takeScan(scanFolder((base / "test").string(), scanOptions), dataset.test, dataset);
    else
      dataset.warnings.push_back({root, "", "has train/ but no test/: the test split is empty"});
  } else {
    dataset.layout = Layout::SingleFolder;
    scanOptions.skipNames = {"train.json", "test.json", kClassesFileName, kSplitFileName};
    std::vector<DatasetItem> all;
    takeScan(scanFolder(root, scanOptions), all, dataset);
    splitSingleFolder(dataset, std::move(all), options);
  }
  chooseClasses(dataset, options);
  return dataset;
}

} // namespace polytrain::dataset
