#include "core/dataset/dataset_scan.h"

#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "core/common/parallel_for.h"
#include "core/common/text.h"
#include "core/dataset/natural_sort.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace polytrain::dataset {
namespace fs = std::filesystem;

namespace {

std::string normalised(const fs::path& path) {
  return path.lexically_normal().string();
}

struct Parsed {
  std::optional<DatasetItem> item;
  std::vector<Error> problems;
  std::vector<Error> warnings;
};

Parsed parseOne(const fs::path& folder, const fs::path& jsonPath) {
  Parsed parsed;
  annotation::LoadResult loaded = annotation::readLabelmeFile(jsonPath.string());
  parsed.warnings = std::move(loaded.warnings);
  if (!loaded.ok()) {
    parsed.problems = std::move(loaded.errors);
    return parsed;
  }
  DatasetItem item;
  item.jsonPath = jsonPath.string();
  fs::path relative = jsonPath.lexically_relative(folder);
  relative.replace_extension();
  item.key = relative.generic_string();
  item.document = std::move(*loaded.document);
  item.imageFile = annotation::resolveImagePath(item.document, item.jsonPath);
  if (item.imageFile.empty() && !item.document.imageData) {
    parsed.problems.push_back(
        {item.jsonPath, "/imagePath", "image \"" + item.document.imagePath + "\" not found (and no imageData)"});
    return parsed;
  }
  parsed.item = std::move(item);
  return parsed;
}

} // namespace

bool isImageFileName(const std::string& path) {
  static const std::set<std::string> kExtensions = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"};
  return kExtensions.count(lowerExtension(path)) > 0;
}

ScanResult scanFolder(const std::string& folder, const ScanOptions& options) {
  ScanResult result;
  std::vector<std::string> jsonFiles;
  std::vector<std::string> imageFiles;
  std::error_code error;
  const fs::path base(folder);
  for (fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    if (!it->is_regular_file(error))
      continue;
    const fs::path& path = it->path();
    if (path.parent_path() == base && std::find(options.skipNames.begin(), options.skipNames.end(),
                                                path.filename().string()) != options.skipNames.end())
      continue;
    if (lowerExtension(path.string()) == ".json")
      jsonFiles.push_back(path.string());
    else if (isImageFileName(path.string()))
      imageFiles.push_back(path.string());
  }
  if (error)
    result.problems.push_back({folder, "", "cannot be read: " + error.message()});
  naturalSort(jsonFiles);
  naturalSort(imageFiles);

  std::vector<Parsed> parsed(jsonFiles.size());
  parallelFor(jsonFiles.size(), options.threads, [&](size_t i) { parsed[i] = parseOne(base, fs::path(jsonFiles[i])); });

  std::set<std::string> referenced;
  for (Parsed& one : parsed) {
    result.problems.insert(result.problems.end(), one.problems.begin(), one.problems.end());
    result.warnings.insert(result.warnings.end(), one.warnings.begin(), one.warnings.end());
    if (!one.item)
      continue;
    if (!one.item->imageFile.empty())
      referenced.insert(normalised(fs::absolute(one.item->imageFile)));
    else // an embedded image: the file of the same name, if any, belongs to it as well
      for (const char* extension : {".jpg", ".jpeg", ".png", ".JPG", ".PNG"})
        referenced.insert(normalised(fs::absolute(fs::path(one.item->jsonPath).replace_extension(extension))));
    result.items.push_back(std::move(*one.item));
  }
  for (const std::string& image : imageFiles)
    if (!referenced.count(normalised(fs::absolute(image))))
      result.unlabelledImages.push_back(image);
  return result;
}

} // namespace polytrain::dataset
