#include "app/gui/display_check.h"

#include <cstdlib>
#include <cstring>

namespace polytrain::app {
namespace {
bool isSet(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0';
}
} // namespace

DisplayCheck checkDisplay(int argc, char** argv) {
  for (int index = 1; index < argc; ++index)
    if (std::strcmp(argv[index], "-platform") == 0 || std::strcmp(argv[index], "--platform") == 0)
      return {true, {}};
  if (isSet("QT_QPA_PLATFORM") || isSet("DISPLAY") || isSet("WAYLAND_DISPLAY"))
    return {true, {}};
  return {false, "no display: DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are all unset"};
}

} // namespace polytrain::app
