#include "core/common/atomic_file.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace polytrain {
namespace {

Error systemError(const std::string& path, const std::string& action) {
  return Error{path, "", action + ": " + std::strerror(errno)};
}

// Unique per process (pid, a random start drawn once, a counter); O_EXCL catches the rest.
std::string temporarySibling(const std::filesystem::path& target) {
  static const unsigned start = std::random_device{}();
  static std::atomic<unsigned> counter{0};
  std::ostringstream name;
  name << "." << target.filename().string() << ".tmp-" << ::getpid() << "-" << std::hex << start << "-"
       << counter.fetch_add(1);
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

int openFolder(const std::filesystem::path& folder) {
  return ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

void syncFolder(const std::filesystem::path& folder) {
  const int fd = openFolder(folder);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Creates the temporary beside `path` and writes `bytes` to it, fsynced when `sync`; returns its name.
std::optional<Error> writeTemporary(const std::string& path, std::string_view bytes, bool sync,
                                    std::string& temporary) {
  temporary = temporarySibling(std::filesystem::path(path));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return systemError(path, "cannot create a temporary file beside it");
  const bool written = writeAll(fd, bytes) && (!sync || ::fsync(fd) == 0);
  const int writeErrno = errno;
  const bool closed = ::close(fd) == 0; // NFS and quota errors can surface only here
  if (!written || !closed) {
    errno = written ? errno : writeErrno;
    const Error error = systemError(path, "cannot write");
    ::unlink(temporary.c_str());
    return error;
  }
  return std::nullopt;
}

std::optional<Error> replace(const std::string& temporary, const std::string& path) {
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const Error error = systemError(path, "cannot replace");
    ::unlink(temporary.c_str());
    return error;
  }
  return std::nullopt;
}

} // namespace

std::optional<Error> writeFileAtomically(const std::string& path, std::string_view bytes) {
  std::string temporary;
  if (std::optional<Error> failure = writeTemporary(path, bytes, true, temporary))
    return failure;
  if (std::optional<Error> failure = replace(temporary, path))
    return failure;
  syncFolder(std::filesystem::path(path).parent_path());
  return std::nullopt;
}

AtomicBatchWriter::AtomicBatchWriter(size_t maxStaged) : maxStaged_(std::max<size_t>(maxStaged, 1)) {}

AtomicBatchWriter::~AtomicBatchWriter() {
  for (const Staged& file : staged_)
    ::unlink(file.temporary.c_str());
}

std::optional<Error> AtomicBatchWriter::add(const std::string& path, std::string_view bytes) {
  Staged file{path, {}};
  if (std::optional<Error> failure = writeTemporary(path, bytes, false, file.temporary))
    return failure;
  staged_.push_back(std::move(file));
  if (staged_.size() >= maxStaged_)
    flushStaged();
  return std::nullopt;
}

void AtomicBatchWriter::flushStaged() {
  if (staged_.empty())
    return;
  // 1. The temporaries' data reaches the disk: one syncfs per file system (each folder's device, looked up once).
  //    Where syncfs fails, each temporary is fsynced instead, so the guarantee never depends on it.
  std::set<std::string> folders;
  for (const Staged& file : staged_)
    folders.insert(std::filesystem::path(file.path).parent_path().string());
  std::set<dev_t> synced;
  bool allSynced = true;
  for (const std::string& folder : folders) {
    struct stat info {};
    const int fd = openFolder(folder);
    if (fd < 0 || ::fstat(fd, &info) != 0) {
      allSynced = false;
    } else if (!synced.count(info.st_dev)) {
      if (::syncfs(fd) == 0)
        synced.insert(info.st_dev);
      else
        allSynced = false;
    }
    if (fd >= 0)
      ::close(fd);
  }
  std::vector<Staged> ready;
  for (Staged& file : staged_) {
    bool durable = allSynced;
    if (!durable) {
      const int fd = ::open(file.temporary.c_str(), O_WRONLY | O_CLOEXEC);
      durable = fd >= 0 && ::fsync(fd) == 0;
      if (!durable)
        done_.errors.push_back(systemError(file.path, "cannot write"));
      if (fd >= 0)
        ::close(fd);
    }
    if (durable)
      ready.push_back(std::move(file));
    else
      ::unlink(file.temporary.c_str());
  }
  staged_.clear();
  // 2. Only durable data is renamed into place, then each folder's new entries are flushed once.
  for (const Staged& file : ready) {
    if (std::optional<Error> failure = replace(file.temporary, file.path))
      done_.errors.push_back(*failure);
    else
      done_.written.push_back(file.path);
  }
  for (const std::string& folder : folders)
    syncFolder(folder);
}

AtomicBatchWriter::Result AtomicBatchWriter::commit() {
  flushStaged();
  Result result = std::move(done_);
  done_ = Result{};
  return result;
}

std::optional<Error> readWholeFile(const std::string& path, std::string& bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return systemError(path, "cannot open");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    errno = S_ISDIR(info.st_mode) ? EISDIR : errno;
    const Error error = systemError(path, "cannot read");
    ::close(fd);
    return error;
  }
  // One read of the known size (the stream copy it replaces cost more than parsing a small file); files that
  // grow or do not know their size (pipes) are read to the end anyway.
  std::string out;
  out.resize(info.st_size > 0 ? size_t(info.st_size) : 0);
  size_t done = 0;
  while (true) {
    if (done == out.size())
      out.resize(out.size() + 64 * 1024);
    const ssize_t got = ::read(fd, out.data() + done, out.size() - done);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      const Error error = systemError(path, "cannot read");
      ::close(fd);
      return error;
    }
    if (got == 0)
      break;
    done += size_t(got);
  }
  ::close(fd);
  out.resize(done);
  bytes = std::move(out);
  return std::nullopt;
}

} // namespace polytrain
