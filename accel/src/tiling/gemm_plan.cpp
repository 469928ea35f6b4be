// SPDX-License-Identifier: MIT
// Tiling of one GEMM onto the array and its buffers (docs/accelerator-model.md, "Tiling").
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "dataflow/dataflow_strategy.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/accel/timing.hpp"
#include "headroom/models/error.hpp"
#include "tiling/gemm_tiles.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

using tiling::ceil_div;
using tiling::dram_bytes;
using tiling::Emitter;
using tiling::Orders;
using tiling::Shortfall;

// Where a tile-fit error points: the config file, its buffer key, the layer that needed it.
struct Where {
  const std::string& file;
  const std::string& layer;
  const SramConfig& sram;
};

[[noreturn]] void too_small(const Where& w, const char* buffer, std::uint64_t need) {
  const bool unified = w.sram.unified;
  const std::string key = std::string("sram.") + (unified ? "unified" : buffer) + ".size";
  const std::string name = buffer;
  const std::uint64_t size = unified            ? w.sram.unified_buffer.size_bytes
                             : name == "ifmap"  ? w.sram.ifmap.size_bytes
                             : name == "filter" ? w.sram.filter.size_bytes
                                                : w.sram.ofmap.size_bytes;
  // The planner gives each operand half its buffer (double buffering), or half a third of a
  // unified one.
  const std::uint64_t factor = unified ? 6 : 2;
  throw InputError(input_error_message(
      w.file, 0, key,
      "at least " + std::to_string(factor * need) + " B so that one " + std::to_string(need) +
          " B " + buffer + " tile of layer " + w.layer + " fits its double-buffered share",
      std::to_string(size) + " B"));
}

// An op's steps: waves of `arrays` consecutive folds run side by side (a wave lasts as long as
// its longest fold and moves the bytes of all), and since the SystemC model spends one wait per
// step, runs of consecutive steps are merged so an op keeps at most about kMaxSteps (the DMA
// always fetches one merged step ahead: docs/accelerator-model.md). The merged steps come from
// the plan's tree of repeats (step_tree.hpp), whole copies of a piece at once, not a replay.
constexpr std::uint64_t kMaxSteps = 2048;

// The splits of a unified buffer worth trying, in sixths (at least one each); thirds first.
std::vector<BufferBudget> budgets_to_try(const SramConfig& sram) {
  std::vector<BufferBudget> caps{buffer_budget(sram)};
  if (!sram.unified) return caps;
  const std::uint64_t sixth = sram.unified_buffer.size_bytes / 6 / 2;  // half is the prefetch slot
  for (std::uint64_t i = 1; i <= 4; ++i)
    for (std::uint64_t f = 1; i + f <= 5; ++f)
      if (i != 2 || f != 2) caps.push_back({i * sixth, f * sixth, (6 - i - f) * sixth});
  return caps;
}

// Plans a GEMM; with `fit_only` it stops once it knows some plan fits (or throws).
OpPlan plan(const AcceleratorConfig& config, const models::TraceOp& op, Precision precision,
            bool fit_only) {
  const auto& arr = config.array;
  const std::uint32_t p = arr.macs_per_pe_per_cycle.at(precision);
  const MappedGemm mapped = mapped_gemm(arr, op.gemm, p);
  const models::GemmShape& g = mapped.gemm;
  const ElementSize bpe = element_size(precision);
  // A PE doing p MACs per cycle consumes p reduction elements per cycle: the array sees K/p.
  const std::uint64_t kp = ceil_div(g.k, p);
  const FoldTiming ft = fold_timing(arr.dataflow, arr.rows, arr.cols, g.m, g.n, kp);
  const BufferBudget cap = buffer_budget(config.sram);
  const Where where{config.source_file, op.layer, config.sram};
  const double a_ratio = static_cast<double>(g.a_elements()) / static_cast<double>(g.m * g.k);
  const double b_ratio = static_cast<double>(g.b_elements()) / static_cast<double>(g.k * g.n);

  OpPlan result;
  OpStats& s = result.stats;
  s.layer = op.layer;
  s.phase = op.phase;
  s.kind = op.kind;
  s.m = op.gemm.m, s.n = op.gemm.n, s.k = op.gemm.k, s.count = op.gemm.count;
  s.macs = op.gemm.macs();  // a packed block's zeros are not work
  s.folds = ft.folds() * g.count;
  s.mapping_efficiency =
      mapping_efficiency(ft, arr.rows, arr.cols) / static_cast<double>(mapped.channels);

  // SCALE-Sim's SRAM accounting (peers/scalesim/README.md §5) without its OS term F_fold(R+C).
  const DataflowStrategy& dataflow = strategy(arr.dataflow);
  dataflow.count_sram(g, arr.rows, arr.cols, ceil_div(kp, arr.rows), s);
  s.ifmap_sram_reads *= g.count;
  s.filter_sram_reads *= g.count;
  s.ofmap_sram_writes *= g.count;
  s.ofmap_sram_reads *= g.count;

  const double bytes_per_cycle = config.dram.bytes_per_cycle(config.clock);
  const std::vector<BufferBudget> caps = budgets_to_try(config.sram);
  // The fold-by-fold plans first; a blocked plan replaces them when it is expected to be faster
  // (it moves fewer bytes but may revisit folds). Their tile-fit error stands only if no plan fits.
  TileWalks walks = dataflow.walk({g, p, kp, std::uint64_t{arr.rows} * p, arr.rows, arr.cols, ft,
                                   a_ratio, b_ratio, bpe, cap, caps, bytes_per_cycle});
  const std::optional<Orders>& orders = walks.by_fold;
  const std::optional<tiling::Blocked>& blocked = walks.blocked;
  const Shortfall& shortfall = walks.shortfall;
  if (shortfall && !blocked) too_small(where, shortfall.buffer, shortfall.need);
  const Emitter* by_block = walks.by_block ? &*walks.by_block : nullptr;
  if (fit_only) return {};
  std::optional<tiling::Costed> fold_plan;
  if (orders) fold_plan = orders->fewer_bytes();
  Emitter chosen;
  if (by_block && (!fold_plan || tiling::faster(blocked->cost, fold_plan->cost, bytes_per_cycle))) {
    chosen = *by_block;
    dataflow.count_blocked_sram(g, *blocked, s);
  } else {
    chosen = fold_plan->plan;
  }

  // `count` independent repetitions of the plan, run in waves of `array.count` folds.
  const tiling::SeqPtr waves = tiling::waves_of(chosen.tree, g.count, arr.count);
  result.steps = tiling::merged_steps(*waves, ceil_div(waves->steps, kMaxSteps));
  // A slowed precision (INT16 at half rate) keeps the mapping and stretches the array's time.
  const std::uint32_t slow = cycles_per_mac(arr, precision);
  for (auto& st : result.steps) {
    st.compute_cycles *= slow;
    s.dram_read_bytes += st.read_bytes;
    s.dram_write_bytes += st.write_bytes;
    s.compute_cycles += st.compute_cycles;
  }
  return result;
}

}  // namespace

OpPlan plan_gemm(const AcceleratorConfig& config, const models::TraceOp& op, Precision precision) {
  return plan(config, op, precision, false);
}

void check_gemm_fits(const AcceleratorConfig& config, const models::TraceOp& op,
                     Precision precision) {
  (void)plan(config, op, precision, true);
}

}  // namespace headroom::accel
