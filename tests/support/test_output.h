#pragma once
// Output folders of tests: a test's folder is removed again when the test passes and kept when it fails, to be
// looked at. Left in place, a whole suite's run folders and checkpoints came to 6 GB and filled a CI machine's disk.
#include <filesystem>
#include <gtest/gtest.h>
#include <mutex>
#include <string>
#include <vector>

namespace polytrain::testing {

class RemoveOutputOfPassedTests : public ::testing::EmptyTestEventListener {
public:
  void add(const std::filesystem::path& folder) {
    std::lock_guard<std::mutex> lock(mutex_);
    folders_.push_back(folder);
  }

private:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (info.result() != nullptr && info.result()->Passed())
      for (const std::filesystem::path& folder : folders_) {
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
      }
    folders_.clear();
  }

  std::mutex mutex_;
  std::vector<std::filesystem::path> folders_;
};

// Registers `folder` (which need not exist yet) to be removed when the running test passes.
inline void removeWhenTheTestPasses(const std::filesystem::path& folder) {
  static RemoveOutputOfPassedTests* const listener = [] {
    auto* created = new RemoveOutputOfPassedTests; // owned by gtest from here
    ::testing::UnitTest::GetInstance()->listeners().Append(created);
    return created;
  }();
  listener->add(folder);
}

// POLYTRAIN_TEST_OUTPUT_DIR/relative, emptied (not created: some callers want it absent) and removed again when the
// running test passes.
inline std::filesystem::path emptiedTestOutput(const std::filesystem::path& relative) {
  const std::filesystem::path folder = std::filesystem::path(POLYTRAIN_TEST_OUTPUT_DIR) / relative;
  std::filesystem::remove_all(folder);
  removeWhenTheTestPasses(folder);
  return folder;
}

} // namespace polytrain::testing
