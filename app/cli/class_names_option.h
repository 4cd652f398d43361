#pragma once
// The --classes option of the commands that load weights: names comma-separated, or a classes.txt / labels.txt
// file (one name a line; Labelme's __ignore__ and _background_ lines are skipped).
#include <string>
#include <vector>

namespace polytrain::cli {

std::vector<std::string> parseClassNames(const std::string& text);

} // namespace polytrain::cli
