// SPDX-License-Identifier: MIT
// The only door into the SystemC model: no SystemC type crosses it.
#pragma once

#include <functional>
#include <memory>

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::accel {

// An op with more tiles than the planner accepts (2^26 per op; planning no longer walks tiles,
// the limit stays as documented behaviour, docs/accelerator-model.md "Tile limit"): bad input
// with advice, which a caller that chose the batch itself (train's default micro-batch) may act
// on by going smaller.
class TooManyTilesError : public InputError {
 public:
  using InputError::InputError;
};

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
  // too small for one tile, ...), TooManyTilesError for an op over the tile limit.
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
