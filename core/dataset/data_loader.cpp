#include "core/dataset/data_loader.h"

#include "core/dataset/random.h"

#include <stdexcept>
#include <string>

namespace polytrain::dataset {

std::vector<size_t> epochOrder(size_t count, uint64_t seed, int epoch, bool shuffle) {
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i)
    order[i] = i;
  if (!shuffle)
    return order;
  Random random(mixSeed(seed, 0x5348554646ULL, static_cast<uint64_t>(epoch)));
  for (size_t i = count; i > 1; --i)
    std::swap(order[i - 1], order[static_cast<size_t>(random.integer(0, static_cast<int>(i) - 1))]);
  return order;
}

DataLoader::DataLoader(std::vector<DatasetItem> items, ClassList classes, LoaderOptions options)
    : items_(std::move(items)), classes_(std::move(classes)), options_(std::move(options)) {
  if (options_.shardCount < 1 || options_.shardIndex < 0 || options_.shardIndex >= options_.shardCount)
    throw std::invalid_argument("DataLoader: shard " + std::to_string(options_.shardIndex) + " of " +
                                std::to_string(options_.shardCount) + " does not exist");
  if (options_.cacheBytes > 0)
    cache_ = std::make_unique<ImageCache>(options_.cacheBytes);
}

DataLoader::~DataLoader() {
  stop();
}

size_t DataLoader::shardSize() const {
  const size_t count = static_cast<size_t>(std::max(1, options_.shardCount));
  return count == 1 ? items_.size() : items_.size() / count;
}

size_t DataLoader::batchesPerEpoch() const {
  const size_t size = static_cast<size_t>(std::max(1, options_.batchSize));
  const bool single = options_.dropSingleLast && size > 1 && shardSize() > 1 && shardSize() % size == 1;
  return options_.dropLast || single ? shardSize() / size : (shardSize() + size - 1) / size;
}

void DataLoader::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& worker : workers_)
    worker.join();
  workers_.clear();
  std::lock_guard<std::mutex> lock(mutex_);
  ready_.clear();
}

void DataLoader::startEpoch(int epoch) {
  stop();
  std::lock_guard<std::mutex> lock(mutex_);
  epoch_ = epoch;
  order_ = epochOrder(items_.size(), options_.seed, epoch, options_.shuffle);
  if (options_.shardCount > 1) {
    std::vector<size_t> shard;
    shard.reserve(shardSize());
    const size_t count = static_cast<size_t>(options_.shardCount);
    for (size_t position = static_cast<size_t>(options_.shardIndex); shard.size() < shardSize(); position += count)
      shard.push_back(order_[position]);
    order_ = std::move(shard);
  }
  batchCount_ = batchesPerEpoch();
  nextToMake_ = 0;
  nextToHand_ = 0;
  stopping_ = false;
  for (int i = 0; i < options_.workers; ++i)
    workers_.emplace_back([this] { workerLoop(); });
}

Batch DataLoader::makeBatch(size_t number) const {
  Batch batch;
  batch.epoch = epoch_;
  batch.number = number;
  const size_t size = static_cast<size_t>(std::max(1, options_.batchSize));
  const size_t end = std::min(order_.size(), (number + 1) * size);
  for (size_t position = number * size; position < end; ++position) {
    const size_t index = order_[position];
    SampleResult loaded = loadSample(items_[index], classes_, cache_.get(), options_.degenerate);
    batch.droppedInstances += loaded.droppedInstances;
    if (!loaded.sample) {
      batch.problems.insert(batch.problems.end(), loaded.errors.begin(), loaded.errors.end());
      continue;
    }
    TrainingSample sample = std::move(*loaded.sample);
    if (options_.augment) {
      Random random(mixSeed(options_.seed, static_cast<uint64_t>(epoch_) + 1, index));
      AugmentOptions augment = *options_.augment;
      augment.degenerate = options_.degenerate;
      AugmentResult augmented = augmentSample(sample, augment, random);
      batch.droppedInstances += augmented.droppedInstances;
      sample = std::move(augmented.sample);
    }
    batch.samples.push_back(std::move(sample));
    batch.indices.push_back(index);
  }
  return batch;
}

void DataLoader::workerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] {
      return stopping_ || (nextToMake_ < batchCount_ &&
                           nextToMake_ < nextToHand_ + static_cast<size_t>(std::max(1, options_.prefetchBatches)));
    });
    if (stopping_)
      return;
    const size_t number = nextToMake_++;
    lock.unlock();
    Batch batch = makeBatch(number);
    lock.lock();
    if (stopping_)
      return;
    ready_.emplace(number, std::move(batch));
    changed_.notify_all();
  }
}

std::optional<Batch> DataLoader::next() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_ || nextToHand_ >= batchCount_)
    return std::nullopt;
  if (workers_.empty()) {
    const size_t number = nextToHand_++;
    lock.unlock();
    return makeBatch(number);
  }
  changed_.wait(lock, [this] { return stopping_ || ready_.count(nextToHand_) > 0; });
  if (stopping_)
    return std::nullopt;
  Batch batch = std::move(ready_.at(nextToHand_));
  ready_.erase(nextToHand_);
  ++nextToHand_;
  changed_.notify_all();
  return batch;
}

} // namespace polytrain::dataset
