#pragma once
// COCO's compressed RLE string (the "counts" string of a results or annotation file): each count is written as
// 5-bit groups with a continuation bit, offset by '0'; from the fourth count on, the difference to the count two
// places before is written instead of the count itself (the format pycocotools reads and writes).
#include "core/evaluation/rle.h"

#include <optional>
#include <string>

namespace polytrain::evaluation {

std::string rleCountsToString(const std::vector<uint32_t>& counts);
// Returns nothing when the string is malformed (a character outside the alphabet, a truncated group, a negative
// count).
std::optional<std::vector<uint32_t>> rleCountsFromString(const std::string& text);

} // namespace polytrain::evaluation
