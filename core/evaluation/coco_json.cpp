#include "core/evaluation/coco_json.h"

#include "core/common/atomic_file.h"
#include "core/evaluation/polygon_rle.h"
#include "core/evaluation/rle_string.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace polytrain::evaluation {
namespace {

using nlohmann::json;

struct Context {
  const std::string& path;
  Error fail(const std::string& pointer, const std::string& what) const { return Error{path, pointer, what}; }
};

std::optional<Error> readBox(const json& value, const std::string& pointer, const Context& ctx, BoxXywh& box) {
  if (!value.is_array() || value.size() != 4)
    return ctx.fail(pointer, "bbox must be [x, y, width, height]");
  for (const auto& number : value)
    if (!number.is_number())
      return ctx.fail(pointer, "bbox values must be numbers");
  box = {value[0].get<double>(), value[1].get<double>(), value[2].get<double>(), value[3].get<double>()};
  return std::nullopt;
}

std::optional<Error> readRleObject(const json& value, const std::string& pointer, const Context& ctx, int height,
                                   int width, Rle& rle) {
  const auto size = value.find("size");
  const auto counts = value.find("counts");
  if (size == value.end() || counts == value.end() || !size->is_array() || size->size() != 2 ||
      !(*size)[0].is_number_integer() || !(*size)[1].is_number_integer())
    return ctx.fail(pointer, "RLE needs \"size\": [height, width] and \"counts\"");
  rle.height = (*size)[0].get<int>();
  rle.width = (*size)[1].get<int>();
  if (rle.height != height || rle.width != width)
    return ctx.fail(pointer + "/size", "RLE size " + std::to_string(rle.height) + "x" + std::to_string(rle.width) +
                                           " differs from the image size " + std::to_string(height) + "x" +
                                           std::to_string(width));
  if (counts->is_string()) {
    auto decoded = rleCountsFromString(counts->get<std::string>());
    if (!decoded)
      return ctx.fail(pointer + "/counts", "malformed compressed RLE string");
    rle.counts = std::move(*decoded);
  } else if (counts->is_array()) {
    rle.counts.clear();
    for (const auto& c : *counts) {
      if (!c.is_number_integer() || c.get<int64_t>() < 0)
        return ctx.fail(pointer + "/counts", "RLE counts must be non-negative integers");
      rle.counts.push_back(static_cast<uint32_t>(c.get<int64_t>()));
    }
  } else {
    return ctx.fail(pointer + "/counts", "RLE counts must be a string or a list");
  }
  if (rle.counts.empty())
    rle.counts.push_back(0);
  if (!rleIsConsistent(rle))
    return ctx.fail(pointer + "/counts", "RLE counts do not add up to height * width");
  return std::nullopt;
}

std::optional<Error> readSegmentation(const json& value, const std::string& pointer, const Context& ctx, int height,
                                      int width, std::optional<Rle>& mask) {
  if (value.is_object()) {
    Rle rle;
    if (auto error = readRleObject(value, pointer, ctx, height, width, rle))
      return error;
    mask = std::move(rle);
    return std::nullopt;
  }
  if (!value.is_array())
    return ctx.fail(pointer, "segmentation must be a list of polygons or an RLE object");
  if (value.empty()) {
    mask = emptyRle(height, width);
    return std::nullopt;
  }
  std::vector<std::vector<double>> polygons;
  for (size_t p = 0; p < value.size(); ++p) {
    const json& polygon = value[p];
    if (!polygon.is_array())
      return ctx.fail(pointer + "/" + std::to_string(p), "polygon must be a list of numbers");
    std::vector<double> xy;
    for (const auto& number : polygon) {
      if (!number.is_number())
        return ctx.fail(pointer + "/" + std::to_string(p), "polygon coordinates must be numbers");
      xy.push_back(number.get<double>());
    }
    polygons.push_back(std::move(xy));
  }
  const size_t first = polygons.front().size();
  if (first == 4) { // pycocotools reads such a list as boxes
    std::vector<Rle> parts;
    for (const auto& b : polygons)
      parts.push_back(b.size() == 4 ? boxToRle({b[0], b[1], b[2], b[3]}, height, width) : emptyRle(height, width));
    mask = rleMerge(parts);
    return std::nullopt;
  }
  if (first < 6 || first % 2 != 0)
    return ctx.fail(pointer + "/0", "polygon needs an even number (>= 6) of coordinates, got " + std::to_string(first));
  mask = polygonsToRle(polygons, height, width);
  return std::nullopt;
}

std::optional<Error> parseJson(const std::string& text, const std::string& path, json& document) {
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    return Error{path, "", std::string("not valid JSON: ") + error.what()};
  }
  return std::nullopt;
}

std::optional<Error> readId(const json& object, const char* key, const std::string& pointer, const Context& ctx,
                            int64_t& id) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer())
    return ctx.fail(pointer + "/" + key, "missing or not an integer");
  id = it->get<int64_t>();
  return std::nullopt;
}

} // namespace

std::optional<Error> parseCocoGroundTruth(const std::string& text, const std::string& path, GroundTruthSet& out) {
  json document;
  if (auto error = parseJson(text, path, document))
    return error;
  const Context ctx{path};
  if (!document.is_object())
    return ctx.fail("", "COCO ground truth must be an object with images, annotations and categories");
  GroundTruthSet gt;
  std::unordered_map<int64_t, size_t> imageIndex;
  const json& images = document.value("images", json::array());
  if (!images.is_array())
    return ctx.fail("/images", "must be a list");
  for (size_t i = 0; i < images.size(); ++i) {
    const std::string pointer = "/images/" + std::to_string(i);
    ImageInfo info;
    if (auto error = readId(images[i], "id", pointer, ctx, info.id))
      return error;
    const auto width = images[i].find("width"), height = images[i].find("height");
    if (width == images[i].end() || height == images[i].end() || !width->is_number_integer() ||
        !height->is_number_integer() || width->get<int>() <= 0 || height->get<int>() <= 0)
      return ctx.fail(pointer, "image needs positive integer width and height");
    info.width = width->get<int>();
    info.height = height->get<int>();
    info.fileName = images[i].value("file_name", std::string());
    if (!imageIndex.emplace(info.id, gt.images.size()).second)
      return ctx.fail(pointer + "/id", "duplicate image id " + std::to_string(info.id));
    gt.images.push_back(std::move(info));
  }
  const json& categories = document.value("categories", json::array());
  if (!categories.is_array())
    return ctx.fail("/categories", "must be a list");
  for (size_t c = 0; c < categories.size(); ++c) {
    const std::string pointer = "/categories/" + std::to_string(c);
    Category category;
    if (auto error = readId(categories[c], "id", pointer, ctx, category.id))
      return error;
    category.name = categories[c].value("name", std::to_string(category.id));
    if (gt.category(category.id))
      return ctx.fail(pointer + "/id", "duplicate category id " + std::to_string(category.id));
    gt.categories.push_back(std::move(category));
  }
  const json& annotations = document.value("annotations", json::array());
  if (!annotations.is_array())
    return ctx.fail("/annotations", "must be a list");
  for (size_t a = 0; a < annotations.size(); ++a) {
    const std::string pointer = "/annotations/" + std::to_string(a);
    const json& ann = annotations[a];
    if (!ann.is_object())
      return ctx.fail(pointer, "annotation must be an object");
    GroundTruthInstance g;
    if (auto error = readId(ann, "id", pointer, ctx, g.id))
      return error;
    if (auto error = readId(ann, "image_id", pointer, ctx, g.imageId))
      return error;
    if (auto error = readId(ann, "category_id", pointer, ctx, g.categoryId))
      return error;
    const auto image = imageIndex.find(g.imageId);
    if (image == imageIndex.end())
      return ctx.fail(pointer + "/image_id", "unknown image id " + std::to_string(g.imageId));
    if (!gt.category(g.categoryId))
      return ctx.fail(pointer + "/category_id", "unknown category id " + std::to_string(g.categoryId));
    const ImageInfo& info = gt.images[image->second];
    const auto bbox = ann.find("bbox");
    if (bbox != ann.end())
      if (auto error = readBox(*bbox, pointer + "/bbox", ctx, g.box))
        return error;
    const auto segmentation = ann.find("segmentation");
    if (segmentation != ann.end() && !segmentation->is_null())
      if (auto error = readSegmentation(*segmentation, pointer + "/segmentation", ctx, info.height, info.width, g.mask))
        return error;
    if (bbox == ann.end()) {
      if (!g.mask)
        return ctx.fail(pointer, "annotation needs a bbox or a segmentation");
      g.box = rleToBox(*g.mask);
    }
    const auto iscrowd = ann.find("iscrowd");
    g.iscrowd = iscrowd != ann.end() && iscrowd->is_number() && iscrowd->get<double>() != 0;
    const auto ignore = ann.find("ignore");
    g.ignore = ignore != ann.end() && ignore->is_number() && ignore->get<double>() != 0;
    const auto area = ann.find("area");
    if (area != ann.end() && area->is_number())
      g.area = area->get<double>();
    else
      g.area = g.mask ? static_cast<double>(rleArea(*g.mask)) : g.box.area();
    gt.instances.push_back(std::move(g));
  }
  out = std::move(gt);
  return std::nullopt;
}

std::optional<Error> readCocoGroundTruth(const std::string& path, GroundTruthSet& groundTruth) {
  std::string text;
  if (auto error = readWholeFile(path, text))
    return error;
  return parseCocoGroundTruth(text, path, groundTruth);
}

std::optional<Error> parseCocoResults(const std::string& text, const std::string& path,
                                      const GroundTruthSet& groundTruth, std::vector<Detection>& out) {
  json document;
  if (auto error = parseJson(text, path, document))
    return error;
  const Context ctx{path};
  if (!document.is_array())
    return ctx.fail("", "COCO results must be a list of detections");
  std::unordered_map<int64_t, const ImageInfo*> images;
  for (const auto& image : groundTruth.images)
    images[image.id] = &image;
  std::vector<Detection> detections;
  detections.reserve(document.size());
  for (size_t n = 0; n < document.size(); ++n) {
    const std::string pointer = "/" + std::to_string(n);
    const json& item = document[n];
    if (!item.is_object())
      return ctx.fail(pointer, "detection must be an object");
    Detection d;
    if (auto error = readId(item, "image_id", pointer, ctx, d.imageId))
      return error;
    if (auto error = readId(item, "category_id", pointer, ctx, d.categoryId))
      return error;
    const auto image = images.find(d.imageId);
    if (image == images.end())
      return ctx.fail(pointer + "/image_id", "image " + std::to_string(d.imageId) +
                                                 " is not in the ground truth (results do not "
                                                 "correspond to this data set)");
    const auto score = item.find("score");
    if (score == item.end() || !score->is_number())
      return ctx.fail(pointer + "/score", "missing or not a number");
    d.score = score->get<double>();
    const auto segmentation = item.find("segmentation");
    if (segmentation != item.end() && !segmentation->is_null())
      if (auto error = readSegmentation(*segmentation, pointer + "/segmentation", ctx, image->second->height,
                                        image->second->width, d.mask))
        return error;
    const auto bbox = item.find("bbox");
    if (bbox != item.end() && !(bbox->is_array() && bbox->empty())) {
      if (auto error = readBox(*bbox, pointer + "/bbox", ctx, d.box))
        return error;
      d.area = d.box.area();
    } else if (d.mask) {
      d.box = rleToBox(*d.mask);
      d.area = static_cast<double>(rleArea(*d.mask));
    } else {
      return ctx.fail(pointer, "detection needs a bbox or a segmentation");
    }
    detections.push_back(std::move(d));
  }
  out = std::move(detections);
  return std::nullopt;
}

std::optional<Error> readCocoResults(const std::string& path, const GroundTruthSet& groundTruth,
                                     std::vector<Detection>& detections) {
  std::string text;
  if (auto error = readWholeFile(path, text))
    return error;
  return parseCocoResults(text, path, groundTruth, detections);
}

std::string cocoResultsJson(const std::vector<Detection>& detections) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Detection& d : detections) {
    nlohmann::ordered_json item;
    item["image_id"] = d.imageId;
    item["category_id"] = d.categoryId;
    item["bbox"] = {d.box.x, d.box.y, d.box.width, d.box.height};
    item["score"] = d.score;
    if (d.mask) {
      nlohmann::ordered_json rle;
      rle["size"] = {d.mask->height, d.mask->width};
      rle["counts"] = rleCountsToString(d.mask->counts);
      item["segmentation"] = std::move(rle);
    }
    list.push_back(std::move(item));
  }
  return list.dump() + "\n";
}

std::optional<Error> writeCocoResults(const std::string& path, const std::vector<Detection>& detections) {
  return writeFileAtomically(path, cocoResultsJson(detections));
}

} // namespace polytrain::evaluation
