#pragma once
// Standard base64 (RFC 4648, '+' '/' and '=' padding), as Python's base64.b64encode/b64decode use it.
#include <optional>
#include <string>
#include <string_view>

namespace polytrain::annotation {

std::string encodeBase64(std::string_view bytes);

// Decodes `text`; returns nullopt and fills `problem` when it is not valid base64. As in Python's b64decode
// ASCII whitespace and line breaks are skipped; unlike Python (which drops them) any other character outside
// the alphabet is an error, as are wrong padding and a dangling character.
std::optional<std::string> decodeBase64(std::string_view text, std::string* problem = nullptr);

} // namespace polytrain::annotation
