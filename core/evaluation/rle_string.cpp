#include "core/evaluation/rle_string.h"

namespace polytrain::evaluation {

std::string rleCountsToString(const std::vector<uint32_t>& counts) {
  std::string text;
  for (size_t i = 0; i < counts.size(); ++i) {
    int64_t value = counts[i];
    if (i > 2)
      value -= static_cast<int64_t>(counts[i - 2]);
    bool more = true;
    while (more) {
      int64_t group = value & 0x1f;
      value >>= 5; // arithmetic shift: negative values stay negative
      // Stop once the rest is pure sign extension of the group's top bit.
      more = (group & 0x10) ? value != -1 : value != 0;
      if (more)
        group |= 0x20;
      text += static_cast<char>(group + 48);
    }
  }
  return text;
}

std::optional<std::vector<uint32_t>> rleCountsFromString(const std::string& text) {
  std::vector<uint32_t> counts;
  size_t p = 0;
  while (p < text.size()) {
    int64_t value = 0;
    int shift = 0;
    bool more = true;
    while (more) {
      if (p >= text.size() || shift > 55)
        return std::nullopt;
      const int group = static_cast<unsigned char>(text[p]) - 48;
      if (group < 0 || group > 63)
        return std::nullopt;
      value |= static_cast<int64_t>(group & 0x1f) << shift;
      more = (group & 0x20) != 0;
      ++p;
      shift += 5;
      if (!more && (group & 0x10))
        value |= -(int64_t{1} << shift); // sign-extend
    }
    if (counts.size() > 2)
      value += counts[counts.size() - 2];
    if (value < 0 || value > int64_t{UINT32_MAX})
      return std::nullopt;
    counts.push_back(static_cast<uint32_t>(value));
  }
  return counts;
}

} // namespace polytrain::evaluation
