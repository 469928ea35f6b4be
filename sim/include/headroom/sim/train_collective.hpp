// SPDX-License-Identifier: MIT
// The data-parallel gradient all-reduce of GPUs as NCCL runs it (docs/gpu-model.md, "Multi-GPU
// scaling"): ring or tree, whichever NCCL's cost model finds faster, inside a node over
// NVLink/NVSwitch or PCIe, and across nodes in two levels (reduce-scatter inside the node,
// all-reduce of each GPU's shard across nodes over its share of the node's network, all-gather
// inside the node); gradients in buckets all-reduced while the backward pass still runs, as
// PyTorch DDP and Horovod do. Every time is in seconds.
#pragma once

#include <cstdint>

#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

enum class CollectiveAlgorithm { Ring, Tree };

[[nodiscard]] const char* to_string(CollectiveAlgorithm algorithm);

// One all-reduce: its time, the algorithm of its slowest level, and its bus bandwidth
// (algorithm bandwidth bytes / time x 2 (n - 1) / n, nccl-tests' definition).
struct CollectiveCost {
  double seconds = 0;
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::Ring;
  double bus_bytes_per_s = 0;
};

// One NCCL all-reduce of `bytes` (per GPU) over `ranks` GPUs, `gpus_per_node` of them per node
// (the last node may not be full: ranks below gpus_per_node are one node).
[[nodiscard]] CollectiveCost nccl_allreduce(double bytes, std::uint64_t ranks,
                                            const Interconnect& interconnect);

struct BucketedAllReduce {
  double comm_s = 0;     // all buckets' all-reduces, back to back
  double exposed_s = 0;  // what runs past the end of the backward pass
  std::uint64_t buckets = 0;
  CollectiveCost per_bucket;  // of a full bucket
};

// The gradients (`gradient_bytes` per GPU) in buckets of `bucket_bytes`, each all-reduced once
// the backward pass has produced it (uniformly over `backward_s`: the last bucket at its end), one
// at a time in order.
[[nodiscard]] BucketedAllReduce bucketed_allreduce(double gradient_bytes, std::uint64_t ranks,
                                                   const Interconnect& interconnect,
                                                   double backward_s, double bucket_bytes);

// Gradient bucket sizes: PyTorch DDP's bucket_cap_mb = 25 (MiB) and Horovod's fusion buffer,
// HOROVOD_FUSION_THRESHOLD = 64 MiB (docs/gpu-model.md has the sources).
constexpr double kDdpBucketBytes = 25.0 * 1024 * 1024;
constexpr double kHorovodFusionBytes = 64.0 * 1024 * 1024;

}  // namespace headroom::sim
