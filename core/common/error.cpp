#include "core/common/error.h"

namespace polytrain {

std::string Error::message() const {
  std::string text;
  if (!path.empty())
    text += path + ": ";
  if (!pointer.empty())
    text += pointer + ": ";
  text += what;
  return text;
}

} // namespace polytrain
