// SPDX-License-Identifier: MIT
// Blocked tiling (docs/accelerator-model.md, "Tiling and reuse"): when a fold's operands do not
// fit on chip whole, keep a block of outputs on chip and stream the reduction through it, so each
// operand chunk serves every fold of the block. Each revisit of a fold pays its fill again.
#include <algorithm>

#include "tiling/gemm_tiles.hpp"

namespace headroom::accel::tiling {

namespace {

// Block sizes worth trying for `folds` folds: one per distinct block count ceil(folds / size).
std::vector<std::uint64_t> block_sizes(std::uint64_t folds) {
  std::vector<std::uint64_t> sizes;
  for (std::uint64_t x = 1; x * x <= folds; ++x) {
    sizes.push_back(x);
    sizes.push_back(ceil_div(folds, x));
  }
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  return sizes;
}

void keep_if_faster(std::optional<Blocked>& best, const Blocked& b, double bytes_per_cycle) {
  if (!best || faster(b.cost, best->cost, bytes_per_cycle)) best = b;
}

}  // namespace

PlanCost cost_of(const Emitter& plan) {
  return {plan.tree->sum.compute_cycles, plan.tree->sum.read_bytes + plan.tree->sum.write_bytes};
}

bool faster(PlanCost a, PlanCost b, double bytes_per_cycle) {
  auto time = [&](PlanCost c) {
    const double transfer =
        bytes_per_cycle > 0 ? static_cast<double>(c.bytes) / bytes_per_cycle : 0;
    return std::max(static_cast<double>(c.cycles), transfer);
  };
  const double ta = time(a), tb = time(b);
  return ta < tb || (ta == tb && a.bytes < b.bytes);
}

std::optional<Blocked> best_blocked_os(const OsGemm& g, const std::vector<BufferBudget>& caps,
                                       double bytes_per_cycle) {
  const std::uint64_t rf = ceil_div(g.m, g.rows), cf = ceil_div(g.n, g.cols);
  const std::uint64_t r1 = std::min(g.rows, g.m), c1 = std::min(g.cols, g.n);
  const std::uint64_t a_bytes = dram_bytes(g.m * g.k, g.a_ratio, g.bpe);
  const std::uint64_t b_bytes = dram_bytes(g.k * g.n, g.b_ratio, g.bpe);
  const std::uint64_t kp = ceil_div(g.k, g.p);
  std::optional<Blocked> best;
  for (const auto& cap : caps) {
    if (g.bpe.bytes(r1 * c1) > cap.ofmap)
      continue;  // a finished fold drains through the ofmap half
    for (const std::uint64_t bm : block_sizes(rf))
      for (const std::uint64_t bn : block_sizes(cf)) {
        const std::uint64_t mb = std::min(bm * g.rows, g.m), nb = std::min(bn * g.cols, g.n);
        // One row fold's A chunk, and the B chunks of every column of the block, stay resident.
        std::uint64_t kc =
            std::min({g.k, g.bpe.elements_in(cap.ifmap) / r1, g.bpe.elements_in(cap.filter) / nb});
        if (kc < g.k) kc = kc / g.p * g.p;
        if (kc == 0) continue;
        const std::uint64_t chunks = ceil_div(g.k, kc);
        if (chunks > 1 && g.bpe.bytes(mb * nb) > cap.ofmap) continue;  // partial sums of the block
        const std::uint64_t folds = rf * cf;
        Blocked b{cap, bm, bn, kc, {}};
        b.cost.cycles = folds * (kp + g.fill) + folds * (chunks - 1) * g.fill;
        b.cost.bytes =
            a_bytes * ceil_div(cf, bn) + b_bytes * ceil_div(rf, bm) + g.bpe.bytes(g.m * g.n);
        keep_if_faster(best, b, bytes_per_cycle);
      }
  }
  return best;
}

SeqPtr blocked_os_steps(const OsGemm& g, const Blocked& b) {
  const std::uint64_t rf = ceil_div(g.m, g.rows), cf = ceil_div(g.n, g.cols);
  const std::uint64_t chunks = ceil_div(g.k, b.chunk);
  // Blocks of block_rows x block_cols folds (the last ones may be short), each visited once per
  // K chunk; a visit's step depends on its place in the block (who fetches A and B), the edges
  // and whether the chunk is the last.
  SeqBuilder all;
  for_classes(ceil_div(rf, b.block_rows), [&](std::uint64_t bx, std::uint64_t bx_repeat) {
    const std::uint64_t bi = bx * b.block_rows;
    const std::uint64_t rows_in = std::min(rf, bi + b.block_rows) - bi;
    SeqBuilder band;
    for_classes(ceil_div(cf, b.block_cols), [&](std::uint64_t by, std::uint64_t by_repeat) {
      const std::uint64_t bj = by * b.block_cols;
      const std::uint64_t cols_in = std::min(cf, bj + b.block_cols) - bj;
      SeqBuilder block;
      for_classes(chunks, [&](std::uint64_t c, std::uint64_t c_repeat) {
        const std::uint64_t kk = std::min(b.chunk, g.k - c * b.chunk);
        const SeqPtr visits = nest(rows_in, cols_in, [&](std::uint64_t di, std::uint64_t dj) {
          const std::uint64_t i = bi + di, j = bj + dj;
          const std::uint64_t mi = std::min(g.rows, g.m - i * g.rows);
          const std::uint64_t nj = std::min(g.cols, g.n - j * g.cols);
          Step s;
          if (j == bj) s.read_bytes += dram_bytes(mi * kk, g.a_ratio, g.bpe);
          if (i == bi) s.read_bytes += dram_bytes(kk * nj, g.b_ratio, g.bpe);
          s.compute_cycles = g.fill + ceil_div(kk, g.p);
          if (c + 1 == chunks) s.write_bytes = g.bpe.bytes(mi * nj);
          return Runs{{s, 1}};
        });
        block.add_seq(visits, c_repeat);
      });
      band.add_seq(block.finish(), by_repeat);
    });
    all.add_seq(band.finish(), bx_repeat);
  });
  return all.finish();
}

std::optional<Blocked> best_blocked_rows(const RowsGemm& g, ElementSize bpe,
                                         const std::vector<BufferBudget>& caps, bool s_is_filter,
                                         double bytes_per_cycle) {
  const std::uint64_t rf = ceil_div(g.k, g.rows_k), cf = ceil_div(g.d, g.cols);
  const std::uint64_t kmax = std::min(g.rows_k, g.k), dmax = std::min(g.cols, g.d);
  const std::uint64_t s_bytes = dram_bytes(g.k * g.d, g.s_ratio, bpe);
  const std::uint64_t x_bytes = dram_bytes(g.t * g.k, g.x_ratio, bpe);
  std::optional<Blocked> best;
  for (const auto& cap : caps) {
    const std::uint64_t s_cap = s_is_filter ? cap.filter : cap.ifmap;
    const std::uint64_t x_cap = s_is_filter ? cap.ifmap : cap.filter;
    if (bpe.bytes(kmax * dmax) > s_cap) continue;  // one stationary tile
    for (const std::uint64_t bd : block_sizes(cf)) {
      // Partial sums of the block's columns stay on chip across the K folds; X's slice of one
      // K fold is reused by every column of the block.
      const std::uint64_t db = std::min(bd * g.cols, g.d);
      const std::uint64_t held = rf > 1 ? db : dmax;
      const std::uint64_t tc =
          std::min({g.t, bpe.elements_in(x_cap) / kmax, bpe.elements_in(cap.ofmap) / held});
      if (tc == 0) continue;
      const std::uint64_t chunks = ceil_div(g.t, tc), folds = rf * cf;
      Blocked b{cap, 1, bd, tc, {}};
      b.cost.cycles = folds * (g.t + g.fill) + folds * (chunks - 1) * g.fill;
      b.cost.bytes = s_bytes * chunks + x_bytes * ceil_div(cf, bd) + bpe.bytes(g.t * g.d);
      keep_if_faster(best, b, bytes_per_cycle);
    }
  }
  return best;
}

SeqPtr blocked_rows_steps(const RowsGemm& g, ElementSize bpe, const Blocked& b) {
  const std::uint64_t rf = ceil_div(g.k, g.rows_k), cf = ceil_div(g.d, g.cols);
  // T in chunks (the last may be short); per chunk, blocks of block_cols column folds, each
  // walked K fold by K fold. A visit's step depends on the edges, whether it is the block's first
  // column (it fetches X) and whether it is the last K fold (it writes).
  SeqBuilder all;
  for_classes(ceil_div(g.t, b.chunk), [&](std::uint64_t c, std::uint64_t c_repeat) {
    const std::uint64_t rows = std::min(b.chunk, g.t - c * b.chunk);
    SeqBuilder chunk;
    for_classes(ceil_div(cf, b.block_cols), [&](std::uint64_t by, std::uint64_t by_repeat) {
      const std::uint64_t bj = by * b.block_cols;
      const std::uint64_t cols_in = std::min(cf, bj + b.block_cols) - bj;
      const SeqPtr visits = nest(rf, cols_in, [&](std::uint64_t i, std::uint64_t dj) {
        const std::uint64_t j = bj + dj;
        const std::uint64_t ki = std::min(g.rows_k, g.k - i * g.rows_k);
        const std::uint64_t dcols = std::min(g.cols, g.d - j * g.cols);
        Step s;
        s.read_bytes = dram_bytes(ki * dcols, g.s_ratio, bpe);
        if (j == bj) s.read_bytes += dram_bytes(rows * ki, g.x_ratio, bpe);
        s.compute_cycles = g.fill + rows;
        if (i + 1 == rf) s.write_bytes = bpe.bytes(rows * dcols);
        return Runs{{s, 1}};
      });
      chunk.add_seq(visits, by_repeat);
    });
    all.add_seq(chunk.finish(), c_repeat);
  });
  return all.finish();
}

}  // namespace headroom::accel::tiling
