#include "app/cli/class_names_option.h"

#include <fstream>
#include <sstream>

namespace polytrain::cli {

std::vector<std::string> parseClassNames(const std::string& text) {
  std::vector<std::string> names;
  if (text.empty())
    return names;
  std::ifstream file(text);
  std::string line;
  if (file) {
    while (std::getline(file, line)) {
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      if (!line.empty() && line != "__ignore__" && line != "_background_")
        names.push_back(line);
    }
    return names;
  }
  std::stringstream stream(text);
  while (std::getline(stream, line, ','))
    if (!line.empty())
      names.push_back(line);
  return names;
}

} // namespace polytrain::cli
