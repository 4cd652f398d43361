#pragma once
// Whether the GUI can open a window: checked before QApplication exists, because Qt aborts the process
// when its platform plugin finds no display.
#include <string>

namespace polytrain::app {

struct DisplayCheck {
  bool available = false;
  std::string reason; // why not, in words, when unavailable
};

DisplayCheck checkDisplay(int argc, char** argv);

} // namespace polytrain::app
