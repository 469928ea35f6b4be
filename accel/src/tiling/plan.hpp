// SPDX-License-Identifier: MIT
// What the SystemC model executes: each trace op becomes a list of steps. A step is one tile
// (one chunk of one fold, on every array at once): the bytes the DMA must bring from DRAM
// before it, the cycles the array (or vector unit) is busy on it, the bytes written back after.
// Planning is pure C++ so tiling and reuse are tested without a kernel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::accel {

struct Step {
  std::uint64_t read_bytes = 0;
  std::uint64_t compute_cycles = 0;
  std::uint64_t write_bytes = 0;
  bool operator==(const Step&) const = default;
};

struct OpPlan {
  OpStats stats;  // everything known before timing: shape, MACs, folds, SRAM accesses, bytes
  std::vector<Step> steps;
  std::uint64_t vector_busy_cycles = 0;  // vector unit time, including any hidden behind a GEMM
};

// Capacities the planner may use, in bytes: half of each buffer, the other half being the
// double-buffering slot that the DMA fills while the array works.
struct BufferBudget {
  std::uint64_t ifmap = 0;
  std::uint64_t filter = 0;
  std::uint64_t ofmap = 0;
};

[[nodiscard]] BufferBudget buffer_budget(const SramConfig& sram);

// The GEMM the array runs for `g`: g itself, or, with array.depthwise: packed and a depthwise g,
// `channels` channels at once as one block-diagonal GEMM (M x channels*K x channels*N),
// repeated ceil(groups / fit) times (docs/accelerator-model.md, "Depthwise convolutions").
struct MappedGemm {
  models::GemmShape gemm;
  std::uint64_t channels = 1;
};
[[nodiscard]] MappedGemm mapped_gemm(const ArrayConfig& array, const models::GemmShape& g,
                                     std::uint32_t macs_per_pe);

// Plans one GEMM op. Throws InputError when a buffer cannot hold one tile.
[[nodiscard]] OpPlan plan_gemm(const AcceleratorConfig& config, const models::TraceOp& op,
                               Precision precision);

// Throws the InputError plan_gemm would throw, without planning: the simulator checks every op
// before it starts, so no exception is ever thrown inside a SystemC thread's coroutine stack.
void check_gemm_fits(const AcceleratorConfig& config, const models::TraceOp& op,
                     Precision precision);

// A vector op streamed in more buffer-sized chunks than this is planned as this many steps.
inline constexpr std::uint64_t kMaxVectorSteps = std::uint64_t{1} << 16;

// True when the op runs in the post-processing stage (an inference graph's fused op behind a
// GEMM, on a config with `post_processing`) rather than on the vector lanes.
[[nodiscard]] bool in_post_processing(const AcceleratorConfig& config, const models::TraceOp& op,
                                      bool fused);

// Plans one vector op. When `fused`, it is pipelined behind the GEMM just before it, which
// keeps the array busy for `fused_after` cycles. In the post-processing stage the chain's ops are
// pipelined too (NVDLA's SDP sub-units in series): `stage_before` is the stage time the chain's
// earlier ops already take, and the op adds only what it needs beyond that.
[[nodiscard]] OpPlan plan_vector(const AcceleratorConfig& config, const models::TraceOp& op,
                                 Precision precision, bool fused, std::uint64_t fused_after,
                                 std::uint64_t stage_before = 0);

// Inter-layer reuse (models::TraceOp::input_on_chip / output_on_chip): drops the DRAM write of
// a map kept on chip and the read of one taken from chip, leaving weights and second operands.
void apply_on_chip_reuse(OpPlan& plan, const models::TraceOp& op, Precision precision);

// On-chip-only designs (DramConfig::none): throws InputError naming the first layer at which the
// network's weights (all resident), that layer's input and output maps and any residual map held
// across it exceed sram_capacity.
void check_on_chip_fits(const AcceleratorConfig& config, const models::Trace& trace,
                        Precision precision);
// Drops every DRAM byte of a plan: on an on-chip-only design nothing moves off chip.
void keep_all_on_chip(OpPlan& plan);

// Whether a vector op can be pipelined behind the GEMM just before it (see accelerator-model.md).
[[nodiscard]] bool fusable(models::VectorKind kind);
// A pooling op the inference graph fused behind a GEMM, on hardware with a pooling stage.
[[nodiscard]] bool fused_pool(const AcceleratorConfig& config, const models::TraceOp& op);

// Throws RunTooLongError: the run may last longer than kMaxRunCycles (`found` says how long).
[[noreturn]] void refuse_run_too_long(const AcceleratorConfig& config, const std::string& found);

// Plans a trace op by op as the model asks for it and forgets ops once done, so memory stays
// bounded by the ops in flight rather than the length of the trace. Validates the config
// against the precision on construction; planning an op may throw InputError.
class TracePlanner {
 public:
  TracePlanner(const AcceleratorConfig& config, const models::Trace& trace, Precision precision);

  [[nodiscard]] std::size_t size() const { return trace_.ops.size(); }
  [[nodiscard]] const AcceleratorConfig& config() const { return config_; }
  [[nodiscard]] const models::TraceOp& trace_op(std::size_t index) const {
    return trace_.ops[index];
  }
  // The plan of op `index` (not yet released). References stay valid until released.
  [[nodiscard]] const OpPlan& op(std::size_t index);
  void release_before(std::size_t index);

  static constexpr std::size_t kNone = SIZE_MAX;
  // The last op before `index` that is the same work (everything but the layer's name), or kNone.
  [[nodiscard]] std::size_t previous_same_work(std::size_t index) const {
    return previous_same_[index];
  }
  // Where the steady-state check (sc/steady_state.hpp) looks, found once per trace. It compares
  // the model's state at an op with the states one and two periods (at most kMaxPeriod ops)
  // earlier, and only where the work repeats with that period for kMinPeriods periods from the
  // first of the three: two to compare and enough left to be worth advancing in closed form.
  // A CNN's stage of four or five equal blocks is not; an LLM's dozens of layers are.
  static constexpr std::size_t kMaxPeriod = 256;
  static constexpr std::size_t kMinPeriods = 6;
  // Whether the check compares at op `index`.
  [[nodiscard]] bool compares_at(std::size_t index) const {
    return (watch_[index] & kCompare) != 0;
  }
  // Whether the model's state at op `index` is recorded (a comparison there or a period or two
  // later may use it).
  [[nodiscard]] bool records_at(std::size_t index) const {
    return (watch_[index] & (kRecord | kCompare)) != 0;
  }
  // Ops planned so far (released or not).
  [[nodiscard]] std::size_t planned() const { return first_ + window_.size(); }
  // Whether every op from `from` on, up to the first op not yet planned, was (or will be)
  // planned exactly like the op `period` before it: same work, same fused chain before it.
  [[nodiscard]] bool plans_repeat(std::size_t from, std::size_t period) const;
  // The first op at or after `from` that is not the same work as the op `period` before it.
  [[nodiscard]] std::size_t repeats_until(std::size_t from, std::size_t period) const;
  // The model skipped `ops` ops (whole periods of `period` ops each, every one planned like the
  // op a period before it): the plans in the window now stand for the ops `ops` further on.
  void skip(std::size_t ops, std::size_t period);
  // Called with (ops done, ops in all) each time the window moves past a finished op.
  void on_progress(std::function<void(std::size_t, std::size_t)> callback) {
    progress_ = std::move(callback);
  }

 private:
  void plan_next();
  void check_run_length(const models::Trace& trace) const;
  void find_repeats();
  // Inter-layer reuse and the ideal memory's single step, on a fresh plan.
  void finish_plan(OpPlan& plan, const models::TraceOp& op) const;
  [[nodiscard]] bool same_work(std::size_t a, std::size_t b) const {
    return work_id_[a] == work_id_[b];
  }

  const AcceleratorConfig& config_;
  const models::Trace& trace_;
  Precision precision_;
  std::deque<OpPlan> window_;
  std::size_t first_ = 0;  // trace index of window_.front()
  // A chain of fusable ops right after a GEMM shares that GEMM's time on the vector unit.
  struct Chain {
    bool in_chain = false;
    std::uint64_t hidden_budget = 0;  // GEMM cycles not yet used by the chain
    std::uint64_t stage_cycles = 0;   // post-processing time of the chain's ops so far
    bool operator==(const Chain&) const = default;
  };
  Chain chain_;
  std::vector<Chain> chain_before_;     // per op planned: the chain it was planned in
  std::vector<std::uint32_t> work_id_;  // per op: equal ids, same work
  std::vector<std::size_t> previous_same_;
  // Per op: kRecord, kCompare (above); kAgain when a later op is the same work.
  static constexpr std::uint8_t kRecord = 1, kCompare = 2, kAgain = 4;
  std::vector<std::uint8_t> watch_;
  // GEMM plans kept for a later op of the same work (a CNN's repeated blocks): planning is most
  // of a small trace's cost. Kept only while such an op lies ahead, at most kCachedPlans.
  static constexpr std::size_t kCachedPlans = 32;
  struct Cached {
    std::uint32_t work = 0;
    OpPlan plan;
  };
  std::vector<Cached> cached_;
  std::function<void(std::size_t, std::size_t)> progress_;
};

}  // namespace headroom::accel
