#include "core/common/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace polytrain {
namespace {

Error systemError(const std::string& path, const std::string& action) {
  return Error{path, "", action + ": " + std::strerror(errno)};
}

std::string temporarySibling(const std::filesystem::path& target) {
  std::random_device entropy;
  std::ostringstream name;
  name << "." << target.filename().string() << ".tmp-" << ::getpid() << "-" << std::hex << entropy();
  return (target.parent_path() / name.str()).string();
}

bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

void syncFolder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

std::optional<Error> writeFileAtomically(const std::string& path, std::string_view bytes) {
  const std::filesystem::path target(path);
  const std::string temporary = temporarySibling(target);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return systemError(path, "cannot create a temporary file beside it");
  const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
  const int savedErrno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    errno = savedErrno;
    return systemError(path, "cannot write");
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const Error error = systemError(path, "cannot replace");
    ::unlink(temporary.c_str());
    return error;
  }
  syncFolder(target.parent_path());
  return std::nullopt;
}

std::optional<Error> readWholeFile(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return systemError(path, "cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return systemError(path, "cannot read");
  bytes = buffer.str();
  return std::nullopt;
}

} // namespace polytrain
