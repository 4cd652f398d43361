#include "core/inference/pre_annotation.h"

#include "core/annotation/base64.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace polytrain::inference {
namespace fs = std::filesystem;

namespace {

std::string labelOf(const Instance& instance) {
  if (!instance.className.empty())
    return instance.className;
  return "class_" + std::to_string(instance.label);
}

double roundedScore(float score) {
  return std::round(static_cast<double>(score) * 10000.0) / 10000.0;
}

annotation::LabelmeShape shapeFor(const Instance& instance, const PreAnnotationOptions& options) {
  annotation::LabelmeShape shape;
  shape.label = labelOf(instance);
  if (options.writeScore)
    shape.extra["score"] = roundedScore(instance.score);
  return shape;
}

// The box clipped to the image, or nothing when too little of it is inside.
std::optional<annotation::LabelmeShape> rectangleFor(const Instance& instance, const Prediction& prediction,
                                                     const PreAnnotationOptions& options) {
  double x1 = instance.box.x;
  double y1 = instance.box.y;
  double x2 = instance.box.x + instance.box.width;
  double y2 = instance.box.y + instance.box.height;
  if (prediction.imageWidth > 0) {
    x1 = std::clamp(x1, 0.0, static_cast<double>(prediction.imageWidth));
    x2 = std::clamp(x2, 0.0, static_cast<double>(prediction.imageWidth));
  }
  if (prediction.imageHeight > 0) {
    y1 = std::clamp(y1, 0.0, static_cast<double>(prediction.imageHeight));
    y2 = std::clamp(y2, 0.0, static_cast<double>(prediction.imageHeight));
  }
  if (!(x2 > x1 && y2 > y1) || (x2 - x1) * (y2 - y1) < options.minimumArea)
    return std::nullopt;
  annotation::LabelmeShape shape = shapeFor(instance, options);
  shape.shapeType = "rectangle";
  shape.points = {{x1, y1}, {x2, y2}};
  return shape;
}

} // namespace

std::vector<std::vector<cv::Point2d>> maskPolygons(const cv::Mat1b& mask, double tolerancePixels, double minimumArea) {
  std::vector<std::vector<cv::Point2d>> polygons;
  if (mask.empty())
    return polygons;
  cv::Mat1b binary = mask > 0; // findContours wants 0/255 and changes nothing of the caller's
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(binary, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  std::vector<std::pair<double, std::vector<cv::Point>>> kept;
  for (const std::vector<cv::Point>& contour : contours) {
    std::vector<cv::Point> simplified;
    if (tolerancePixels > 0)
      cv::approxPolyDP(contour, simplified, tolerancePixels, true);
    else
      simplified = contour;
    if (simplified.size() < 3)
      continue;
    const double area = cv::contourArea(simplified);
    if (area <= 0 || area < minimumArea)
      continue;
    kept.emplace_back(area, std::move(simplified));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [area, points] : kept) {
    std::vector<cv::Point2d> polygon;
    polygon.reserve(points.size());
    for (const cv::Point& point : points)
      polygon.emplace_back(point.x, point.y);
    polygons.push_back(std::move(polygon));
  }
  return polygons;
}

std::vector<annotation::LabelmeShape> predictionToShapes(const Prediction& prediction,
                                                         const PreAnnotationOptions& options) {
  std::vector<const Instance*> order;
  for (const Instance& instance : prediction.instances)
    order.push_back(&instance);
  std::stable_sort(order.begin(), order.end(),
                   [](const Instance* a, const Instance* b) { return a->score > b->score; });

  std::vector<annotation::LabelmeShape> shapes;
  int nextGroup = 1;
  for (const Instance* instance : order) {
    if (instance->mask.empty()) {
      if (auto rectangle = rectangleFor(*instance, prediction, options))
        shapes.push_back(std::move(*rectangle));
      continue;
    }
    const std::vector<std::vector<cv::Point2d>> polygons =
        maskPolygons(instance->mask, options.tolerancePixels, options.minimumArea);
    std::optional<int> group;
    if (polygons.size() > 1)
      group = nextGroup++;
    for (const std::vector<cv::Point2d>& polygon : polygons) {
      annotation::LabelmeShape shape = shapeFor(*instance, options);
      shape.shapeType = "polygon";
      shape.points = polygon;
      shape.groupId = group;
      shapes.push_back(std::move(shape));
    }
  }
  return shapes;
}

std::string labelmeJsonPathFor(const std::string& imagePath) {
  return fs::path(imagePath).replace_extension(".json").string();
}

std::variant<PreAnnotationResult, Error> writePreAnnotation(const std::string& imagePath, const Prediction& prediction,
                                                            const PreAnnotationOptions& options,
                                                            const std::string& jsonPath) {
  PreAnnotationResult result;
  result.jsonPath = jsonPath.empty() ? labelmeJsonPathFor(imagePath) : jsonPath;
  if (prediction.imageWidth <= 0 || prediction.imageHeight <= 0)
    return Error{imagePath, "", "the prediction does not say the image's size"};

  std::error_code ignored;
  const bool exists = fs::exists(result.jsonPath, ignored);
  if (exists && options.existing == ExistingAnnotationPolicy::Skip) {
    result.outcome = PreAnnotationOutcome::SkippedExisting;
    return result;
  }

  const std::vector<annotation::LabelmeShape> shapes = predictionToShapes(prediction, options);
  annotation::LabelmeDocument document;
  if (exists) {
    annotation::LoadResult loaded = annotation::readLabelmeFile(result.jsonPath);
    if (!loaded.ok()) {
      Error error = loaded.errors.empty() ? Error{result.jsonPath, "", "cannot be read"} : loaded.errors.front();
      error.what = "the existing annotation cannot be read, so it is left as it is: " + error.what;
      return error;
    }
    document = std::move(*loaded.document);
    if (options.existing == ExistingAnnotationPolicy::AddToShapes) {
      result.outcome = PreAnnotationOutcome::Added;
      result.shapesKept = static_cast<int>(document.shapes.size());
    } else {
      result.outcome = PreAnnotationOutcome::Replaced;
      document.shapes.clear();
    }
    if (document.version.empty())
      document.version = annotation::kLabelmeWriteVersion;
  } else {
    result.outcome = PreAnnotationOutcome::Created;
    document.version = annotation::kLabelmeWriteVersion;
    const fs::path jsonFolder = fs::absolute(fs::path(result.jsonPath)).parent_path();
    const fs::path image = fs::absolute(fs::path(imagePath));
    fs::path relative = image.lexically_relative(jsonFolder);
    if (relative.empty())
      relative = image;
    document.imagePath = annotation::forwardSlashes(relative.generic_string());
    document.imageWidth = prediction.imageWidth;
    document.imageHeight = prediction.imageHeight;
  }
  if (options.embedImageData && !document.imageData) {
    Error error;
    std::optional<std::string> bytes = annotation::imageBytesForEmbedding(imagePath, &error);
    if (!bytes)
      return error;
    document.imageData = annotation::encodeBase64(*bytes);
  }

  document.shapes.insert(document.shapes.end(), shapes.begin(), shapes.end());
  result.shapesWritten = static_cast<int>(shapes.size());
  if (std::optional<Error> error = annotation::writeLabelmeFile(result.jsonPath, document))
    return *error;
  return result;
}

} // namespace polytrain::inference
