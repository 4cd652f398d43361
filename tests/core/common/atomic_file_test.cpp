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

namespace {
int entriesIn(const fs::path& folder) {
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
    ++entries;
  return entries;
}
std::string contents(const fs::path& file) {
  std::string read;
  EXPECT_FALSE(readWholeFile(file.string(), read)) << file;
  return read;
}
} // namespace

TEST(AtomicBatchWriterTest, TargetsAppearOnlyAtCommitWithTheirWholeContents) {
  const fs::path a = freshFolder("batch_a"), b = freshFolder("batch_b");
  ASSERT_FALSE(writeFileAtomically((a / "0.json").string(), "old"));
  AtomicBatchWriter batch;
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(batch.add((a / (std::to_string(i) + ".json")).string(), "file " + std::to_string(i)));
    ASSERT_FALSE(batch.add((b / (std::to_string(i) + ".json")).string(), std::string(1000 * i, 'x')));
  }
  EXPECT_EQ(contents(a / "0.json"), "old"); // untouched until commit
  EXPECT_FALSE(fs::exists(a / "1.json"));
  const AtomicBatchWriter::Result result = batch.commit();
  EXPECT_TRUE(result.errors.empty());
  ASSERT_EQ(result.written.size(), 10u);
  EXPECT_EQ(result.written[0], (a / "0.json").string()); // in the order added
  EXPECT_EQ(result.written[1], (b / "0.json").string());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(contents(a / (std::to_string(i) + ".json")), "file " + std::to_string(i));
    EXPECT_EQ(contents(b / (std::to_string(i) + ".json")), std::string(1000 * i, 'x'));
  }
  EXPECT_EQ(entriesIn(a), 5) << "a temporary file was left behind";
  EXPECT_EQ(entriesIn(b), 5);
  EXPECT_TRUE(batch.commit().written.empty()); // nothing twice
}

TEST(AtomicBatchWriterTest, CommitsOnItsOwnEveryMaxStagedFiles) {
  const fs::path folder = freshFolder("batch_auto");
  AtomicBatchWriter batch(3);
  for (int i = 0; i < 7; ++i)
    ASSERT_FALSE(batch.add((folder / std::to_string(i)).string(), std::to_string(i)));
  EXPECT_EQ(contents(folder / "5"), "5"); // the first six are in place already
  EXPECT_EQ(entriesIn(folder), 7);        // six targets and the seventh's temporary
  EXPECT_EQ(batch.commit().written.size(), 7u);
  EXPECT_EQ(contents(folder / "6"), "6");
  EXPECT_EQ(entriesIn(folder), 7);
}

TEST(AtomicBatchWriterTest, AFailureNamesItsFileAndSparesTheOthers) {
  const fs::path folder = freshFolder("batch_fail");
  AtomicBatchWriter batch;
  const fs::path missing = folder / "no-such-folder" / "a.json";
  const auto error = batch.add(missing.string(), "x");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->path, missing.string());
  ASSERT_FALSE(batch.add((folder / "b.json").string(), "b"));
  // A target that cannot be replaced (a folder in its place) fails at commit, alone.
  fs::create_directories(folder / "c.json" / "inside");
  ASSERT_FALSE(batch.add((folder / "c.json").string(), "c"));
  const AtomicBatchWriter::Result result = batch.commit();
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].path, (folder / "c.json").string());
  EXPECT_EQ(result.written, std::vector<std::string>{(folder / "b.json").string()});
  EXPECT_EQ(contents(folder / "b.json"), "b");
  EXPECT_EQ(entriesIn(folder), 2) << "a temporary file was left behind";
}

TEST(AtomicBatchWriterTest, DroppingAnUncommittedBatchLeavesTheTargetsAlone) {
  const fs::path folder = freshFolder("batch_drop");
  ASSERT_FALSE(writeFileAtomically((folder / "a.json").string(), "old"));
  {
    AtomicBatchWriter batch;
    ASSERT_FALSE(batch.add((folder / "a.json").string(), "new"));
    ASSERT_FALSE(batch.add((folder / "b.json").string(), "new"));
  }
  EXPECT_EQ(contents(folder / "a.json"), "old");
  EXPECT_FALSE(fs::exists(folder / "b.json"));
  EXPECT_EQ(entriesIn(folder), 1);
}

TEST(AtomicFileTest, ReadsEmptyAndLargeFilesAndRefusesFolders) {
  const fs::path folder = freshFolder("read");
  ASSERT_FALSE(writeFileAtomically((folder / "empty").string(), ""));
  EXPECT_EQ(contents(folder / "empty"), "");
  std::string large(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < large.size(); ++i)
    large[i] = char(i * 31 % 251);
  ASSERT_FALSE(writeFileAtomically((folder / "large").string(), large));
  EXPECT_EQ(contents(folder / "large"), large);
  std::string read;
  const auto error = readWholeFile(folder.string(), read);
  ASSERT_TRUE(error);
  EXPECT_NE(error->message().find(folder.string()), std::string::npos);
}
