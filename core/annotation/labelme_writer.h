#pragma once
// Writes a LabelmeDocument in the labelme 5.x layout: keys version, flags, shapes, imagePath, imageData,
// imageHeight, imageWidth, then the kept unknown keys; shape keys label, points, group_id, description,
// shape_type, flags, mask, then the shape's kept keys. UTF-8 with non-ASCII as is, indent 2 (as Labelme's
// json.dump(ensure_ascii=False, indent=2)), imagePath with forward slashes.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace polytrain::annotation {

// The JSON text of `document`.
std::string toLabelmeJson(const LabelmeDocument& document);

// Writes `document` to `path` atomically: a crash during the save leaves the old file or the new one, never a
// truncated one.
std::optional<Error> writeLabelmeFile(const std::string& path, const LabelmeDocument& document);

// True when every character is printable ASCII other than '"' and '\\': JSON holds such text as it is, in both
// directions (the reader and writer splice long embedded images with it). Eight bytes at a time.
bool isPlainJsonText(std::string_view text);

// "a\\b/c.jpg" -> "a/b/c.jpg"
std::string forwardSlashes(std::string path);

} // namespace polytrain::annotation
