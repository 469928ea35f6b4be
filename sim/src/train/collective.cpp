// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>

#include "headroom/sim/train_collective.hpp"

namespace headroom::sim {

namespace {

// NCCL's cost model for its Simple protocol (the one large gradient buckets use), NCCL 2.8,
// src/graph/tuning.cc at commit 01afd20a: a ring all-reduce costs a base latency of 8.4 us plus
// a per-step latency of 3.4 us over NVLink, 5.7 us over PCIe and 9.6 us over the network, for
// its 2 (n - 1) steps; a tree costs 28 us per hop inside a node and 50 us per hop across nodes,
// up and down, at half its bus bandwidth, which is 0.9 of the ring's.
constexpr double kUs = 1e-6;
constexpr double kRingBaseLatency = 8.4 * kUs;
constexpr double kRingStepNvlink = 3.4 * kUs;
constexpr double kRingStepPcie = 5.7 * kUs;
constexpr double kRingStepNetwork = 9.6 * kUs;
constexpr double kTreeHopIntra = 28 * kUs;
constexpr double kTreeHopNetwork = 50 * kUs;
constexpr double kTreeBusShare = 0.9;

// One level of ranks joined by links of bus bandwidth `bus` (bytes/s) and per-step latency `step`.
double ring_allreduce(double bytes, double n, double bus, double step) {
  if (n <= 1) return 0;
  return kRingBaseLatency + 2 * (n - 1) * step + 2 * (n - 1) / n * bytes / bus;
}

double tree_allreduce(double bytes, double n, double bus, double hop, double hops) {
  if (n <= 1) return 0;
  return 2 * hops * hop + bytes / (0.5 * kTreeBusShare * bus);
}

// Reduce-scatter or all-gather along a ring: half an all-reduce's steps and bytes.
double ring_half(double bytes, double n, double bus, double step) {
  if (n <= 1) return 0;
  return kRingBaseLatency + (n - 1) * step + (n - 1) / n * bytes / bus;
}

}  // namespace

const char* to_string(CollectiveAlgorithm algorithm) {
  return algorithm == CollectiveAlgorithm::Ring ? "ring" : "tree";
}

CollectiveCost nccl_allreduce(double bytes, std::uint64_t ranks, const Interconnect& ic) {
  CollectiveCost c;
  if (ranks <= 1 || bytes <= 0) return c;
  const std::uint64_t per_node = std::max<std::uint64_t>(1, std::min(ranks, ic.gpus_per_node));
  const double g = static_cast<double>(per_node);
  const double nodes = std::ceil(static_cast<double>(ranks) / g);
  const double intra_bus = ic.intra_node_gb_s * 1e9 * ic.intra_efficiency;
  const double intra_step = ic.nvlink ? kRingStepNvlink : kRingStepPcie;
  if (nodes <= 1) {
    const double ring = ring_allreduce(bytes, g, intra_bus, intra_step);
    const double tree = tree_allreduce(bytes, g, intra_bus, kTreeHopIntra, g - 1);
    c.algorithm = tree < ring ? CollectiveAlgorithm::Tree : CollectiveAlgorithm::Ring;
    c.seconds = std::min(ring, tree);
  } else {
    // Two levels: each GPU of a node reduces its 1/g shard inside the node, all-reduces that
    // shard with its peers of the other nodes over its share of the node's network, and gathers
    // the node's shards back.
    const double shard = bytes / g;
    const double net_bus = ic.inter_node_gb_s * 1e9 * ic.inter_efficiency / g;
    const double ring = ring_allreduce(shard, nodes, net_bus, kRingStepNetwork);
    const double tree =
        tree_allreduce(shard, nodes, net_bus, kTreeHopNetwork, std::ceil(std::log2(nodes)));
    c.algorithm = tree < ring ? CollectiveAlgorithm::Tree : CollectiveAlgorithm::Ring;
    c.seconds = 2 * ring_half(bytes, g, intra_bus, intra_step) + std::min(ring, tree);
  }
  const double n = static_cast<double>(ranks);
  c.bus_bytes_per_s = c.seconds > 0 ? bytes / c.seconds * 2 * (n - 1) / n : 0;
  return c;
}

BucketedAllReduce bucketed_allreduce(double gradient_bytes, std::uint64_t ranks,
                                     const Interconnect& ic, double backward_s,
                                     double bucket_bytes) {
  BucketedAllReduce b;
  if (ranks <= 1 || gradient_bytes <= 0 || bucket_bytes <= 0) return b;
  const double full = std::floor(gradient_bytes / bucket_bytes);
  const double rest = gradient_bytes - full * bucket_bytes;
  b.buckets = static_cast<std::uint64_t>(full) + (rest > 0 ? 1 : 0);
  b.per_bucket = nccl_allreduce(std::min(bucket_bytes, gradient_bytes), ranks, ic);
  const double last_s = rest > 0 ? nccl_allreduce(rest, ranks, ic).seconds : 0;
  // Bucket k (of full ones) is ready when the backward pass has produced k buckets' worth of
  // gradients; all-reduces run one at a time in bucket order.
  double finish = 0;
  for (std::uint64_t k = 1; k <= static_cast<std::uint64_t>(full); ++k) {
    const double ready =
        backward_s * std::min(1.0, static_cast<double>(k) * bucket_bytes / gradient_bytes);
    finish = std::max(finish, ready) + b.per_bucket.seconds;
  }
  if (rest > 0) finish = std::max(finish, backward_s) + last_s;
  b.comm_s = full * b.per_bucket.seconds + last_s;
  b.exposed_s = std::max(0.0, finish - backward_s);
  return b;
}

}  // namespace headroom::sim
