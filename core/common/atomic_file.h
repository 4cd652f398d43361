#pragma once
#include "core/common/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polytrain {

// Writes `bytes` to `path` so that a reader (or a crash) sees either the old file or the whole new one:
// write to a temporary file in the same folder, fsync it, rename it over `path`, fsync the folder.
// Returns the error, naming the file, when any step fails; the old file is then untouched.
// For one save the user waits on; many files at once go through AtomicBatchWriter.
std::optional<Error> writeFileAtomically(const std::string& path, std::string_view bytes);

// Writes many files with the same guarantee as writeFileAtomically (each target is the old file or the whole new
// one, also after a crash, and all are on disk when commit() returns) for a fraction of the cost: an fsync per
// file and per folder costs a disk flush each, so a batch writes every temporary file first, flushes them all with
// one syncfs() per file system, then renames each over its target and fsyncs each folder once.
// Until commit(), targets are untouched and the temporaries are hidden siblings (".name.tmp-..."); a crash before
// commit leaves those behind, never a truncated target. Not thread-safe: one writer per thread.
// Cost: syncfs also writes out whatever else is dirty on that file system (another program's build, say), so a
// batch on a busy disk can take longer than on a quiet one; it is still one flush instead of two per file.
class AtomicBatchWriter {
public:
  // Commits on its own every `maxStaged` files, which bounds the hidden temporaries a crash can leave behind.
  explicit AtomicBatchWriter(size_t maxStaged = 256);
  ~AtomicBatchWriter(); // removes the temporaries of files never committed
  AtomicBatchWriter(const AtomicBatchWriter&) = delete;
  AtomicBatchWriter& operator=(const AtomicBatchWriter&) = delete;

  // Writes `bytes` to a temporary sibling of `path`; the error names `path` when that fails.
  std::optional<Error> add(const std::string& path, std::string_view bytes);

  struct Result {
    std::vector<std::string> written; // targets now in place and durable, in the order added
    std::vector<Error> errors;        // targets left as they were
  };
  // Makes every file added so far durable and visible; returns them all, auto-commits included.
  Result commit();

private:
  void flushStaged();

  struct Staged {
    std::string path;
    std::string temporary;
  };
  size_t maxStaged_;
  std::vector<Staged> staged_;
  Result done_;
};

// Reads a whole file. Errors name the file.
std::optional<Error> readWholeFile(const std::string& path, std::string& bytes);

} // namespace polytrain
