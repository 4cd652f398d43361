#include "core/annotation/labelme_writer.h"

#include "core/common/atomic_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace polytrain::annotation {
namespace {

using Json = nlohmann::ordered_json;

Json optionalInt(const std::optional<int>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json shapeToJson(const LabelmeShape& shape) {
  Json out = Json::object();
  out["label"] = shape.label;
  Json points = Json::array();
  for (const cv::Point2d& point : shape.points)
    points.push_back(Json::array({point.x, point.y}));
  out["points"] = std::move(points);
  out["group_id"] = optionalInt(shape.groupId);
  out["description"] = shape.description;
  out["shape_type"] = shape.shapeType;
  out["flags"] = shape.flags.is_object() ? shape.flags : Json::object();
  out["mask"] = shape.mask ? Json(*shape.mask) : Json(nullptr);
  for (const auto& [key, value] : shape.extra.items())
    if (!out.contains(key))
      out[key] = value;
  return out;
}

} // namespace

bool isPlainJsonText(std::string_view text) {
  // Word-at-a-time byte tests (exact as yes/no answers): a byte with the high bit, a byte below 0x20, or a byte
  // equal to 0x7F, '"' or '\\'.
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const auto hasZero = [](uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    uint64_t v = 0;
    std::memcpy(&v, text.data() + at, 8);
    if ((v & kHighs) != 0 || ((v - kOnes * 0x20) & ~v & kHighs) != 0 || hasZero(v ^ (kOnes * 0x7F)) ||
        hasZero(v ^ (kOnes * '"')) || hasZero(v ^ (kOnes * '\\')))
      return false;
  }
  for (; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
      return false;
  }
  return true;
}

std::string forwardSlashes(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  return path;
}

std::string toLabelmeJson(const LabelmeDocument& document) {
  Json out = Json::object();
  out["version"] = document.version.empty() ? std::string(kLabelmeWriteVersion) : document.version;
  out["flags"] = document.flags.is_object() ? document.flags : Json::object();
  Json shapes = Json::array();
  for (const LabelmeShape& shape : document.shapes)
    shapes.push_back(shapeToJson(shape));
  out["shapes"] = std::move(shapes);
  out["imagePath"] = forwardSlashes(document.imagePath);
  // A long embedded image is put in after dumping: it needs no escaping, and dump() would copy it a byte at a time.
  const bool spliceImageData =
      document.imageData && document.imageData->size() >= 4096 && isPlainJsonText(*document.imageData);
  out["imageData"] = document.imageData ? Json(spliceImageData ? std::string() : *document.imageData) : Json(nullptr);
  out["imageHeight"] = optionalInt(document.imageHeight);
  out["imageWidth"] = optionalInt(document.imageWidth);
  for (const auto& [key, value] : document.extra.items())
    if (!out.contains(key))
      out[key] = value;
  // Strings set by code (not read from a file) might hold invalid UTF-8: replace it instead of throwing.
  std::string text = out.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace);
  if (spliceImageData) {
    // Top-level keys are the only ones indented by exactly two spaces, and strings hold no raw line breaks.
    constexpr std::string_view kEmpty = "\n  \"imageData\": \"\"";
    const size_t at = text.find(kEmpty);
    if (at != std::string::npos) {
      text.insert(at + kEmpty.size() - 1, *document.imageData);
    } else { // cannot happen with the layout above; never lose the image if it does
      out["imageData"] = *document.imageData;
      text = out.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace);
    }
  }
  return text;
}

std::optional<Error> writeLabelmeFile(const std::string& path, const LabelmeDocument& document) {
  return writeFileAtomically(path, toLabelmeJson(document));
}

} // namespace polytrain::annotation
