// Data-parallel training through the GradientSync seam, with two replicas in one process: each trains on its own
// shard of every epoch, they start from rank 0's weights, their gradients are averaged every step, and so their
// weights stay identical. Started alike but without the averaging, the same two replicas drift apart, so the
// equality is not a given.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/gradient_sync.h"
#include "core/training/run_folder.h"
#include "core/training/trainer.h"
#include "tests/support/test_output.h"

#include <ATen/ATen.h>
#include <condition_variable>
#include <filesystem>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::training;

namespace {

// All-reduce over threads of one process: each replica leaves its gradients, the last to arrive computes the means,
// every replica copies them back. A generation counter lets the group be used step after step.
class InProcessGroup {
public:
  explicit InProcessGroup(int size) : size_(size) {}

  // Rank 0 leaves its tensors; every other rank waits for them and copies them in.
  void broadcastFromRank0(int rank, std::vector<at::Tensor>& tensors) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (rank == 0) {
      for (const at::Tensor& tensor : tensors)
        broadcast_.push_back(tensor.clone());
      broadcastReady_ = true;
      changed_.notify_all();
      return;
    }
    changed_.wait(lock, [&] { return broadcastReady_; });
    ASSERT_EQ(broadcast_.size(), tensors.size()) << "every replica passes the same tensors";
    for (size_t index = 0; index < tensors.size(); ++index)
      tensors[index].copy_(broadcast_[index]);
  }

  void allReduceMean(std::vector<at::Tensor>& gradients) {
    std::unique_lock<std::mutex> lock(mutex_);
    const long generation = generation_;
    if (sums_.empty()) {
      for (const at::Tensor& gradient : gradients)
        sums_.push_back(gradient.clone());
    } else {
      EXPECT_EQ(sums_.size(), gradients.size()) << "every replica passes the same parameters";
      for (size_t index = 0; index < gradients.size(); ++index)
        sums_[index].add_(gradients[index]);
    }
    if (++arrived_ == size_) {
      for (at::Tensor& sum : sums_)
        sum.div_(size_);
      means_ = std::move(sums_);
      sums_.clear();
      arrived_ = 0;
      ++generation_;
      ++steps_;
      changed_.notify_all();
    } else {
      changed_.wait(lock, [&] { return generation_ != generation; });
    }
    for (size_t index = 0; index < gradients.size(); ++index)
      gradients[index].copy_(means_[index]);
  }
  long steps() const { return steps_; }

private:
  const int size_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<at::Tensor> sums_, means_, broadcast_;
  bool broadcastReady_ = false;
  int arrived_ = 0;
  long generation_ = 0;
  long steps_ = 0;
};

class Replica final : public models::GradientSync {
public:
  Replica(InProcessGroup& group, int rank, int size, bool average)
      : group_(group), rank_(rank), size_(size), average_(average) {}
  int rank() const override { return rank_; }
  int worldSize() const override { return size_; }
  void broadcastFromRank0(std::vector<at::Tensor>& tensors) override { group_.broadcastFromRank0(rank_, tensors); }
  void allReduceMean(std::vector<at::Tensor>& gradients) override {
    ++calls;
    if (average_)
      group_.allReduceMean(gradients);
  }
  long calls = 0;

private:
  InProcessGroup& group_;
  const int rank_, size_;
  const bool average_; // false: the replicas start alike but each keeps its own gradients
};

const std::string& replicaDataset() {
  static const std::string root = [] {
    const fs::path folder = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "gradient-sync" / "shapes";
    fs::remove_all(folder);
    dataset::DemoOptions options;
    options.images = 12;
    options.seed = 5;
    options.width = 96;
    options.height = 96;
    options.testRatio = 0.25;
    options.maxObjects = 2;
    EXPECT_TRUE(dataset::makeDemoDataset(folder.string(), options).errors.empty());
    return folder.string();
  }();
  return root;
}

TrainingConfig replicaConfig() {
  TrainingConfig config = *preset("cpu-quick");
  config.dataRoot = replicaDataset();
  config.inputSize = 96;
  config.batchSize = 2;
  config.epochs = 1;
  config.learningRate = 2e-3;
  config.warmupIterations = 1;
  config.rpnPreNmsTopNTrain = 100;
  config.rpnPostNmsTopNTrain = 50;
  config.boxBatchSizePerImage = 32;
  config.augmentation = AugmentationConfig{false, 0, 0, 0, 0, 0, 0, false};
  config.threads = 1;
  config.validationInterval = 0;
  config.seed = 11;
  return config;
}

// Trains `size` replicas in parallel threads; returns each one's final weights by parameter name.
std::vector<std::vector<std::pair<std::string, at::Tensor>>> trainReplicas(const std::string& name, bool average,
                                                                           std::vector<long>* calls) {
  const int size = 2;
  InProcessGroup group(size);
  std::vector<std::shared_ptr<Replica>> syncs;
  std::vector<std::unique_ptr<Trainer>> trainers;
  std::vector<std::string> failures(size);
  for (int rank = 0; rank < size; ++rank) {
    syncs.push_back(std::make_shared<Replica>(group, rank, size, average));
    const fs::path runs =
        polytrain::testing::emptiedTestOutput(fs::path("gradient-sync") / (name + std::to_string(rank)));
    trainers.push_back(std::make_unique<Trainer>(replicaConfig(), runs.string(), ""));
    trainers.back()->setGradientSync(syncs.back());
  }
  std::vector<std::thread> threads;
  for (int rank = 0; rank < size; ++rank)
    threads.emplace_back([&, rank] {
      TrainingState last = TrainingState::Failed;
      std::string message;
      trainers[rank]->run({nullptr, nullptr, [&](const StatusEvent& event) {
                             last = event.state;
                             message = event.message;
                           }});
      if (last != TrainingState::Finished)
        failures[rank] = message;
    });
  for (std::thread& thread : threads)
    thread.join();
  std::vector<std::vector<std::pair<std::string, at::Tensor>>> weights;
  for (int rank = 0; rank < size; ++rank) {
    EXPECT_EQ(failures[rank], "") << "replica " << rank;
    if (calls)
      calls->push_back(syncs[rank]->calls);
    models::DetectorOptions options;
    options.name = replicaConfig().model;
    options.num_classes = 6;
    options.trainable_norm = true;
    auto detector = models::make_detector(options);
    Error error;
    const auto run = RunFolder::open(trainers[rank]->runFolder(), error);
    models::load_checkpoint(run->lastCheckpointPath(), *detector, nullptr);
    std::vector<std::pair<std::string, at::Tensor>> named;
    for (const auto& item : detector->module().named_parameters())
      named.emplace_back(item.key(), item.value().detach().clone());
    weights.push_back(std::move(named));
  }
  return weights;
}

size_t differingParameters(const std::vector<std::pair<std::string, at::Tensor>>& a,
                           const std::vector<std::pair<std::string, at::Tensor>>& b) {
  EXPECT_EQ(a.size(), b.size());
  size_t differing = 0;
  for (size_t index = 0; index < std::min(a.size(), b.size()); ++index)
    if (!at::equal(a[index].second, b[index].second))
      ++differing;
  return differing;
}

} // namespace

TEST(GradientSyncTest, AveragedReplicasOnDisjointShardsKeepIdenticalWeights) {
  std::vector<long> calls;
  const auto weights = trainReplicas("averaged", true, &calls);
  ASSERT_EQ(weights.size(), 2u);
  // 9 training images over 2 replicas: 4 each, batches of 2 -> 2 steps, each synchronised on both.
  EXPECT_EQ(calls, (std::vector<long>{2, 2}));
  EXPECT_EQ(differingParameters(weights[0], weights[1]), 0u);
}

TEST(GradientSyncTest, WithoutAveragingTheSameReplicasDrift) {
  const auto weights = trainReplicas("independent", false, nullptr);
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_GT(differingParameters(weights[0], weights[1]), weights[0].size() / 2);
}
