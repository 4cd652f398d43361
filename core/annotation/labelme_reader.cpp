#include "core/annotation/labelme_reader.h"

#include "core/annotation/labelme_validation.h"
#include "core/annotation/labelme_writer.h"
#include "core/common/atomic_file.h"

#include <cmath>
#include <cstring>
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
  // `imageData`: the top-level imageData string cut out of the text before parsing (see withoutImageData).
  explicit Reader(std::string path, std::optional<std::string_view> imageData = std::nullopt)
      : path_(std::move(path)), splicedImageData_(imageData) {}

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
    document.imageData = splicedImageData_ ? std::string(*splicedImageData_) : value.get<std::string>();
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
      readShape(value[i], "/shapes/" + std::to_string(i), shape);
      document.shapes.push_back(std::move(shape));
    }
  }

  void readShape(const Json& value, const std::string& pointer, LabelmeShape& shape) {
    if (!value.is_object()) {
      error(pointer, std::string("a shape must be an object, got ") + typeName(value));
      return;
    }
    for (const auto& [key, field] : value.items()) {
      const std::string where = pointer + "/" + key;
      if (key == "label") {
        readString(field, where, shape.label);
      } else if (key == "points") {
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
  std::optional<std::string_view> splicedImageData_;
  std::vector<Error> errors_;
  std::vector<Error> warnings_;
};

// Labelme embeds the image as one base64 string, often most of the file, which nlohmann's lexer copies a byte at
// a time. A light scan of the top-level object finds it; the parser then gets the text with that string emptied,
// and the reader takes the string from the original bytes. Anything unusual (escapes in it, a repeated key, text
// the scan does not follow) leaves the text as it is, so the result is always the plain parse's.
constexpr size_t kSpliceMinimum = 4096;

size_t skipSpace(std::string_view text, size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
    ++at;
  return at;
}

// `at` is on an opening quote; returns the index after the closing one, or npos. A quote closes the string
// unless an odd number of backslashes stands before it.
size_t skipString(std::string_view text, size_t at) {
  for (size_t from = at + 1; from < text.size();) {
    const void* found = std::memchr(text.data() + from, '"', text.size() - from);
    if (!found)
      return std::string_view::npos;
    const size_t quote = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    size_t backslashes = 0;
    while (quote - backslashes > at + 1 && text[quote - backslashes - 1] == '\\')
      ++backslashes;
    if (backslashes % 2 == 0)
      return quote + 1;
    from = quote + 1;
  }
  return std::string_view::npos;
}

size_t skipValue(std::string_view text, size_t at) {
  if (at >= text.size())
    return std::string_view::npos;
  if (text[at] == '"')
    return skipString(text, at);
  if (text[at] == '{' || text[at] == '[') {
    int depth = 0;
    while (at < text.size()) {
      const char c = text[at];
      if (c == '"') {
        at = skipString(text, at);
        if (at == std::string_view::npos)
          return at;
        continue;
      }
      if (c == '{' || c == '[')
        ++depth;
      else if ((c == '}' || c == ']') && --depth == 0)
        return at + 1;
      ++at;
    }
    return std::string_view::npos;
  }
  while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' && text[at] != ' ' &&
         text[at] != '\n' && text[at] != '\r' && text[at] != '\t')
    ++at;
  return at;
}

struct Spliced {
  std::string text;           // the file with the imageData string emptied
  std::string_view imageData; // the string's characters, in the original text
};

std::optional<Spliced> withoutImageData(std::string_view text) {
  // Only worth a scan when the file has a long imageData string (not null, as in most datasets).
  const size_t first = text.size() < kSpliceMinimum ? std::string_view::npos : text.find("\"imageData\"");
  if (first == std::string_view::npos)
    return std::nullopt;
  const size_t value = skipSpace(text, first + 11);
  if (value >= text.size() || text[value] != ':' || skipSpace(text, value + 1) >= text.size() ||
      text[skipSpace(text, value + 1)] != '"')
    return std::nullopt;
  size_t at = skipSpace(text, 0);
  if (at >= text.size() || text[at] != '{')
    return std::nullopt;
  at = skipSpace(text, at + 1);
  std::optional<std::pair<size_t, size_t>> found;
  int imageDataKeys = 0;
  while (at < text.size() && text[at] != '}') {
    if (text[at] != '"')
      return std::nullopt;
    const size_t keyEnd = skipString(text, at);
    if (keyEnd == std::string_view::npos)
      return std::nullopt;
    const std::string_view key = text.substr(at, keyEnd - at);
    if (key.find('\\') != std::string_view::npos) // an escaped key might spell imageData
      return std::nullopt;
    const bool imageDataKey = key == "\"imageData\"";
    at = skipSpace(text, keyEnd);
    if (at >= text.size() || text[at] != ':')
      return std::nullopt;
    at = skipSpace(text, at + 1);
    const size_t valueEnd = skipValue(text, at);
    if (imageDataKey && ++imageDataKeys == 1 && valueEnd != std::string_view::npos && text[at] == '"' &&
        valueEnd - at - 2 >= kSpliceMinimum && isPlainJsonText(text.substr(at + 1, valueEnd - at - 2)))
      found = std::make_pair(at + 1, valueEnd - 1);
    at = skipSpace(text, valueEnd);
    if (at >= text.size())
      return std::nullopt;
    if (text[at] == ',')
      at = skipSpace(text, at + 1);
    else if (text[at] != '}')
      return std::nullopt;
  }
  if (!found || imageDataKeys != 1) // a repeated key: leave the choice of value to the parser
    return std::nullopt;
  Spliced spliced;
  spliced.text.reserve(text.size() - (found->second - found->first));
  spliced.text.append(text.substr(0, found->first));
  spliced.text.append(text.substr(found->second));
  spliced.imageData = text.substr(found->first, found->second - found->first);
  return spliced;
}

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
  std::optional<Spliced> spliced = withoutImageData(text);
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
    return Reader(path, spliced ? std::optional<std::string_view>(spliced->imageData) : std::nullopt).read(root);
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
