// SPDX-License-Identifier: MIT
// The only door into the SystemC model: no SystemC type crosses it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::accel {

// A run longer than the model's clock can count: 1 ps ticks in 64 bits, 1,000 ticks a cycle,
// wrapping at 2^64 ticks (1.8 x 10^16 cycles). A run is refused once it could pass 3 x 2^62 ticks
// (kMaxRunCycles, 1.4 x 10^16 cycles, 2.2 years at 200 MHz) and an op whose compute and DRAM
// time in turn could pass 2^60 ticks (kMaxOpCycles): an op started below the one limit and
// bounded by the other (with the write-backs it may wait for) ends before the wrap
// (docs/accelerator-model.md "Run length"). Bad input, the pair's as much as the config's.
class RunTooLongError : public InputError {
 public:
  using InputError::InputError;
};
inline constexpr std::uint64_t kMaxRunCycles = 3 * (std::uint64_t{1} << 62) / 1000;
inline constexpr std::uint64_t kMaxOpCycles = (std::uint64_t{1} << 60) / 1000;

// Runs traces on the transaction-level SystemC model of an accelerator. One Simulator can run
// many (config, trace) pairs one after another in the same process (sweeps rely on it).
// Not thread-safe: the SystemC kernel is process-global; parallelism means processes.
class Simulator {
 public:
  Simulator();
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Throws InputError if the trace cannot run on the config (precision unsupported, a buffer
  // too small for one tile, ...), RunTooLongError for a run the model's clock cannot count.
  [[nodiscard]] RunStats run(const AcceleratorConfig& config, const models::Trace& trace,
                             Precision precision);

  // Called from inside run() as ops finish, with (ops done, ops in the trace): once per op, not
  // per tile, so it stays out of the kernel's hot path. It may throw to abandon the run.
  using Progress = std::function<void(std::size_t done, std::size_t total)>;
  void set_progress(Progress progress) { progress_ = std::move(progress); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Progress progress_;
};

}  // namespace headroom::accel
