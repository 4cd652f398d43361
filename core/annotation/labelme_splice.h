#pragma once
// Speed-up for reading Labelme files, invisible in the result: the bulky parts of a file (the embedded image, a
// long base64 string; the shapes' point lists, thousands of [x, y] pairs) cost nlohmann's DOM parser a byte-by-byte
// copy and a node per number. A light scan of the text cuts them out (the string emptied, each list left as []),
// reads them directly, and the parser gets the rest. Anything the scan does not follow exactly (escapes, repeated
// keys, a point that is not [number, number], numbers out of double range) is left in the text for the parser,
// so the document read is always the plain parse's.
#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polytrain::annotation {

struct SplicedLabelme {
  std::string text;                                            // the file with the cut parts emptied
  std::optional<std::string_view> imageData;                   // the top-level imageData string, in the original
  std::vector<std::optional<std::vector<cv::Point2d>>> points; // per shape index: its points, when cut out
};

// nullopt when nothing was worth cutting (or the top level is not an object the scan follows).
std::optional<SplicedLabelme> spliceLabelme(std::string_view text);

} // namespace polytrain::annotation
