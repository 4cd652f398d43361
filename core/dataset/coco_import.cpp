#include "core/dataset/coco_import.h"

#include "core/annotation/base64.h"
#include "core/common/atomic_file.h"
#include "core/dataset/instance_masks.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <map>

namespace polytrain::dataset {
namespace fs = std::filesystem;

namespace {

std::optional<std::vector<long long>> compressedCounts(const std::string& text) {
  std::vector<long long> counts;
  size_t p = 0;
  while (p < text.size()) {
    long long value = 0;
    int k = 0;
    bool more = true;
    while (more) {
      if (p >= text.size() || k > 12)
        return std::nullopt;
      const long long c = static_cast<long long>(text[p]) - 48;
      if (c < 0 || c > 63)
        return std::nullopt;
      value |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) != 0;
      ++p;
      ++k;
      if (!more && (c & 0x10))
        value -= 1LL << (5 * k); // sign extension: the top bit set means the value is negative
    }
    if (counts.size() > 2)
      value += counts[counts.size() - 2]; // stored as a difference to the run two back
    counts.push_back(value);
  }
  return counts;
}

} // namespace

std::optional<cv::Mat1b> decodeCocoRle(const nlohmann::json& countsJson, cv::Size size) {
  std::vector<long long> counts;
  if (countsJson.is_string()) {
    std::optional<std::vector<long long>> decoded = compressedCounts(countsJson.get<std::string>());
    if (!decoded)
      return std::nullopt;
    counts = std::move(*decoded);
  } else if (countsJson.is_array()) {
    for (const auto& value : countsJson) {
      if (!value.is_number_integer())
        return std::nullopt;
      counts.push_back(value.get<long long>());
    }
  } else {
    return std::nullopt;
  }
  const long long total = static_cast<long long>(size.width) * size.height;
  // Column-major runs, starting with zeros: fill the transposed image row by row.
  cv::Mat1b transposed(size.width, size.height, uchar(0));
  long long position = 0;
  uchar value = 0;
  for (const long long run : counts) {
    if (run < 0 || position + run > total)
      return std::nullopt;
    if (value)
      std::fill(transposed.data + position, transposed.data + position + run, uchar(1));
    position += run;
    value = value ? 0 : 1;
  }
  if (position != total)
    return std::nullopt;
  return cv::Mat1b(transposed.t());
}

CocoImport importCoco(const std::string& path) {
  CocoImport result;
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path, bytes)) {
    result.problems.push_back(*failure);
    return result;
  }
  const nlohmann::json coco = nlohmann::json::parse(bytes, nullptr, false);
  if (coco.is_discarded() || !coco.is_object()) {
    result.problems.push_back({path, "", "is not valid JSON"});
    return result;
  }
  for (const char* key : {"images", "annotations", "categories"})
    if (!coco.contains(key) || !coco[key].is_array()) {
      result.problems.push_back({path, std::string("/") + key, "missing or not an array: not a COCO instances file"});
      return result;
    }

  std::map<long long, std::string> categoryNames;
  const auto& categories = coco["categories"];
  for (size_t i = 0; i < categories.size(); ++i) {
    const auto& category = categories[i];
    if (!category.is_object() || !category.contains("id") || !category["id"].is_number_integer() ||
        !category.contains("name") || !category["name"].is_string()) {
      result.problems.push_back({path, "/categories/" + std::to_string(i), "needs an integer id and a string name"});
      continue;
    }
    categoryNames[category["id"].get<long long>()] = category["name"].get<std::string>();
  }
  result.classes.names.push_back(kBackgroundLabel);
  for (const auto& [id, name] : categoryNames) {
    if (name == kBackgroundLabel || name == kIgnoreLabel)
      result.classes.backgroundListed = result.classes.backgroundListed || name == kBackgroundLabel;
    else
      result.classes.names.push_back(name);
  }

  const fs::path folder = fs::path(path).parent_path();
  std::map<long long, size_t> itemOfImage;
  const auto& images = coco["images"];
  for (size_t i = 0; i < images.size(); ++i) {
    const auto& image = images[i];
    const std::string pointer = "/images/" + std::to_string(i);
    if (!image.is_object() || !image.contains("id") || !image["id"].is_number_integer() ||
        !image.contains("file_name") || !image["file_name"].is_string() || !image.contains("width") ||
        !image["width"].is_number_integer() || !image.contains("height") || !image["height"].is_number_integer()) {
      result.problems.push_back({path, pointer, "needs integer id, width, height and a string file_name"});
      continue;
    }
    DatasetItem item;
    item.jsonPath = path;
    const std::string fileName = image["file_name"].get<std::string>();
    const fs::path file = fs::path(fileName).is_absolute() ? fs::path(fileName) : folder / fileName;
    std::error_code error;
    if (!fs::is_regular_file(file, error)) {
      result.problems.push_back({path, pointer + "/file_name", "image \"" + file.string() + "\" not found"});
      continue;
    }
    item.imageFile = file.string();
    item.key = fs::path(fileName).replace_extension().generic_string();
    item.document.imagePath = fileName;
    item.document.imageWidth = image["width"].get<int>();
    item.document.imageHeight = image["height"].get<int>();
    itemOfImage[image["id"].get<long long>()] = result.items.size();
    result.items.push_back(std::move(item));
  }

  const auto& annotations = coco["annotations"];
  for (size_t i = 0; i < annotations.size(); ++i) {
    const auto& annotation = annotations[i];
    const std::string pointer = "/annotations/" + std::to_string(i);
    const auto warn = [&](const std::string& what) { result.warnings.push_back({path, pointer, what}); };
    if (!annotation.is_object() || !annotation.contains("image_id") || !annotation["image_id"].is_number_integer() ||
        !annotation.contains("category_id") || !annotation["category_id"].is_number_integer() ||
        !annotation.contains("segmentation")) {
      warn("needs integer image_id and category_id and a segmentation; skipped");
      continue;
    }
    const auto item = itemOfImage.find(annotation["image_id"].get<long long>());
    const auto category = categoryNames.find(annotation["category_id"].get<long long>());
    if (item == itemOfImage.end() || category == categoryNames.end()) {
      warn("refers to an unknown image or category; skipped");
      continue;
    }
    annotation::LabelmeDocument& document = result.items[item->second].document;
    const int groupId = static_cast<int>(i); // one instance per annotation
    const auto& segmentation = annotation["segmentation"];
    if (segmentation.is_array()) {
      for (const auto& polygon : segmentation) {
        if (!polygon.is_array() || polygon.size() < 6 || polygon.size() % 2 != 0) {
          warn("a polygon needs an even number (>= 6) of coordinates; polygon skipped");
          continue;
        }
        annotation::LabelmeShape shape;
        shape.label = category->second;
        shape.groupId = groupId;
        shape.shapeType = "polygon";
        bool numeric = true;
        for (size_t k = 0; k + 1 < polygon.size(); k += 2) {
          numeric = numeric && polygon[k].is_number() && polygon[k + 1].is_number();
          if (numeric)
            shape.points.emplace_back(polygon[k].get<double>(), polygon[k + 1].get<double>());
        }
        if (!numeric) {
          warn("polygon coordinates must be numbers; polygon skipped");
          continue;
        }
        document.shapes.push_back(std::move(shape));
      }
    } else if (segmentation.is_object() && segmentation.contains("counts") && segmentation.contains("size") &&
               segmentation["size"].is_array() && segmentation["size"].size() == 2 &&
               segmentation["size"][0].is_number_integer() && segmentation["size"][1].is_number_integer()) {
      const cv::Size size(segmentation["size"][1].get<int>(), segmentation["size"][0].get<int>());
      const std::optional<cv::Mat1b> mask =
          size.width > 0 && size.height > 0 ? decodeCocoRle(segmentation["counts"], size) : std::nullopt;
      if (!mask) {
        warn("RLE counts do not match its size; skipped");
        continue;
      }
      const cv::Rect box = maskBox(*mask);
      if (box.empty()) {
        warn("RLE mask is empty; skipped");
        continue;
      }
      std::vector<uchar> png;
      cv::imencode(".png", cv::Mat1b((*mask)(box)*255), png);
      annotation::LabelmeShape shape;
      shape.label = category->second;
      shape.groupId = groupId;
      shape.shapeType = "mask";
      shape.points = {cv::Point2d(box.x, box.y), cv::Point2d(box.x + box.width - 1, box.y + box.height - 1)};
      shape.mask = annotation::encodeBase64(std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
      document.shapes.push_back(std::move(shape));
    } else {
      warn("segmentation is neither polygons nor RLE; skipped");
    }
  }
  return result;
}

} // namespace polytrain::dataset
