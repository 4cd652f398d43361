#pragma once
// Rules for a shape's geometry, shared by the reader and the writer: how many points each shape type needs,
// finite and bounded coordinates, a decodable mask for mask shapes.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"

#include <string>
#include <vector>

namespace polytrain::annotation {

// Coordinates beyond this magnitude are rejected: they cannot be an annotation of a real image and would overflow
// the integer rasteriser.
inline constexpr double kMaxCoordinate = 1.0e6;

struct Problems {
  std::vector<Error> errors;
  std::vector<Error> warnings;
};

// Checks `shape` (found at JSON pointer `pointer`, e.g. "/shapes/3", in file `path`) and appends what is wrong.
void validateShape(const LabelmeShape& shape, const std::string& path, const std::string& pointer, Problems& problems);

// Checks every shape and the image size fields.
Problems validateDocument(const LabelmeDocument& document, const std::string& path);

} // namespace polytrain::annotation
