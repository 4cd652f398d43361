#pragma once
#include "core/common/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace polytrain {

// Writes `bytes` to `path` so that a reader (or a crash) sees either the old file or the whole new one:
// write to a temporary file in the same folder, fsync it, rename it over `path`, fsync the folder.
// Returns the error, naming the file, when any step fails; the old file is then untouched.
std::optional<Error> writeFileAtomically(const std::string& path, std::string_view bytes);

// Reads a whole file. Errors name the file.
std::optional<Error> readWholeFile(const std::string& path, std::string& bytes);

} // namespace polytrain
