// SPDX-License-Identifier: MIT
// Fold-by-fold GEMM plans (docs/accelerator-model.md, "Tiling and reuse"): each fold runs its
// whole reduction or stream once; two loop orders each, differing in what they re-read.
#include <algorithm>

#include "tiling/gemm_tiles.hpp"

namespace headroom::accel::tiling {

Costed Orders::fewer_bytes() const {
  const PlanCost ca = cost_of(a), cb = cost_of(b);
  return cb.bytes < ca.bytes ? Costed{b, cb} : Costed{a, ca};
}

std::optional<Orders> plan_rows(const ReductionOnRows& g, Shortfall& shortfall) {
  const std::uint64_t kmax = std::min(g.rows_k, g.k), dmax = std::min(g.cols, g.d);
  if (g.bpe.bytes(kmax * dmax) > g.s_cap)
    shortfall = {g.s_name, g.bpe.bytes(kmax * dmax)};
  else if (g.bpe.bytes(kmax) > g.x_cap)
    shortfall = {g.x_name, g.bpe.bytes(kmax)};
  else if (g.bpe.bytes(dmax) > g.o_cap)
    shortfall = {"ofmap", g.bpe.bytes(dmax)};
  if (shortfall) return std::nullopt;
  const std::uint64_t tc =
      std::min({g.t, g.bpe.elements_in(g.x_cap) / kmax, g.bpe.elements_in(g.o_cap) / dmax});
  const std::uint64_t chunks = ceil_div(g.t, tc);
  const std::uint64_t rf = ceil_div(g.k, g.rows_k), cf = ceil_div(g.d, g.cols);

  auto fold = [g, tc, chunks, rf](std::uint64_t i, std::uint64_t j, bool fetch_x, bool spill) {
    const std::uint64_t ki = std::min(g.rows_k, g.k - i * g.rows_k);
    const std::uint64_t dj = std::min(g.cols, g.d - j * g.cols);
    return runs_of(chunks, [&](std::uint64_t c) {
      const std::uint64_t rows = std::min(tc, g.t - c * tc);
      Step s;
      if (c == 0) s.read_bytes += dram_bytes(ki * dj, g.s_ratio, g.bpe);
      if (fetch_x) s.read_bytes += dram_bytes(rows * ki, g.x_ratio, g.bpe);
      if (spill && i > 0) s.read_bytes += g.bpe.bytes(rows * dj);  // partial sums come back
      s.compute_cycles = (c == 0 ? g.fill : 0) + rows;
      if (spill || i + 1 == rf) s.write_bytes = g.bpe.bytes(rows * dj);
      return s;
    });
  };
  // Order A: K outer, D inner. An X slice that fits is reused by every column fold; partial
  // sums of the whole output must stay on chip, else they are spilled and read back.
  const bool spill_a = g.bpe.bytes(g.t * g.d) > g.o_cap;
  const Emitter a{rf * cf, chunks, nest(rf, cf, [&](std::uint64_t i, std::uint64_t j) {
                    return fold(i, j, j == 0 || chunks > 1, spill_a);
                  })};
  // Order B: D outer, K inner. Only one column band of partial sums stays on chip; X is reused
  // across column bands only if all of it fits.
  const bool spill_b = g.bpe.bytes(g.t * dmax) > g.o_cap;
  const bool x_resident = g.bpe.bytes(g.t * g.k) <= g.x_cap;
  const Emitter b{rf * cf, chunks, nest(cf, rf, [&](std::uint64_t j, std::uint64_t i) {
                    return fold(i, j, j == 0 || !x_resident, spill_b);
                  })};
  return Orders{a, b};
}

// Output-stationary: M on rows, N on columns, K streamed in chunks of A rows and B columns.
std::optional<Orders> plan_os(const OsGemm& g, const BufferBudget& cap, Shortfall& shortfall) {
  const std::uint64_t mmax = std::min(g.rows, g.m), nmax = std::min(g.cols, g.n);
  if (g.bpe.bytes(mmax * nmax) > cap.ofmap)
    shortfall = {"ofmap", g.bpe.bytes(mmax * nmax)};
  else if (g.bpe.bytes(mmax * g.p) > cap.ifmap)
    shortfall = {"ifmap", g.bpe.bytes(mmax * g.p)};
  else if (g.bpe.bytes(nmax * g.p) > cap.filter)
    shortfall = {"filter", g.bpe.bytes(nmax * g.p)};
  if (shortfall) return std::nullopt;
  std::uint64_t kc =
      std::min({g.k, g.bpe.elements_in(cap.ifmap) / mmax, g.bpe.elements_in(cap.filter) / nmax});
  if (kc < g.k) kc = kc / g.p * g.p;  // a chunk holds whole packed reduction groups
  const std::uint64_t chunks = ceil_div(g.k, kc);
  const std::uint64_t rf = ceil_div(g.m, g.rows), cf = ceil_div(g.n, g.cols);

  auto fold = [g, kc, chunks](std::uint64_t i, std::uint64_t j, bool fetch_a, bool fetch_b) {
    const std::uint64_t mi = std::min(g.rows, g.m - i * g.rows);
    const std::uint64_t nj = std::min(g.cols, g.n - j * g.cols);
    return runs_of(chunks, [&](std::uint64_t c) {
      const std::uint64_t kk = std::min(kc, g.k - c * kc);
      Step s;
      if (fetch_a) s.read_bytes += dram_bytes(mi * kk, g.a_ratio, g.bpe);
      if (fetch_b) s.read_bytes += dram_bytes(kk * nj, g.b_ratio, g.bpe);
      s.compute_cycles = (c == 0 ? g.fill : 0) + ceil_div(kk, g.p);
      if (c + 1 == chunks) s.write_bytes = g.bpe.bytes(mi * nj);
      return s;
    });
  };
  // Order A: M outer. A's row band is reused across column folds if it fits in one chunk; B is
  // fetched once only if all of it fits. Order B mirrors it.
  const bool b_all = g.bpe.bytes(g.k * g.n) <= cap.filter;
  const bool a_all = g.bpe.bytes(g.m * g.k) <= cap.ifmap;
  const Emitter a{rf * cf, chunks, nest(rf, cf, [&](std::uint64_t i, std::uint64_t j) {
                    return fold(i, j, j == 0 || chunks > 1, i == 0 || !b_all);
                  })};
  const Emitter b{rf * cf, chunks, nest(cf, rf, [&](std::uint64_t j, std::uint64_t i) {
                    return fold(i, j, j == 0 || !a_all, i == 0 || chunks > 1);
                  })};
  return Orders{a, b};
}

}  // namespace headroom::accel::tiling
