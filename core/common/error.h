#pragma once
#include <string>

namespace polytrain {

// An error that crosses a layer boundary as a value. `path` is the file, `pointer` the place inside it
// (a JSON pointer such as /shapes/3/points, or empty), `what` the problem in words.
struct Error {
  std::string path;
  std::string pointer;
  std::string what;

  // "a.json: /shapes/3/points: polygon needs >= 3 points, got 2"
  std::string message() const;
};

} // namespace polytrain
