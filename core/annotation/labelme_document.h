#pragma once
// The model of one Labelme JSON file (labelme 3.x to 7.x and X-AnyLabeling): what every reader fills and every
// writer saves. Keys this model does not know are kept, in file order, so that a load + save loses nothing.
#include <nlohmann/json.hpp>
#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polytrain::annotation {

// The Labelme version we write when a document has none (the Debian labelme the tests run against).
inline constexpr const char* kLabelmeWriteVersion = "5.1.1";

// One annotation. `shapeType` stays a string so that types written by newer tools survive a round trip;
// `knownShapeType` maps it to the kinds this program draws.
struct LabelmeShape {
  std::string label;
  std::vector<cv::Point2d> points;
  std::optional<int> groupId;
  nlohmann::ordered_json description = ""; // a string; null when the file says null
  std::string shapeType = "polygon";       // labelme 3.x files have none: polygon
  nlohmann::ordered_json flags = nlohmann::ordered_json::object();
  std::optional<std::string> mask; // base64 PNG for shape_type "mask"; points are its bbox corners
  nlohmann::ordered_json extra = nlohmann::ordered_json::object(); // unknown keys (line_color, score, ...) in order
};

enum class ShapeKind { Polygon, Rectangle, Circle, Line, Point, LineStrip, Mask, OrientedRectangle, Unknown };

ShapeKind knownShapeType(const std::string& shapeType);

struct LabelmeDocument {
  std::string version;                                             // as in the file; empty when the file has none
  nlohmann::ordered_json flags = nlohmann::ordered_json::object(); // image-level flags, in file order
  std::vector<LabelmeShape> shapes;
  std::string imagePath;                // as in the file (may hold backslashes)
  std::optional<std::string> imageData; // base64 of the image file's bytes
  std::optional<int> imageHeight;
  std::optional<int> imageWidth;
  nlohmann::ordered_json extra = nlohmann::ordered_json::object(); // unknown top-level keys in order
};

} // namespace polytrain::annotation
