#pragma once
// Reads Labelme JSON (labelme 3.x to 7.x, X-AnyLabeling) into a LabelmeDocument. Every problem is collected, not
// only the first, and each names the file and the JSON location: "a.json: /shapes/3/points: polygon needs >= 3
// points, got 2". Nothing throws.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polytrain::annotation {

struct LoadResult {
  std::optional<LabelmeDocument> document; // present when there are no errors
  std::vector<Error> errors;
  std::vector<Error> warnings; // the document is usable; something was off (null flags, unknown shape type, ...)

  bool ok() const { return document.has_value(); }
};

// Parses JSON text; `path` only names the file in messages.
LoadResult parseLabelmeJson(std::string_view text, const std::string& path);

// Reads and parses a file.
LoadResult readLabelmeFile(const std::string& path);

} // namespace polytrain::annotation
