#pragma once
#include <string>

namespace polytrain::evaluation {

// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string csvField(const std::string& text);
// A number with up to 6 significant decimals ("0.5", "0.333333", "-1").
std::string csvNumber(double value);

} // namespace polytrain::evaluation
