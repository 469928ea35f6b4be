// SPDX-License-Identifier: MIT
// Tiling of one GEMM onto the array and its buffers (docs/accelerator-model.md, "Tiling").
#include <algorithm>
#include <cmath>
#include <string>

#include "headroom/accel/timing.hpp"
#include "headroom/models/error.hpp"
#include "tiling/gemm_tiles.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

using tiling::ceil_div;
using tiling::dram_bytes;
using tiling::Fold;

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

// The SystemC model spends one wait per step, so an op of very many small steps (fine K chunks of
// a blocked plan) is merged into at most ~kMaxSteps runs of consecutive steps. A merged step
// reads no more than `max_read` bytes, half the prefetch space, so the next one can still be
// fetched while it computes.
constexpr std::size_t kMaxSteps = 2048;

void coalesce(std::vector<Step>& steps, std::uint64_t total, std::uint64_t max_read) {
  if (total <= kMaxSteps) return;
  const std::size_t group = ceil_div(total, kMaxSteps);
  std::vector<Step> merged;
  std::size_t in_group = 0;
  for (const Step& st : steps) {
    if (merged.empty() || in_group == group ||
        merged.back().read_bytes + st.read_bytes > max_read) {
      merged.push_back(st);
      in_group = 1;
      continue;
    }
    merged.back().read_bytes += st.read_bytes;
    merged.back().compute_cycles += st.compute_cycles;
    merged.back().write_bytes += st.write_bytes;
    ++in_group;
  }
  steps = std::move(merged);
}

// The first tile a plan cannot fit: the buffer and the bytes it needed.
struct Shortfall {
  const char* buffer = nullptr;
  std::uint64_t need = 0;
  explicit operator bool() const { return buffer != nullptr; }
};

std::uint64_t traffic(const std::vector<Fold>& folds) { return tiling::cost_of(folds).bytes; }

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

// Weight- and input-stationary: the reduction K lies on the array rows, D on the columns, T is
// streamed. S is the stationary operand (K x D), X the streamed one (T x K), outputs T x D.
struct ReductionOnRows {
  std::uint64_t k, d, t, rows_k, cols, fill;  // rows_k = K elements one row fold covers
  double s_ratio, x_ratio;
  std::uint64_t s_cap, x_cap, o_cap;
  const char *s_name, *x_name;
  std::uint32_t bpe;
};

// Plans nothing when a tile cannot fit (or `fit_only`): `shortfall` says which.
std::vector<Fold> plan_rows(const ReductionOnRows& g, bool fit_only, Shortfall& shortfall) {
  const std::uint64_t kmax = std::min(g.rows_k, g.k), dmax = std::min(g.cols, g.d);
  if (kmax * dmax * g.bpe > g.s_cap)
    shortfall = {g.s_name, kmax * dmax * g.bpe};
  else if (kmax * g.bpe > g.x_cap)
    shortfall = {g.x_name, kmax * g.bpe};
  else if (dmax * g.bpe > g.o_cap)
    shortfall = {"ofmap", dmax * g.bpe};
  if (shortfall || fit_only) return {};
  const std::uint64_t tc = std::min({g.t, g.x_cap / (kmax * g.bpe), g.o_cap / (dmax * g.bpe)});
  const std::uint64_t chunks = ceil_div(g.t, tc);
  const std::uint64_t rf = ceil_div(g.k, g.rows_k), cf = ceil_div(g.d, g.cols);

  auto fold = [&](std::uint64_t i, std::uint64_t j, bool fetch_x, bool spill) {
    const std::uint64_t ki = std::min(g.rows_k, g.k - i * g.rows_k);
    const std::uint64_t dj = std::min(g.cols, g.d - j * g.cols);
    Fold f;
    for (std::uint64_t c = 0; c < chunks; ++c) {
      const std::uint64_t rows = std::min(tc, g.t - c * tc);
      Step s;
      if (c == 0) s.read_bytes += dram_bytes(ki * dj, g.s_ratio, g.bpe);
      if (fetch_x) s.read_bytes += dram_bytes(rows * ki, g.x_ratio, g.bpe);
      if (spill && i > 0) s.read_bytes += rows * dj * g.bpe;  // partial sums come back
      s.compute_cycles = (c == 0 ? g.fill : 0) + rows;
      if (spill || i + 1 == rf) s.write_bytes = rows * dj * g.bpe;
      f.push_back(s);
    }
    return f;
  };
  // Order A: K outer, D inner. An X slice that fits is reused by every column fold; partial
  // sums of the whole output must stay on chip, else they are spilled and read back.
  std::vector<Fold> a;
  const bool spill_a = g.t * g.d * g.bpe > g.o_cap;
  for (std::uint64_t i = 0; i < rf; ++i)
    for (std::uint64_t j = 0; j < cf; ++j) a.push_back(fold(i, j, j == 0 || chunks > 1, spill_a));
  // Order B: D outer, K inner. Only one column band of partial sums stays on chip; X is reused
  // across column bands only if all of it fits.
  std::vector<Fold> b;
  const bool spill_b = g.t * dmax * g.bpe > g.o_cap;
  const bool x_resident = g.t * g.k * g.bpe <= g.x_cap;
  for (std::uint64_t j = 0; j < cf; ++j)
    for (std::uint64_t i = 0; i < rf; ++i) b.push_back(fold(i, j, j == 0 || !x_resident, spill_b));
  return traffic(b) < traffic(a) ? b : a;
}

// Output-stationary: M on rows, N on columns, K streamed in chunks of A rows and B columns.
std::vector<Fold> plan_os(std::uint64_t m, std::uint64_t n, std::uint64_t k, std::uint32_t p,
                          std::uint64_t rows, std::uint64_t cols, std::uint64_t fill,
                          double a_ratio, double b_ratio, const BufferBudget& cap,
                          std::uint32_t bpe, bool fit_only, Shortfall& shortfall) {
  const std::uint64_t mmax = std::min(rows, m), nmax = std::min(cols, n);
  if (mmax * nmax * bpe > cap.ofmap)
    shortfall = {"ofmap", mmax * nmax * bpe};
  else if (mmax * p * bpe > cap.ifmap)
    shortfall = {"ifmap", mmax * p * bpe};
  else if (nmax * p * bpe > cap.filter)
    shortfall = {"filter", nmax * p * bpe};
  if (shortfall || fit_only) return {};
  std::uint64_t kc = std::min({k, cap.ifmap / (mmax * bpe), cap.filter / (nmax * bpe)});
  if (kc < k) kc = kc / p * p;  // a chunk holds whole packed reduction groups
  const std::uint64_t chunks = ceil_div(k, kc);
  const std::uint64_t rf = ceil_div(m, rows), cf = ceil_div(n, cols);

  auto fold = [&](std::uint64_t i, std::uint64_t j, bool fetch_a, bool fetch_b) {
    const std::uint64_t mi = std::min(rows, m - i * rows), nj = std::min(cols, n - j * cols);
    Fold f;
    for (std::uint64_t c = 0; c < chunks; ++c) {
      const std::uint64_t kk = std::min(kc, k - c * kc);
      Step s;
      if (fetch_a) s.read_bytes += dram_bytes(mi * kk, a_ratio, bpe);
      if (fetch_b) s.read_bytes += dram_bytes(kk * nj, b_ratio, bpe);
      s.compute_cycles = (c == 0 ? fill : 0) + ceil_div(kk, p);
      if (c + 1 == chunks) s.write_bytes = mi * nj * bpe;
      f.push_back(s);
    }
    return f;
  };
  // Order A: M outer. A's row band is reused across column folds if it fits in one chunk; B is
  // fetched once only if all of it fits. Order B mirrors it.
  std::vector<Fold> a, b;
  const bool b_all = k * n * bpe <= cap.filter, a_all = m * k * bpe <= cap.ifmap;
  for (std::uint64_t i = 0; i < rf; ++i)
    for (std::uint64_t j = 0; j < cf; ++j)
      a.push_back(fold(i, j, j == 0 || chunks > 1, i == 0 || !b_all));
  for (std::uint64_t j = 0; j < cf; ++j)
    for (std::uint64_t i = 0; i < rf; ++i)
      b.push_back(fold(i, j, j == 0 || !a_all, i == 0 || chunks > 1));
  return traffic(b) < traffic(a) ? b : a;
}

// Plans a GEMM; with `fit_only` it stops once it knows some plan fits (or throws).
OpPlan plan(const AcceleratorConfig& config, const models::TraceOp& op, Precision precision,
            bool fit_only) {
  const auto& g = op.gemm;
  const auto& arr = config.array;
  const std::uint32_t p = arr.macs_per_pe_per_cycle.at(precision);
  const std::uint32_t bpe = bytes_per_element(precision);
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
  s.m = g.m, s.n = g.n, s.k = g.k, s.count = g.count;
  s.macs = g.macs();
  s.folds = ft.folds() * g.count;
  s.mapping_efficiency = mapping_efficiency(ft, arr.rows, arr.cols);

  // SCALE-Sim's SRAM accounting (peers/scalesim/README.md §5) without its OS term F_fold(R+C).
  const std::uint64_t row_k_folds = ceil_div(kp, arr.rows);
  switch (arr.dataflow) {
    case Dataflow::OutputStationary:
      s.ifmap_sram_reads = ceil_div(g.n, arr.cols) * g.m * g.k;
      s.filter_sram_reads = ceil_div(g.m, arr.rows) * g.k * g.n;
      s.ofmap_sram_writes = g.m * g.n;
      break;
    case Dataflow::WeightStationary:
      s.ifmap_sram_reads = ceil_div(g.n, arr.cols) * g.m * g.k;
      s.filter_sram_reads = g.k * g.n;
      s.ofmap_sram_writes = row_k_folds * g.m * g.n;
      s.ofmap_sram_reads = (row_k_folds - 1) * g.m * g.n;
      break;
    case Dataflow::InputStationary:
      s.ifmap_sram_reads = g.m * g.k;
      s.filter_sram_reads = ceil_div(g.m, arr.cols) * g.k * g.n;
      s.ofmap_sram_writes = row_k_folds * g.m * g.n;
      s.ofmap_sram_reads = (row_k_folds - 1) * g.m * g.n;
      break;
  }
  s.ifmap_sram_reads *= g.count;
  s.filter_sram_reads *= g.count;
  s.ofmap_sram_writes *= g.count;
  s.ofmap_sram_reads *= g.count;

  const std::uint64_t rows_k = std::uint64_t{arr.rows} * p;
  const double bytes_per_cycle =
      config.dram.ideal ? 0.0 : config.dram.bandwidth.value() / config.clock.value();
  const std::vector<BufferBudget> caps = budgets_to_try(config.sram);
  // The fold-by-fold plans first; a blocked plan replaces them when it is expected to be faster
  // (it moves fewer bytes but may revisit folds). Their tile-fit error stands only if no plan fits.
  std::vector<Fold> folds;
  Shortfall shortfall;
  const tiling::OsGemm os{g.m,     g.n,     g.k, p, arr.rows, arr.cols, ft.cycles_per_fold - kp,
                          a_ratio, b_ratio, bpe};
  const tiling::RowsGemm ws{g.k,     g.n,    g.m, rows_k, arr.cols, ft.cycles_per_fold - g.m,
                            b_ratio, a_ratio};
  const tiling::RowsGemm is{g.k,     g.m,    g.n, rows_k, arr.cols, ft.cycles_per_fold - g.n,
                            a_ratio, b_ratio};
  switch (arr.dataflow) {
    case Dataflow::OutputStationary:
      folds = plan_os(g.m, g.n, g.k, p, arr.rows, arr.cols, os.fill, a_ratio, b_ratio, cap, bpe,
                      fit_only, shortfall);
      break;
    case Dataflow::WeightStationary:
      folds = plan_rows({g.k, g.n, g.m, rows_k, arr.cols, ws.fill, b_ratio, a_ratio, cap.filter,
                         cap.ifmap, cap.ofmap, "filter", "ifmap", bpe},
                        fit_only, shortfall);
      break;
    case Dataflow::InputStationary:
      folds = plan_rows({g.k, g.m, g.n, rows_k, arr.cols, is.fill, a_ratio, b_ratio, cap.ifmap,
                         cap.filter, cap.ofmap, "ifmap", "filter", bpe},
                        fit_only, shortfall);
      break;
  }
  const bool by_rows = arr.dataflow != Dataflow::OutputStationary;
  const tiling::RowsGemm& rows_gemm = arr.dataflow == Dataflow::WeightStationary ? ws : is;
  const auto blocked = by_rows ? tiling::best_blocked_rows(
                                     rows_gemm, bpe, caps,
                                     arr.dataflow == Dataflow::WeightStationary, bytes_per_cycle)
                               : tiling::best_blocked_os(os, caps, bytes_per_cycle);
  if (shortfall && !blocked) too_small(where, shortfall.buffer, shortfall.need);
  if (fit_only) return {};
  std::vector<Step> flat;  // the folds' steps one after the other, per_fold steps each
  std::size_t per_fold = 1;
  if (blocked &&
      (shortfall || tiling::faster(blocked->cost, tiling::cost_of(folds), bytes_per_cycle))) {
    flat = by_rows ? tiling::blocked_rows_steps(rows_gemm, bpe, *blocked)
                   : tiling::blocked_os_steps(os, *blocked);
    // An output-stationary fold revisited for its next K chunk first swaps its partial sums
    // out of the array and back in through the ofmap buffer.
    if (!by_rows) {
      const std::uint64_t revisits = ceil_div(g.k, blocked->chunk) - 1;
      s.ofmap_sram_writes += revisits * g.m * g.n * g.count;
      s.ofmap_sram_reads += revisits * g.m * g.n * g.count;
    }
  } else {
    per_fold = folds.front().size();
    flat.reserve(folds.size() * per_fold);
    for (const Fold& f : folds) flat.insert(flat.end(), f.begin(), f.end());
  }

  // `count` independent repetitions, then waves of `array.count` folds run side by side: a
  // wave lasts as long as one fold and moves the bytes of all of them.
  const std::uint64_t max_read = (cap.ifmap + cap.filter) / 2;
  if (arr.count == 1) {
    coalesce(flat, flat.size() * g.count, max_read);
    result.steps.reserve(flat.size() * g.count);
    for (std::uint64_t r = 0; r < g.count; ++r)
      result.steps.insert(result.steps.end(), flat.begin(), flat.end());
  } else {
    const std::uint64_t n_folds = flat.size() / per_fold, total_folds = n_folds * g.count;
    for (std::uint64_t w = 0; w < total_folds; w += arr.count) {
      const std::uint64_t last = std::min(total_folds, w + arr.count);
      const auto first = flat.begin() + static_cast<std::ptrdiff_t>((w % n_folds) * per_fold);
      std::vector<Step> wave(first, first + static_cast<std::ptrdiff_t>(per_fold));
      for (std::uint64_t f = w + 1; f < last; ++f) {
        const Step* other = &flat[(f % n_folds) * per_fold];
        for (std::size_t c = 0; c < per_fold; ++c) {
          wave[c].read_bytes += other[c].read_bytes;
          wave[c].write_bytes += other[c].write_bytes;
          wave[c].compute_cycles = std::max(wave[c].compute_cycles, other[c].compute_cycles);
        }
      }
      result.steps.insert(result.steps.end(), wave.begin(), wave.end());
    }
    coalesce(result.steps, result.steps.size(), max_read);
  }
  for (const auto& st : result.steps) {
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
