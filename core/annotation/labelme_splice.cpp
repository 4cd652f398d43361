#include "core/annotation/labelme_splice.h"

#include "core/annotation/labelme_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

namespace polytrain::annotation {
namespace {

constexpr size_t kImageMinimum = 4096; // shorter strings are not worth a splice
constexpr size_t kTextMinimum = 1024;  // nor are smaller files

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

// One JSON number at `at` (strict JSON grammar), as nlohmann reads it: integer syntax is an int64/uint64 turned into
// a double (so "-0" is +0.0), anything else (or an integer out of range) the correctly rounded double, which
// from_chars gives as strtod does. Returns the index after it, or npos when the scan should leave it alone.
size_t readNumber(std::string_view text, size_t at, double& out) {
  const size_t start = at;
  bool integer = true;
  if (at < text.size() && text[at] == '-')
    ++at;
  if (at >= text.size() || text[at] < '0' || text[at] > '9')
    return std::string_view::npos;
  if (text[at] == '0')
    ++at;
  else
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
      ++at;
  if (at < text.size() && text[at] == '.') {
    integer = false;
    const size_t digits = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
      ++at;
    if (at == digits)
      return std::string_view::npos;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    integer = false;
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-'))
      ++at;
    const size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
      ++at;
    if (at == digits)
      return std::string_view::npos;
  }
  const char* first = text.data() + start;
  const char* last = text.data() + at;
  if (integer) {
    if (*first == '-') {
      int64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc()) {
        out = static_cast<double>(value);
        return at;
      }
    } else {
      uint64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc()) {
        out = static_cast<double>(value);
        return at;
      }
    }
  }
  const std::from_chars_result parsed = std::from_chars(first, last, out);
  return parsed.ec == std::errc() && parsed.ptr == last ? at : std::string_view::npos;
}

// A list of [x, y] number pairs at `at` (on its '['): the index after it, or npos when it is anything else.
size_t readPoints(std::string_view text, size_t at, std::vector<cv::Point2d>& points) {
  at = skipSpace(text, at + 1);
  if (at < text.size() && text[at] == ']')
    return at + 1;
  while (at < text.size()) {
    double xy[2] = {0, 0};
    if (text[at] != '[')
      return std::string_view::npos;
    at = skipSpace(text, at + 1);
    for (int axis = 0; axis < 2; ++axis) {
      at = readNumber(text, at, xy[axis]);
      if (at == std::string_view::npos)
        return at;
      at = skipSpace(text, at);
      if (at >= text.size() || text[at] != (axis == 0 ? ',' : ']'))
        return std::string_view::npos;
      at = skipSpace(text, at + 1);
    }
    points.emplace_back(xy[0], xy[1]);
    if (at >= text.size())
      return std::string_view::npos;
    if (text[at] == ']')
      return at + 1;
    if (text[at] != ',')
      return std::string_view::npos;
    at = skipSpace(text, at + 1);
  }
  return std::string_view::npos;
}

// Walks the members of the object whose '{' is at `at`, calling member(keyWithoutQuotes, valueStart) which
// returns the index after the value (or npos). Returns the index after the '}', or npos.
template <class Member> size_t walkObject(std::string_view text, size_t at, Member member) {
  at = skipSpace(text, at + 1);
  while (at < text.size() && text[at] != '}') {
    if (text[at] != '"')
      return std::string_view::npos;
    const size_t keyEnd = skipString(text, at);
    if (keyEnd == std::string_view::npos)
      return keyEnd;
    const std::string_view key = text.substr(at + 1, keyEnd - at - 2);
    if (key.find('\\') != std::string_view::npos) // an escaped key might spell one we look for
      return std::string_view::npos;
    at = skipSpace(text, keyEnd);
    if (at >= text.size() || text[at] != ':')
      return std::string_view::npos;
    at = skipSpace(text, at + 1);
    at = member(key, at);
    if (at == std::string_view::npos)
      return at;
    at = skipSpace(text, at);
    if (at >= text.size())
      return std::string_view::npos;
    if (text[at] == ',')
      at = skipSpace(text, at + 1);
    else if (text[at] != '}')
      return std::string_view::npos;
  }
  return at < text.size() ? at + 1 : std::string_view::npos;
}

struct Cut {
  size_t begin, end; // characters removed from the text
};

} // namespace

std::optional<SplicedLabelme> spliceLabelme(std::string_view text) {
  if (text.size() < kTextMinimum)
    return std::nullopt;
  size_t at = skipSpace(text, 0);
  if (at >= text.size() || text[at] != '{')
    return std::nullopt;
  SplicedLabelme spliced;
  std::vector<Cut> cuts;
  int imageDataKeys = 0, shapesKeys = 0;
  bool repeated = false;
  const size_t end = walkObject(text, at, [&](std::string_view key, size_t value) -> size_t {
    if (key == "imageData") {
      const size_t valueEnd = skipValue(text, value);
      if (++imageDataKeys == 1 && valueEnd != std::string_view::npos && text[value] == '"' &&
          valueEnd - value - 2 >= kImageMinimum && isPlainJsonText(text.substr(value + 1, valueEnd - value - 2))) {
        spliced.imageData = text.substr(value + 1, valueEnd - value - 2);
        cuts.push_back({value + 1, valueEnd - 1});
      }
      return valueEnd;
    }
    if (key != "shapes" || ++shapesKeys > 1 || text[value] != '[')
      return skipValue(text, value);
    // The shapes: each object's "points" list, read here when it is plain pairs.
    size_t shape = skipSpace(text, value + 1);
    for (size_t index = 0; shape < text.size() && text[shape] != ']'; ++index) {
      spliced.points.emplace_back();
      size_t next = std::string_view::npos;
      if (text[shape] == '{') {
        int pointsKeys = 0;
        next = walkObject(text, shape, [&](std::string_view field, size_t list) -> size_t {
          if (field != "points")
            return skipValue(text, list);
          if (++pointsKeys > 1)
            repeated = true;
          std::vector<cv::Point2d> points;
          const size_t listEnd = text[list] == '[' ? readPoints(text, list, points) : std::string_view::npos;
          if (listEnd == std::string_view::npos) // not plain pairs: the parser reads it
            return skipValue(text, list);
          spliced.points[index] = std::move(points);
          cuts.push_back({list + 1, listEnd - 1});
          return listEnd;
        });
      } else {
        next = skipValue(text, shape);
      }
      if (next == std::string_view::npos)
        return next;
      shape = skipSpace(text, next);
      if (shape < text.size() && text[shape] == ',')
        shape = skipSpace(text, shape + 1);
      else if (shape >= text.size() || text[shape] != ']')
        return std::string_view::npos;
    }
    return shape < text.size() ? shape + 1 : std::string_view::npos;
  });
  // A repeated key leaves the choice of value to the parser.
  if (end == std::string_view::npos || repeated || imageDataKeys > 1 || shapesKeys > 1 || cuts.empty())
    return std::nullopt;
  size_t removed = 0;
  for (const Cut& cut : cuts)
    removed += cut.end - cut.begin;
  spliced.text.reserve(text.size() - removed);
  size_t from = 0; // the cuts are in text order: imageData and shapes are separate members
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
  for (const Cut& cut : cuts) {
    spliced.text.append(text.substr(from, cut.begin - from));
    from = cut.end;
  }
  spliced.text.append(text.substr(from));
  return spliced;
}

} // namespace polytrain::annotation
