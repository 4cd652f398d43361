#pragma once
// Batches of training samples made by worker threads ahead of the consumer (a bounded prefetch queue), in a
// seeded shuffled order. What a batch holds depends only on (seed, epoch, index), never on thread timing.
#include "core/dataset/augmentation.h"
#include "core/dataset/image_cache.h"
#include "core/dataset/training_sample.h"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace polytrain::dataset {

struct LoaderOptions {
  int batchSize = 2;
  int workers = 2;         // 0: batches are made on the consumer's thread
  int prefetchBatches = 4; // at most this many batches made or being made ahead of the consumer
  bool shuffle = true;
  bool dropLast = false;       // leave out a last, smaller batch
  bool dropSingleLast = false; // leave out a last batch of a single item (when batches hold more than one)
  uint64_t seed = 0;
  size_t cacheBytes = 0; // in-memory cache of decoded images; 0 = none
  std::optional<AugmentOptions> augment;
  DegenerateRule degenerate;
  // Data-parallel replicas: every replica draws the same epoch order and takes every shardCount-th item from
  // shardIndex on, so the shards are disjoint; the last count % shardCount items of the order are left out that
  // epoch, so that every replica makes the same number of batches and their steps stay in lockstep.
  int shardIndex = 0;
  int shardCount = 1;
};

struct Batch {
  std::vector<TrainingSample> samples;
  std::vector<size_t> indices; // into the loader's items, one per sample
  int epoch = 0;
  size_t number = 0;           // within the epoch
  int droppedInstances = 0;    // empty, degenerate or augmented away
  std::vector<Error> problems; // items whose image could not be loaded (left out of the batch)
};

// The item order of `epoch`: 0..count-1, shuffled with a Fisher-Yates draw seeded by (seed, epoch) when `shuffle`.
std::vector<size_t> epochOrder(size_t count, uint64_t seed, int epoch, bool shuffle);

class DataLoader {
public:
  DataLoader(std::vector<DatasetItem> items, ClassList classes, LoaderOptions options);
  ~DataLoader();
  DataLoader(const DataLoader&) = delete;
  DataLoader& operator=(const DataLoader&) = delete;

  size_t size() const { return items_.size(); }
  // Items this replica sees per epoch (all of them without sharding).
  size_t shardSize() const;
  size_t batchesPerEpoch() const;

  // Starts making the batches of `epoch` (stopping an epoch still running).
  void startEpoch(int epoch);
  // The next batch of the current epoch, in order; nullopt when the epoch is done (or none was started).
  std::optional<Batch> next();
  // Stops the workers; next() then returns nullopt until startEpoch.
  void stop();

  const ImageCache* cache() const { return cache_.get(); }

private:
  Batch makeBatch(size_t number) const;
  void workerLoop();

  const std::vector<DatasetItem> items_;
  const ClassList classes_;
  const LoaderOptions options_;
  std::unique_ptr<ImageCache> cache_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<size_t> order_;
  int epoch_ = 0;
  size_t batchCount_ = 0;
  size_t nextToMake_ = 0;
  size_t nextToHand_ = 0;
  bool stopping_ = true;
  std::map<size_t, Batch> ready_;
  std::vector<std::thread> workers_;
};

} // namespace polytrain::dataset
