#pragma once
// Where data-parallel training plugs into the trainer's step: after backward, before clipping and the optimiser
// step, each replica's gradients are replaced by their mean over all replicas (an all-reduce). Every replica
// starts from rank 0's weights (broadcast once, as torch's DistributedDataParallel does), so applying the same mean
// gradient keeps their weights identical, and the data loader gives each replica a disjoint shard of the epoch
// (LoaderOptions::shardIndex/shardCount).
// One process needs none of this: the trainer runs without a GradientSync.
//
// Torch-side header (at::Tensor): included by trainer.cpp and by implementations (a process group over NCCL/Gloo,
// or the in-process group of the tests), never by UI code.
#include <ATen/core/Tensor.h>

#include <vector>

namespace polytrain::training {

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

} // namespace polytrain::training
