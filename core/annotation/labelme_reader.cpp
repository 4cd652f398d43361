#include "core/annotation/labelme_reader.h"

#include "core/annotation/labelme_splice.h"
#include "core/annotation/labelme_validation.h"
#include "core/common/atomic_file.h"

#include <cmath>
#include <limits>

namespace polytrain::annotation {
namespace {

using Json = nlohmann::ordered_json;

const char* typeName(const Json& value) {
  if (value.is_number())
    return "number";
  return value.type_name();
}

// Collects problems while walking one file.
class Reader {
public:
  // `spliced`: the parts cut out of the text before parsing (labelme_splice.h), or null.
  explicit Reader(std::string path, SplicedLabelme* spliced = nullptr) : path_(std::move(path)), spliced_(spliced) {}

  LoadResult read(const Json& root) {
    LabelmeDocument document;
    if (!root.is_object()) {
      error("", std::string("top level must be a JSON object, got ") + typeName(root));
      return finish(std::nullopt);
    }
    for (const auto& [key, value] : root.items()) {
      if (key == "version")
        readVersion(value, document);
      else if (key == "flags")
        document.flags = readFlags(value, "/flags");
      else if (key == "shapes")
        readShapes(value, document);
      else if (key == "imagePath")
        readString(value, "/imagePath", document.imagePath);
      else if (key == "imageData")
        readImageData(value, document);
      else if (key == "imageHeight")
        document.imageHeight = readSize(value, "/imageHeight");
      else if (key == "imageWidth")
        document.imageWidth = readSize(value, "/imageWidth");
      else
        document.extra[key] = value;
    }
    if (!root.contains("shapes"))
      error("/shapes", "missing (every Labelme file has a shapes list)");
    if (!root.contains("imagePath")) {
      if (document.imageData)
        warning("/imagePath", "missing; the embedded imageData is used");
      else
        error("/imagePath", "missing, and there is no imageData");
    }
    Problems problems = validateDocument(document, path_);
    for (Error& e : problems.errors)
      errors_.push_back(std::move(e));
    for (Error& w : problems.warnings)
      warnings_.push_back(std::move(w));
    return finish(std::move(document));
  }

private:
  void error(const std::string& pointer, std::string what) { errors_.push_back({path_, pointer, std::move(what)}); }
  void warning(const std::string& pointer, std::string what) { warnings_.push_back({path_, pointer, std::move(what)}); }

  LoadResult finish(std::optional<LabelmeDocument> document) {
    LoadResult result;
    if (errors_.empty())
      result.document = std::move(document);
    result.errors = std::move(errors_);
    result.warnings = std::move(warnings_);
    return result;
  }

  void readVersion(const Json& value, LabelmeDocument& document) {
    if (value.is_null())
      return;
    if (!value.is_string()) {
      error("/version", std::string("must be a string, got ") + typeName(value));
      return;
    }
    document.version = value.get<std::string>();
  }

  bool readString(const Json& value, const std::string& pointer, std::string& out) {
    if (!value.is_string()) {
      error(pointer, std::string("must be a string, got ") + typeName(value));
      return false;
    }
    out = value.get<std::string>();
    return true;
  }

  Json readFlags(const Json& value, const std::string& pointer) {
    if (value.is_null()) {
      warning(pointer, "is null; treated as no flags");
      return Json::object();
    }
    if (!value.is_object()) {
      error(pointer, std::string("must be an object of name: true/false, got ") + typeName(value));
      return Json::object();
    }
    for (const auto& [name, flag] : value.items())
      if (!flag.is_boolean())
        warning(pointer + "/" + name, std::string("flag value should be true or false, got ") + typeName(flag));
    return value;
  }

  void readImageData(const Json& value, LabelmeDocument& document) {
    if (value.is_null())
      return;
    if (!value.is_string()) {
      error("/imageData", std::string("must be a base64 string or null, got ") + typeName(value));
      return;
    }
    document.imageData = spliced_ && spliced_->imageData ? std::string(*spliced_->imageData) : value.get<std::string>();
  }

  std::optional<int> readInteger(const Json& value, const std::string& pointer, const char* what) {
    if (value.is_number_integer()) {
      if (value.is_number_unsigned() ? value.get<uint64_t>() > uint64_t(std::numeric_limits<int>::max())
                                     : (value.get<int64_t>() > std::numeric_limits<int>::max() ||
                                        value.get<int64_t>() < std::numeric_limits<int>::min())) {
        error(pointer, std::string(what) + " is out of range");
        return std::nullopt;
      }
      return static_cast<int>(value.get<int64_t>());
    }
    if (value.is_number_float()) {
      const double number = value.get<double>();
      if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) <= 2147483647.0)
        return static_cast<int>(number);
      error(pointer, std::string(what) + " must be an integer, got " + value.dump());
      return std::nullopt;
    }
    error(pointer, std::string(what) + " must be an integer, got " + typeName(value));
    return std::nullopt;
  }

  std::optional<int> readSize(const Json& value, const std::string& pointer) {
    if (value.is_null())
      return std::nullopt;
    return readInteger(value, pointer, "image size");
  }

  void readShapes(const Json& value, LabelmeDocument& document) {
    if (!value.is_array()) {
      error("/shapes", std::string("must be a list of shapes, got ") + typeName(value));
      return;
    }
    document.shapes.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
      // Kept even when broken, so that later checks name the same index as the file.
      LabelmeShape shape;
      std::vector<cv::Point2d>* cutPoints =
          spliced_ && i < spliced_->points.size() && spliced_->points[i] ? &*spliced_->points[i] : nullptr;
      readShape(value[i], "/shapes/" + std::to_string(i), shape, cutPoints);
      document.shapes.push_back(std::move(shape));
    }
  }

  void readShape(const Json& value, const std::string& pointer, LabelmeShape& shape,
                 std::vector<cv::Point2d>* cutPoints) {
    if (!value.is_object()) {
      error(pointer, std::string("a shape must be an object, got ") + typeName(value));
      return;
    }
    for (const auto& [key, field] : value.items()) {
      const std::string where = pointer + "/" + key;
      if (key == "label") {
        readString(field, where, shape.label);
      } else if (key == "points") {
        if (cutPoints) // read by the splice scan; the parsed list is its empty stand-in
          shape.points = std::move(*cutPoints);
        else
          readPoints(field, where, shape.points);
      } else if (key == "group_id") {
        if (!field.is_null())
          shape.groupId = readInteger(field, where, "group_id");
      } else if (key == "description") {
        if (field.is_string() || field.is_null())
          shape.description = field;
        else
          error(where, std::string("must be a string, got ") + typeName(field));
      } else if (key == "shape_type") {
        if (!field.is_null())
          readString(field, where, shape.shapeType);
      } else if (key == "flags") {
        shape.flags = readFlags(field, where);
      } else if (key == "mask") {
        if (field.is_string())
          shape.mask = field.get<std::string>();
        else if (!field.is_null())
          error(where, std::string("must be a base64 PNG string or null, got ") + typeName(field));
      } else {
        shape.extra[key] = field;
      }
    }
    if (!value.contains("label"))
      error(pointer + "/label", "missing");
    if (!value.contains("points"))
      error(pointer + "/points", "missing");
  }

  void readPoints(const Json& value, const std::string& pointer, std::vector<cv::Point2d>& points) {
    if (!value.is_array()) {
      error(pointer, std::string("must be a list of [x, y] points, got ") + typeName(value));
      return;
    }
    points.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
      const Json& point = value[i];
      if (point.is_array() && point.size() == 2 && point[0].is_number() && point[1].is_number()) {
        points.emplace_back(point[0].get<double>(), point[1].get<double>()); // the common case, no pointer built
        continue;
      }
      const std::string where = pointer + "/" + std::to_string(i);
      if (!point.is_array() || point.size() != 2) {
        error(where, "a point must be [x, y], got " + (point.is_array() ? "a list of " + std::to_string(point.size())
                                                                        : std::string(typeName(point))));
        continue;
      }
      double xy[2] = {0, 0};
      bool good = true;
      for (size_t axis = 0; axis < 2; ++axis) {
        if (!point[axis].is_number()) {
          error(where + "/" + std::to_string(axis),
                std::string("coordinate must be a number, got ") + typeName(point[axis]));
          good = false;
        } else {
          xy[axis] = point[axis].get<double>();
        }
      }
      if (good)
        points.emplace_back(xy[0], xy[1]);
    }
  }

  std::string path_;
  SplicedLabelme* spliced_;
  std::vector<Error> errors_;
  std::vector<Error> warnings_;
};

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
std::string withoutExceptionTag(const std::string& what) {
  if (what.rfind("[json.exception.", 0) == 0) {
    const size_t end = what.find("] ");
    if (end != std::string::npos)
      return what.substr(end + 2);
  }
  return what;
}

// nlohmann rejects the NaN/Infinity literals that Python's json module writes; say so plainly.
std::string describeParseError(std::string_view text, const nlohmann::json::parse_error& failure) {
  const size_t at = failure.byte > 0 ? failure.byte - 1 : 0;
  for (const char* literal : {"NaN", "Infinity", "-Infinity"}) {
    const std::string_view word(literal);
    for (size_t start = at >= word.size() ? at - word.size() : 0; start <= at && start < text.size(); ++start)
      if (text.substr(start, word.size()) == word)
        return "not valid JSON: non-finite number " + std::string(word) + " near byte " + std::to_string(start + 1);
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return "not valid JSON: the file is empty";
  return "not valid JSON: " + withoutExceptionTag(failure.what());
}

} // namespace

LoadResult parseLabelmeJson(std::string_view text, const std::string& path) {
  Json root;
  std::optional<SplicedLabelme> spliced = spliceLabelme(text);
  if (spliced) {
    try {
      root = Json::parse(spliced->text.begin(), spliced->text.end());
    } catch (const std::exception&) {
      spliced.reset(); // parsed again as it is below, for the error message with the file's own positions
    }
  }
  try {
    if (!spliced)
      root = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& failure) {
    LoadResult result;
    result.errors.push_back({path, "", describeParseError(text, failure)});
    return result;
  } catch (const std::exception& failure) {
    LoadResult result;
    result.errors.push_back({path, "", "not valid JSON: " + withoutExceptionTag(failure.what())});
    return result;
  }
  try {
    return Reader(path, spliced ? &*spliced : nullptr).read(root);
  } catch (const std::exception& failure) { // a defect guard: the reader checks every type before it reads
    LoadResult result;
    result.errors.push_back({path, "", std::string("cannot read: ") + failure.what()});
    return result;
  }
}

LoadResult readLabelmeFile(const std::string& path) {
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path, bytes)) {
    LoadResult result;
    result.errors.push_back(*failure);
    return result;
  }
  return parseLabelmeJson(bytes, path);
}

} // namespace polytrain::annotation
