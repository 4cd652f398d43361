#include "core/common/atomic_file.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace polytrain;

namespace {
fs::path freshFolder(const std::string& name) {
  const fs::path folder = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "atomic_file" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}
} // namespace

TEST(AtomicFileTest, WritesAndReadsBackBytesIncludingNul) {
  const fs::path file = freshFolder("roundtrip") / "data.bin";
  const std::string bytes("a\0b\nc\xff", 6);
  ASSERT_FALSE(writeFileAtomically(file.string(), bytes));
  std::string read;
  ASSERT_FALSE(readWholeFile(file.string(), read));
  EXPECT_EQ(read, bytes);
}

TEST(AtomicFileTest, ReplacesExistingFileAndLeavesNoTemporary) {
  const fs::path folder = freshFolder("replace");
  const fs::path file = folder / "a.json";
  ASSERT_FALSE(writeFileAtomically(file.string(), "old"));
  ASSERT_FALSE(writeFileAtomically(file.string(), "new contents"));
  std::string read;
  ASSERT_FALSE(readWholeFile(file.string(), read));
  EXPECT_EQ(read, "new contents");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
    ++entries;
  EXPECT_EQ(entries, 1) << "a temporary file was left behind";
}

TEST(AtomicFileTest, FailureNamesTheFileAndKeepsNothing) {
  const fs::path file = freshFolder("missing") / "no-such-folder" / "a.json";
  const auto error = writeFileAtomically(file.string(), "x");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->path, file.string());
  EXPECT_NE(error->message().find("a.json"), std::string::npos);
  EXPECT_FALSE(fs::exists(file));
}

TEST(AtomicFileTest, ReadingAMissingFileNamesIt) {
  std::string read;
  const auto error = readWholeFile("/nonexistent/b.json", read);
  ASSERT_TRUE(error);
  EXPECT_NE(error->message().find("/nonexistent/b.json"), std::string::npos);
}
