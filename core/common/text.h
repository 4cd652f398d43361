#pragma once
// Small text helpers shared by readers of user files: file extensions and error texts compare without case.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace polytrain {

// ASCII lower case (the C locale's): extensions and library error texts, never user-visible names.
inline std::string asciiLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// ".jpg" for "photo.JPG"; empty when the name has none.
inline std::string lowerExtension(const std::string& path) {
  return asciiLower(std::filesystem::path(path).extension().string());
}

} // namespace polytrain
