#include "ui/dataset/dataset_snapshot.h"

#include "core/annotation/label_maps.h"
#include "core/dataset/dataset_scan.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <filesystem>
#include <unordered_map>

namespace polytrain::ui::dataset {

namespace core = polytrain::dataset;
namespace fs = std::filesystem;

namespace {

void countInstances(const core::DatasetItem& item, const core::ClassList& classes, DatasetEntry& entry) {
  for (const annotation::Instance& instance : annotation::groupInstances(item.document.shapes)) {
    if (const std::optional<int> id = classes.idOf(instance.label)) {
      ++entry.instancesPerClass[*id];
      ++entry.instances;
    }
  }
}

std::string siblingImage(const std::string& jsonPath) {
  for (const char* extension : {".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG", ".bmp", ".tif", ".tiff", ".webp"}) {
    const fs::path candidate = fs::path(jsonPath).replace_extension(extension);
    std::error_code error;
    if (fs::is_regular_file(candidate, error))
      return candidate.string();
  }
  return {};
}

bool isFile(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

} // namespace

const core::DatasetItem* DatasetSnapshot::item(const DatasetEntry& entry) const {
  if (entry.kind != EntryKind::Annotated || entry.split < 0)
    return nullptr;
  const auto& items = dataset.items(entry.split == 0 ? core::Split::Train : core::Split::Test);
  return entry.itemIndex >= 0 && static_cast<size_t>(entry.itemIndex) < items.size()
             ? &items[static_cast<size_t>(entry.itemIndex)]
             : nullptr;
}

std::string relativeToRoot(const std::string& root, const std::string& path) {
  if (root.empty())
    return path;
  const fs::path relative = fs::path(path).lexically_relative(fs::path(root));
  const std::string text = relative.generic_string();
  if (text.empty() || text.rfind("..", 0) == 0)
    return path;
  return text;
}

std::vector<DatasetEntry> buildEntries(const core::Dataset& dataset) {
  // A COCO root is a file: names are relative to its folder.
  std::error_code error;
  const std::string base =
      fs::is_regular_file(dataset.root, error) ? fs::path(dataset.root).parent_path().string() : dataset.root;
  std::unordered_map<std::string, std::vector<std::string>> issues;
  for (const auto* errors : {&dataset.problems, &dataset.warnings})
    for (const Error& one : *errors)
      issues[one.path].push_back(one.message());

  std::vector<DatasetEntry> entries;
  for (const core::Split split : {core::Split::Train, core::Split::Test}) {
    const auto& items = dataset.items(split);
    for (size_t i = 0; i < items.size(); ++i) {
      const core::DatasetItem& item = items[i];
      DatasetEntry entry;
      entry.kind = EntryKind::Annotated;
      entry.split = split == core::Split::Train ? 0 : 1;
      entry.itemIndex = static_cast<int>(i);
      entry.name = dataset.layout == core::Layout::Coco ? item.key : relativeToRoot(base, item.jsonPath);
      // Annotate opens the image (it finds the Labelme file beside it); an embedded image only through its JSON.
      entry.openPath = item.imageFile.empty() ? item.jsonPath : item.imageFile;
      countInstances(item, dataset.classes, entry);
      if (dataset.layout != core::Layout::Coco)
        if (const auto found = issues.find(item.jsonPath); found != issues.end())
          entry.issues = found->second;
      entries.push_back(std::move(entry));
    }
  }
  for (const std::string& image : dataset.unlabelledImages) {
    DatasetEntry entry;
    entry.kind = EntryKind::Unlabelled;
    entry.name = relativeToRoot(base, image);
    entry.openPath = image;
    entry.imagePath = image;
    entries.push_back(std::move(entry));
  }
  std::unordered_map<std::string, bool> listed;
  for (const Error& problem : dataset.problems) {
    if (problem.path == dataset.root || listed[problem.path] || !isFile(problem.path) ||
        dataset.layout == core::Layout::Coco)
      continue;
    listed[problem.path] = true;
    DatasetEntry entry;
    entry.kind = EntryKind::Problem;
    entry.name = relativeToRoot(base, problem.path);
    entry.openPath = problem.path;
    entry.imagePath = core::isImageFileName(problem.path) ? problem.path : siblingImage(problem.path);
    entry.issues = issues[problem.path];
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::shared_ptr<const DatasetSnapshot> openSnapshot(const QString& root, core::OpenOptions options) {
  QElapsedTimer clock;
  clock.start();
  const QFileInfo info(root);
  // split.json and classes.json go beside the data only where the user may write, and never into installed
  // package data (labelme-examples under /usr/share): root may write there, but it is not the user's dataset.
  const QString folder = QFileInfo(info.isDir() ? info.absoluteFilePath() : info.absolutePath()).canonicalFilePath();
  const bool installed = folder.startsWith("/usr/") || folder.startsWith("/opt/");
  options.saveFiles = options.saveFiles && !installed && QFileInfo(folder).isWritable();
  auto snapshot = std::make_shared<DatasetSnapshot>();
  snapshot->options = options;
  snapshot->dataset = core::openDataset(root.toStdString(), options);
  snapshot->stats = core::computeStats(snapshot->dataset);
  snapshot->entries = buildEntries(snapshot->dataset);
  snapshot->openMilliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  return snapshot;
}

} // namespace polytrain::ui::dataset
