#include "core/annotation/base64.h"

#include <array>
#include <cstdint>

namespace polytrain::annotation {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> makeDecodeTable() {
  std::array<int8_t, 256> table{};
  for (auto& entry : table)
    entry = -1;
  for (int i = 0; i < 64; ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return table;
}

constexpr std::array<int8_t, 256> kDecode = makeDecodeTable();

bool isSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

} // namespace

std::string encodeBase64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v =
        (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint32_t(uint8_t(bytes[i + 2]));
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2)
      v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> decodeBase64(std::string_view text, std::string* problem) {
  auto fail = [problem](std::string what) -> std::optional<std::string> {
    if (problem)
      *problem = std::move(what);
    return std::nullopt;
  };
  // Whole quanta of alphabet characters (all of an embedded image but its end) go straight into the buffer;
  // the first space, '=' or stray character hands over to the checking loop below.
  std::string out(text.size() / 4 * 3, '\0');
  size_t written = 0;
  size_t start = 0;
  for (; start + 4 <= text.size(); start += 4) {
    const int8_t a = kDecode[uint8_t(text[start])], b = kDecode[uint8_t(text[start + 1])];
    const int8_t c = kDecode[uint8_t(text[start + 2])], d = kDecode[uint8_t(text[start + 3])];
    if ((a | b | c | d) < 0)
      break;
    const uint32_t v = (uint32_t(a) << 18) | (uint32_t(b) << 12) | (uint32_t(c) << 6) | uint32_t(d);
    out[written] = char(v >> 16);
    out[written + 1] = char((v >> 8) & 0xFF);
    out[written + 2] = char(v & 0xFF);
    written += 3;
  }
  out.resize(written); // keeps the capacity for the rest
  uint32_t accumulator = 0;
  int count = 0;   // sextets in the current quantum
  int padding = 0; // '=' seen
  for (size_t position = start; position < text.size(); ++position) {
    const char c = text[position];
    if (isSpace(c))
      continue;
    if (c == '=') {
      if (count < 2)
        return fail("invalid base64: misplaced '=' at character " + std::to_string(position));
      ++padding;
      if (count + padding > 4)
        return fail("invalid base64: too much padding at character " + std::to_string(position));
      continue;
    }
    const int8_t value = kDecode[static_cast<unsigned char>(c)];
    if (value < 0)
      return fail("invalid base64: unexpected character at position " + std::to_string(position));
    if (padding > 0)
      return fail("invalid base64: data after padding at character " + std::to_string(position));
    accumulator = (accumulator << 6) | uint32_t(value);
    if (++count == 4) {
      out += char((accumulator >> 16) & 0xFF);
      out += char((accumulator >> 8) & 0xFF);
      out += char(accumulator & 0xFF);
      accumulator = 0;
      count = 0;
    }
  }
  if (count == 1)
    return fail("invalid base64: length is not a multiple of 4");
  if (count == 2 || count == 3) {
    if (padding != 0 && count + padding != 4)
      return fail("invalid base64: wrong padding");
    if (padding == 0)
      return fail("invalid base64: missing padding");
    accumulator <<= 6 * (4 - count);
    out += char((accumulator >> 16) & 0xFF);
    if (count == 3)
      out += char((accumulator >> 8) & 0xFF);
  } else if (padding != 0) {
    return fail("invalid base64: wrong padding");
  }
  return out;
}

} // namespace polytrain::annotation
