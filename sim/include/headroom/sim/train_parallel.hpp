// SPDX-License-Identifier: MIT
// Scale-out: how a training step is split over chips (data, tensor and pipeline parallelism)
// and what the collectives cost on the chip-to-chip links. Closed-form, as in the equations of
// docs/time-to-train.md; every time is in seconds.
#pragma once

#include <cstdint>
#include <string>

namespace headroom::sim {

// dp x tp x pp chips. tp splits every transformer layer Megatron-style (Shoeybi et al. 2019),
// pp cuts the layers into pp stages run 1F1B (Narayanan et al., SC21).
struct ParallelSplit {
  std::uint64_t dp = 1;
  std::uint64_t tp = 1;
  std::uint64_t pp = 1;
  [[nodiscard]] std::uint64_t chips() const { return dp * tp * pp; }
};

// Parses "dp=64", "dp=8,tp=8,pp=4" (any order, missing factors are 1). When `chips` is nonzero,
// a missing dp is chips / (tp x pp) and the product must equal `chips`. Throws InputError for an
// unknown factor, a zero or non-number, or a product that is not `chips`.
[[nodiscard]] ParallelSplit parse_parallel(const std::string& text, std::uint64_t chips);

enum class Topology { Ring, Torus2d };

[[nodiscard]] Topology parse_topology(const std::string& text);  // "ring" | "torus"
[[nodiscard]] const char* to_string(Topology topology);

// One direction of one chip-to-chip link; collectives use one link per ring direction.
struct LinkModel {
  double bandwidth_bytes_per_s = 0;
  double latency_s = 0;
  Topology topology = Topology::Ring;
};

// Ring all-reduce (reduce-scatter + all-gather; Patarasuk & Yuan, JPDC 2009):
// 2 (n-1)/n x bytes / bandwidth + 2 (n-1) x latency. Zero for n = 1.
[[nodiscard]] double ring_allreduce_s(double bytes, std::uint64_t n, const LinkModel& link);

// All-reduce on the link's topology. A 2-D torus of a x b chips (a = the largest divisor of n
// not above sqrt(n)) runs one ring per dimension: reduce-scatter along a, all-reduce of the
// 1/a shard along b, all-gather along a.
[[nodiscard]] double allreduce_s(double bytes, std::uint64_t n, const LinkModel& link);

// 1F1B pipeline bubble (Narayanan et al., SC21, Sec. 2.2): (p - 1) / (m + p - 1).
[[nodiscard]] double pipeline_bubble_fraction(std::uint64_t stages, std::uint64_t micro_batches);

// Data-parallel gradient reduction overlapped with back-propagation: the reduction of layer i's
// gradients runs while layer i-1 back-propagates, so only what exceeds that window stalls.
[[nodiscard]] double exposed_communication_s(double communication_s, double overlappable_s);

}  // namespace headroom::sim
