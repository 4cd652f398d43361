#include "core/dataset/dataset.h"
#include "core/dataset/dataset_split.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

#include <set>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {
std::vector<SplitInput> inputs(int perClass) {
  std::vector<SplitInput> files;
  for (int i = 0; i < perClass; ++i) {
    files.push_back({"common_" + std::to_string(i), {"common"}});
    files.push_back({"both_" + std::to_string(i), {"common", "rare"}});
  }
  files.push_back({"empty", {}});
  return files;
}
} // namespace

TEST(DatasetSplitTest, SameSeedSameSplitOtherSeedOtherSplit) {
  const auto files = inputs(20);
  const SplitAssignment a = stratifiedSplit(files, 0.25, 7);
  const SplitAssignment b = stratifiedSplit(files, 0.25, 7);
  const SplitAssignment c = stratifiedSplit(files, 0.25, 8);
  EXPECT_EQ(a.test, b.test);
  EXPECT_EQ(a.train, b.train);
  EXPECT_NE(a.test, c.test);
  EXPECT_EQ(a.train.size() + a.test.size(), files.size());
}

TEST(DatasetSplitTest, EachStratumGivesItsShareToTest) {
  // Strata by the rarest label: 20 "both" files (rare), 20 "common" files, 1 empty; round(20 * 0.25) = 5 each.
  const SplitAssignment split = stratifiedSplit(inputs(20), 0.25, 3);
  int rare = 0, common = 0;
  for (const std::string& key : split.test)
    (key.rfind("both_", 0) == 0 ? rare : common) += 1;
  EXPECT_EQ(rare, 5);
  EXPECT_EQ(common, 5); // the single empty file: round(0.25) = 0
}

TEST(DatasetSplitTest, SavedSplitKeepsOldFilesWhereTheyWereAndDrawsOnlyNewOnes) {
  const std::string root = freshFolder("split_stable");
  for (int i = 0; i < 10; ++i)
    writePair(root, "f" + std::to_string(i), {16, 16}, {polygon(i % 2 ? "a" : "b", {{1, 1}, {10, 1}, {5, 10}})});
  OpenOptions options;
  options.testRatio = 0.3;
  options.seed = 11;
  const Dataset first = openDataset(root, options);
  ASSERT_TRUE(fs::exists(root + "/split.json"));
  std::set<std::string> firstTest;
  for (const auto& item : first.test)
    firstTest.insert(item.key);
  EXPECT_EQ(firstTest.size(), 4u); // strata "a" and "b" of 5 files each: round(1.5) = 2 from each
  for (int i = 10; i < 20; ++i)
    writePair(root, "f" + std::to_string(i), {16, 16}, {polygon("a", {{1, 1}, {10, 1}, {5, 10}})});
  options.seed = 999; // ignored: the saved split's seed is used
  const Dataset second = openDataset(root, options);
  std::set<std::string> secondTest;
  for (const auto& item : second.test)
    secondTest.insert(item.key);
  for (const std::string& key : firstTest)
    EXPECT_TRUE(secondTest.count(key)) << key << " moved from test to train";
  for (const auto& item : second.train)
    EXPECT_FALSE(firstTest.count(item.key));
  EXPECT_EQ(secondTest.size(), firstTest.size() + 3u); // 10 new files of "a": round(3.0) = 3
}
