#include "core/dataset/data_loader.h"
#include "core/dataset/dataset.h"
#include "core/dataset/demo_data.h"
#include "tests/core/dataset/dataset_test_support.h"

#include <gtest/gtest.h>

#include <set>

using namespace polytrain::dataset;
using namespace polytrain::dataset::testing;

namespace {

const Dataset& demo() {
  static const Dataset dataset = [] {
    const std::string root = freshFolder("loader_demo");
    DemoOptions options;
    options.images = 23;
    options.testRatio = 0;
    options.seed = 4;
    options.width = 96;
    options.height = 80;
    EXPECT_TRUE(makeDemoDataset(root, options).errors.empty());
    return openDataset(root);
  }();
  return dataset;
}

std::vector<std::vector<size_t>> epochIndices(LoaderOptions options, int epoch, std::vector<cv::Mat>* images) {
  DataLoader loader(demo().train, demo().classes, options);
  loader.startEpoch(epoch);
  std::vector<std::vector<size_t>> batches;
  while (std::optional<Batch> batch = loader.next()) {
    EXPECT_EQ(batch->number, batches.size());
    EXPECT_TRUE(batch->problems.empty());
    batches.push_back(batch->indices);
    for (const TrainingSample& sample : batch->samples)
      if (images)
        images->push_back(sample.image);
  }
  return batches;
}

} // namespace

TEST(DataLoaderTest, EpochOrderIsASeededPermutation) {
  const auto a = epochOrder(50, 3, 0, true);
  EXPECT_EQ(a, epochOrder(50, 3, 0, true));
  EXPECT_NE(a, epochOrder(50, 3, 1, true));
  EXPECT_NE(a, epochOrder(50, 4, 0, true));
  EXPECT_EQ(std::set<size_t>(a.begin(), a.end()).size(), 50u);
  EXPECT_EQ(epochOrder(4, 3, 0, false), (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(DataLoaderTest, WorkersGiveTheSameBatchesAsTheConsumerThreadAndCoverEveryItemOnce) {
  LoaderOptions options;
  options.batchSize = 4;
  options.seed = 9;
  options.augment = AugmentOptions::trainingDefaults();
  options.workers = 0;
  std::vector<cv::Mat> serialImages, threadedImages;
  const auto serial = epochIndices(options, 2, &serialImages);
  options.workers = 3;
  options.prefetchBatches = 2;
  const auto threaded = epochIndices(options, 2, &threadedImages);
  EXPECT_EQ(serial, threaded);
  ASSERT_EQ(serialImages.size(), threadedImages.size());
  for (size_t i = 0; i < serialImages.size(); ++i)
    EXPECT_EQ(cv::norm(serialImages[i], threadedImages[i], cv::NORM_INF), 0.0) << i;
  ASSERT_EQ(serial.size(), 6u); // 23 items, batches of 4: 5 full + 1 of 3
  EXPECT_EQ(serial.back().size(), 3u);
  std::set<size_t> seen;
  for (const auto& batch : serial)
    seen.insert(batch.begin(), batch.end());
  EXPECT_EQ(seen.size(), 23u);
  options.dropLast = true;
  EXPECT_EQ(epochIndices(options, 2, nullptr).size(), 5u);
  options.dropLast = false;
  options.dropSingleLast = true; // the last batch holds 3, so it stays
  EXPECT_EQ(epochIndices(options, 2, nullptr).size(), 6u);
  options.batchSize = 2; // 23 = 11 x 2 + 1: the single one sits out
  const auto pairs = epochIndices(options, 2, nullptr);
  ASSERT_EQ(pairs.size(), 11u);
  EXPECT_EQ(pairs.back().size(), 2u);
}

TEST(DataLoaderTest, CacheServesLaterEpochsWithinItsBudget) {
  LoaderOptions options;
  options.batchSize = 5;
  options.workers = 2;
  options.cacheBytes = 10 * 96 * 80 * 3; // room for 10 of the 23 images
  DataLoader loader(demo().train, demo().classes, options);
  for (int epoch = 0; epoch < 2; ++epoch) {
    loader.startEpoch(epoch);
    while (loader.next()) {
    }
  }
  ASSERT_NE(loader.cache(), nullptr);
  EXPECT_EQ(loader.cache()->size(), 10u);
  EXPECT_LE(loader.cache()->bytesUsed(), options.cacheBytes);
  EXPECT_EQ(loader.cache()->hits(), 10u); // the second epoch found the 10 cached images
}

TEST(DataLoaderTest, StoppingMidEpochEndsCleanly) {
  LoaderOptions options;
  options.batchSize = 2;
  options.workers = 2;
  options.prefetchBatches = 1;
  DataLoader loader(demo().train, demo().classes, options);
  loader.startEpoch(0);
  ASSERT_TRUE(loader.next());
  loader.stop();
  EXPECT_FALSE(loader.next());
  loader.startEpoch(1);
  size_t batches = 0;
  while (loader.next())
    ++batches;
  EXPECT_EQ(batches, loader.batchesPerEpoch());
}

TEST(DataLoaderTest, ShardsAreDisjointEqualAndTogetherFollowTheEpochOrder) {
  LoaderOptions options;
  options.batchSize = 2;
  options.seed = 9;
  options.workers = 1;
  options.shardCount = 3;
  std::vector<std::vector<size_t>> shards;
  for (int index = 0; index < 3; ++index) {
    options.shardIndex = index;
    std::vector<size_t> items;
    const auto batches = epochIndices(options, 1, nullptr);
    EXPECT_EQ(batches.size(), 4u) << "23 items over 3 replicas: 7 each, in batches of 2 (3 full + 1 of 1)";
    for (const auto& batch : batches)
      items.insert(items.end(), batch.begin(), batch.end());
    shards.push_back(items);
  }
  // Replica r takes positions r, r + 3, ... of the epoch order; the last 23 % 3 = 2 positions sit out.
  const std::vector<size_t> order = epochOrder(23, 9, 1, true);
  for (size_t index = 0; index < 3; ++index) {
    ASSERT_EQ(shards[index].size(), 7u);
    for (size_t k = 0; k < 7; ++k)
      EXPECT_EQ(shards[index][k], order[index + 3 * k]) << "replica " << index << " item " << k;
  }
  std::set<size_t> all;
  for (const auto& shard : shards)
    all.insert(shard.begin(), shard.end());
  EXPECT_EQ(all.size(), 21u);
  options.shardIndex = 3;
  EXPECT_THROW(DataLoader(demo().train, demo().classes, options), std::invalid_argument);
}
