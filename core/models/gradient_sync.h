#pragma once
// Where data-parallel training plugs into the trainer's step: after backward, before clipping and the optimiser
// step, each replica's gradients are replaced by their mean over all replicas (an all-reduce). Every replica
// starts from rank 0's weights (broadcast once, as torch's DistributedDataParallel does), so applying the same mean
// gradient keeps their weights identical, and the data loader gives each replica a disjoint shard of the epoch
// (LoaderOptions::shardIndex/shardCount).
// One process needs none of this: the trainer runs without a GradientSync.
//
// In core/models because it speaks at::Tensor (only core/ops and core/models headers may include libtorch); the
// trainer (core/training/trainer.cpp) calls it, implementations are a process group over NCCL/Gloo or the tests'
// in-process group.
#include <ATen/core/Tensor.h>

#include <vector>

namespace polytrain::models {

class GradientSync {
public:
  virtual ~GradientSync() = default;
  virtual int rank() const = 0;
  virtual int worldSize() const = 0;
  // Called once on every replica after the model is built (and any checkpoint or pretrained weights loaded), with
  // its parameters and buffers: replaces them by rank 0's, so that every replica starts from the same weights
  // whatever its random draws were.
  virtual void broadcastFromRank0(std::vector<at::Tensor>& tensors) = 0;
  // Called once per step on every replica, in lockstep, with the gradients of the trainable parameters in the
  // model's parameter order; replaces each by the mean over the replicas (in place). A replica whose batch was
  // empty still calls it, with zero gradients, so that no replica waits forever.
  virtual void allReduceMean(std::vector<at::Tensor>& gradients) = 0;
};

} // namespace polytrain::models
