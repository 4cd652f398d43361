// Checkpoint files: written atomically, a failed write (a full disk) is an error naming the file that leaves the
// previous checkpoint and no temporary behind, and a shared checkpoint is one file under two names until either
// name is written again.
#include "models_oracle_support.h"

#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "tests/support/file_size_limit.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace polytrain::models {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Detector> small_detector() {
  DetectorOptions options;
  options.name = "ssdlite320_mobilenet_v3_large";
  options.num_classes = 3;
  return make_detector(options);
}

CheckpointInfo info_at(int64_t epoch) {
  CheckpointInfo info;
  info.model_name = "ssdlite320_mobilenet_v3_large";
  info.classes = {"a", "b"};
  info.epoch = epoch;
  return info;
}

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

ino_t inode_of(const std::string& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_ino;
}

TEST(Checkpoint, WritesAtomicallyAndReadsBack) {
  const std::string dir = test::fresh_test_dir("checkpoint_round_trip");
  auto detector = small_detector();
  save_checkpoint(dir + "/last.pt", *detector, nullptr, info_at(4));
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"last.pt"});
  const CheckpointInfo read = read_checkpoint_info(dir + "/last.pt");
  EXPECT_EQ(read.epoch, 4);
  EXPECT_EQ(read.classes, (std::vector<std::string>{"a", "b"}));
}

TEST(Checkpoint, AFullDiskFailsNamingTheFileAndKeepsThePreviousCheckpoint) {
  const std::string dir = test::fresh_test_dir("checkpoint_full_disk");
  const std::string path = dir + "/last.pt";
  auto detector = small_detector();
  save_checkpoint(path, *detector, nullptr, info_at(1));
  const auto size = fs::file_size(path);
  ASSERT_GT(size, 2u << 20); // the limit below cuts the write short
  std::string message;
  {
    polytrain::testing::FileSizeLimit limit(1 << 20);
    try {
      save_checkpoint(path, *detector, nullptr, info_at(2));
    } catch (const c10::Error& error) {
      message = error.what_without_backtrace();
    }
  }
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("cannot write the checkpoint"), std::string::npos) << message;
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"last.pt"}) << "the temporary is removed";
  EXPECT_EQ(fs::file_size(path), size);
  EXPECT_EQ(read_checkpoint_info(path).epoch, 1);
  // and the process is still fine to write the next one
  save_checkpoint(path, *detector, nullptr, info_at(3));
  EXPECT_EQ(read_checkpoint_info(path).epoch, 3);
}

TEST(Checkpoint, ASharedCheckpointIsOneFileUntilEitherNameIsWrittenAgain) {
  const std::string dir = test::fresh_test_dir("checkpoint_shared");
  auto detector = small_detector();
  save_checkpoint(dir + "/last.pt", *detector, nullptr, info_at(1));
  share_checkpoint(dir + "/last.pt", dir + "/best.pt");
  EXPECT_EQ(inode_of(dir + "/last.pt"), inode_of(dir + "/best.pt"));
  // Sharing again onto a name that is already the same file leaves no temporary behind.
  share_checkpoint(dir + "/last.pt", dir + "/best.pt");
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"best.pt", "last.pt"}));

  save_checkpoint(dir + "/last.pt", *detector, nullptr, info_at(2));
  EXPECT_NE(inode_of(dir + "/last.pt"), inode_of(dir + "/best.pt"));
  EXPECT_EQ(read_checkpoint_info(dir + "/best.pt").epoch, 1);
  EXPECT_EQ(read_checkpoint_info(dir + "/last.pt").epoch, 2);

  EXPECT_THROW(share_checkpoint(dir + "/missing.pt", dir + "/other.pt"), c10::Error);
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"best.pt", "last.pt"}));
}

} // namespace
} // namespace polytrain::models
