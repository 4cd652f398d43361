#include "core/dataset/coco_export.h"

#include "core/annotation/base64.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/shape_rasterizer.h"
#include "core/common/atomic_file.h"
#include "core/common/parallel_for.h"
#include "core/dataset/instance_masks.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>

namespace polytrain::dataset {
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<std::vector<double>> outlinePolygons(const annotation::LabelmeShape& shape, cv::Size imageSize) {
  std::vector<std::vector<double>> polygons;
  const annotation::MaskResult drawn = annotation::shapeToMask(imageSize, shape);
  if (drawn.error)
    return polygons;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(drawn.mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  for (const auto& contour : contours) {
    if (contour.size() < 3)
      continue;
    std::vector<double> flat;
    for (const cv::Point& p : contour) {
      flat.push_back(p.x);
      flat.push_back(p.y);
    }
    polygons.push_back(std::move(flat));
  }
  return polygons;
}

struct ImageEntry {
  bool ok = false;
  cv::Size size;
  std::string fileName;
  InstanceMasks instances;
  std::vector<std::vector<std::vector<double>>> segmentations; // per instance
  std::vector<Error> problems;
  std::vector<Error> warnings;
};

// Lexical (no file system calls: fs::relative resolves symlinks with a stat per path component).
std::string relativeTo(const std::string& file, const std::string& folder) {
  const fs::path absoluteFile = fs::absolute(file).lexically_normal();
  const fs::path relative = absoluteFile.lexically_relative(fs::absolute(folder).lexically_normal());
  return (relative.empty() ? absoluteFile : relative).generic_string();
}

ImageEntry buildEntry(const DatasetItem& item, const ClassList& classes, const CocoExportOptions& options) {
  ImageEntry entry;
  const annotation::LabelmeDocument& document = item.document;
  const bool sizeKnown = document.imageHeight && document.imageWidth && *document.imageHeight > 0 &&
                         *document.imageWidth > 0 && !item.imageFile.empty();
  if (sizeKnown) {
    // Labelme writes the displayed (EXIF-turned) size; trusting it spares decoding every image.
    entry.size = {*document.imageWidth, *document.imageHeight};
    entry.fileName = relativeTo(item.imageFile, options.jsonFolder);
  } else if (!document.imageData) {
    // The size from the image's header (decoded only when the header does not tell).
    annotation::ImageProbeResult probed = annotation::probeDocumentImage(document, item.jsonPath);
    entry.warnings = std::move(probed.warnings);
    if (probed.size.empty()) {
      entry.problems = std::move(probed.errors);
      return entry;
    }
    entry.size = probed.size;
    entry.fileName = relativeTo(probed.resolvedPath, options.jsonFolder);
  } else {
    annotation::ImageLoadResult loaded = annotation::loadDocumentImage(document, item.jsonPath);
    entry.warnings = loaded.warnings;
    if (loaded.image.empty()) {
      entry.problems = loaded.errors;
      return entry;
    }
    entry.size = loaded.image.size();
    if (!item.imageFile.empty() && !loaded.fromImageData) {
      entry.fileName = relativeTo(item.imageFile, options.jsonFolder);
    } else {
      const std::string folder =
          options.extractFolder.empty() ? (fs::path(options.jsonFolder) / "images").string() : options.extractFolder;
      const fs::path target = fs::path(folder) / (item.key + ".png");
      std::error_code error;
      fs::create_directories(target.parent_path(), error);
      std::vector<uchar> png;
      cv::imencode(".png", loaded.image, png);
      if (std::optional<Error> failure = writeFileAtomically(
              target.string(), std::string_view(reinterpret_cast<const char*>(png.data()), png.size()))) {
        entry.problems.push_back(*failure);
        return entry;
      }
      entry.fileName = relativeTo(target.string(), options.jsonFolder);
    }
  }
  entry.instances = rasteriseInstances(document, entry.size, classes, item.jsonPath, MaskExtent::Window);
  entry.warnings.insert(entry.warnings.end(), entry.instances.warnings.begin(), entry.instances.warnings.end());
  for (InstanceMask& instance : entry.instances.instances) {
    std::vector<std::vector<double>> polygons;
    for (size_t index : instance.shapeIndices)
      for (auto& polygon : shapePolygons(document.shapes[index], entry.size))
        polygons.push_back(std::move(polygon));
    entry.segmentations.push_back(std::move(polygons));
    instance.mask.release(); // area and box are all COCO needs; do not hold every mask of the dataset
  }
  entry.ok = true;
  return entry;
}

nlohmann::ordered_json infoBlock() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &local);
  return {{"description", "PolyTrain Studio export"},
          {"url", nullptr},
          {"version", nullptr},
          {"year", local.tm_year + 1900},
          {"contributor", nullptr},
          {"date_created", date}};
}

} // namespace

std::vector<std::vector<double>> shapePolygons(const annotation::LabelmeShape& shape, cv::Size imageSize) {
  const auto& points = shape.points;
  switch (annotation::knownShapeType(shape.shapeType)) {
  case annotation::ShapeKind::Rectangle:
    if (points.size() == 2) {
      const double x1 = std::min(points[0].x, points[1].x), x2 = std::max(points[0].x, points[1].x);
      const double y1 = std::min(points[0].y, points[1].y), y2 = std::max(points[0].y, points[1].y);
      return {{x1, y1, x2, y1, x2, y2, x1, y2}};
    }
    break;
  case annotation::ShapeKind::Circle:
    if (points.size() == 2) {
      const double r = std::hypot(points[1].x - points[0].x, points[1].y - points[0].y);
      // labelme2coco: N > pi / arccos(1 - 1/r) keeps the gap between arc and chord under a pixel; at least 12.
      const int n = r > 0.5 ? std::max(static_cast<int>(kPi / std::acos(1.0 - 1.0 / r)), 12) : 12;
      std::vector<double> flat;
      for (int i = 0; i < n; ++i) {
        flat.push_back(points[0].x + r * std::sin(2 * kPi / n * i));
        flat.push_back(points[0].y + r * std::cos(2 * kPi / n * i));
      }
      return {flat};
    }
    break;
  case annotation::ShapeKind::Polygon:
    if (points.size() >= 3) {
      std::vector<double> flat;
      for (const cv::Point2d& p : points) {
        flat.push_back(p.x);
        flat.push_back(p.y);
      }
      return {flat};
    }
    break;
  default:
    break;
  }
  return outlinePolygons(shape, imageSize);
}

CocoExport buildCoco(const std::vector<DatasetItem>& items, const ClassList& classes,
                     const CocoExportOptions& options) {
  std::vector<ImageEntry> entries(items.size());
  parallelFor(items.size(), options.threads, [&](size_t i) { entries[i] = buildEntry(items[i], classes, options); });

  CocoExport result;
  nlohmann::ordered_json& coco = result.coco;
  coco["info"] = infoBlock();
  coco["licenses"] = nlohmann::ordered_json::array({{{"url", nullptr}, {"id", 0}, {"name", nullptr}}});
  coco["images"] = nlohmann::ordered_json::array();
  coco["type"] = "instances";
  coco["annotations"] = nlohmann::ordered_json::array();
  coco["categories"] = nlohmann::ordered_json::array();
  if (classes.backgroundListed)
    coco["categories"].push_back({{"supercategory", nullptr}, {"id", 0}, {"name", kBackgroundLabel}});
  for (size_t id = 1; id < classes.names.size(); ++id)
    coco["categories"].push_back({{"supercategory", nullptr}, {"id", id}, {"name", classes.names[id]}});

  for (ImageEntry& entry : entries) {
    result.problems.insert(result.problems.end(), entry.problems.begin(), entry.problems.end());
    result.warnings.insert(result.warnings.end(), entry.warnings.begin(), entry.warnings.end());
    if (!entry.ok)
      continue;
    const int imageId = ++result.images;
    coco["images"].push_back({{"license", 0},
                              {"url", nullptr},
                              {"file_name", entry.fileName},
                              {"height", entry.size.height},
                              {"width", entry.size.width},
                              {"date_captured", nullptr},
                              {"id", imageId}});
    result.droppedInstances += entry.instances.droppedInstances;
    for (size_t k = 0; k < entry.instances.instances.size(); ++k) {
      const InstanceMask& instance = entry.instances.instances[k];
      // Moved, not copied: the polygons are the bulk of the file.
      coco["annotations"].push_back(
          {{"id", ++result.annotations},
           {"image_id", imageId},
           {"category_id", instance.classId},
           {"segmentation", std::move(entry.segmentations[k])},
           {"area", static_cast<double>(instance.area)},
           {"bbox",
            {static_cast<double>(instance.box.x), static_cast<double>(instance.box.y),
             static_cast<double>(instance.box.width), static_cast<double>(instance.box.height)}},
           {"iscrowd", 0}});
    }
  }
  return result;
}

CocoWriteResult writeCocoSplits(const Dataset& dataset, const std::string& outFolder, int threads) {
  CocoWriteResult result;
  const std::string folder = outFolder.empty() ? dataset.root : outFolder;
  std::error_code error;
  fs::create_directories(folder, error);
  for (const Split split : {Split::Train, Split::Test}) {
    CocoExportOptions options;
    options.jsonFolder = folder;
    options.threads = threads;
    CocoExport exported = buildCoco(dataset.items(split), dataset.classes, options);
    const std::string path = (fs::path(folder) / (std::string(splitName(split)) + ".json")).string();
    if (std::optional<Error> failure = writeFileAtomically(path, exported.coco.dump()))
      result.errors.push_back(*failure);
    else
      result.written.push_back(path);
    (split == Split::Train ? result.train : result.test) = std::move(exported);
  }
  return result;
}

} // namespace polytrain::dataset
