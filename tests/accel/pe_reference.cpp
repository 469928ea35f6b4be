// SPDX-License-Identifier: MIT
#include "accel/pe_reference.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace headroom::test {

namespace {

// What one register holds in one cycle. `tag` is the index the value belongs to (k for OS
// operands, the streamed row for WS/IS), checked wherever two values meet so a schedule that
// pairs the wrong operands fails loudly instead of merely miscomputing.
struct Token {
  bool valid = false;
  bool pad = false;  // padding of a partial fold: moves like data, counts no useful MAC
  std::int64_t value = 0;
  std::uint64_t tag = 0;
};

struct Pe {
  Token h;                 // operand moving right
  Token v;                 // OS: operand moving down; WS/IS: partial sum moving down
  Token stationary;        // WS/IS: preloaded operand (shifts down only during preload)
  std::int64_t acc = 0;    // OS: the output this PE owns
  std::uint64_t done = 0;  // OS: MACs done this fold
};

using Grid = std::vector<Pe>;

void check(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("pe_reference: ") + what);
}

struct FoldShape {
  std::uint32_t rows = 0, cols = 0;  // array
  std::uint64_t used_rows = 0, used_cols = 0;
};

// One output-stationary fold: A rows [row0, row0+used_rows) x B cols [col0, col0+used_cols).
std::uint64_t os_fold(const FoldShape& f, const Matrix& a, const Matrix& b, std::size_t row0,
                      std::size_t col0, Matrix& c, std::uint64_t& macs) {
  const std::uint64_t k_len = a.cols;
  const std::size_t R = f.rows, C = f.cols;
  Grid cur(R * C), next(R * C);
  std::vector<std::int64_t> bus_last(C, -1);  // cycle of the last write on each column bus
  std::uint64_t outputs = 0;
  for (std::uint64_t t = 0;; ++t) {
    for (std::size_t i = 0; i < R; ++i) {
      for (std::size_t j = 0; j < C; ++j) {
        Token h, v;
        if (j == 0) {
          if (t >= i && t - i < k_len) {
            const std::uint64_t k = t - i;
            const bool pad = i >= f.used_rows;
            h = Token{true, pad, pad ? 0 : a.at(row0 + i, k), k};
          }
        } else {
          h = cur[i * C + j - 1].h;
        }
        if (i == 0) {
          if (t >= j && t - j < k_len) {
            const std::uint64_t k = t - j;
            const bool pad = j >= f.used_cols;
            v = Token{true, pad, pad ? 0 : b.at(k, col0 + j), k};
          }
        } else {
          v = cur[(i - 1) * C + j].v;
        }
        Pe& pe = next[i * C + j];
        pe = cur[i * C + j];
        pe.h = h;
        pe.v = v;
        check(h.valid == v.valid, "OS operands arrive at different cycles");
        if (!h.valid) continue;
        check(h.tag == v.tag && h.tag == pe.done, "OS operands of different k meet");
        pe.acc += h.value * v.value;
        ++pe.done;
        if (!h.pad && !v.pad) ++macs;
        if (pe.done == k_len) {
          check(bus_last[j] != static_cast<std::int64_t>(t), "two writes on one column bus");
          bus_last[j] = static_cast<std::int64_t>(t);
          if (i < f.used_rows && j < f.used_cols) c.at(row0 + i, col0 + j) = pe.acc;
          ++outputs;
        }
      }
    }
    std::swap(cur, next);
    if (outputs == static_cast<std::uint64_t>(R) * C) return t + 1;
  }
}

// One weight- or input-stationary fold. `stationary(k, j)` is the value preloaded into
// PE(k, j); `streamed(s, k)` the value entering row k for stream step s < stream_len;
// `emit(s, j, value)` receives each real output leaving column j at the bottom edge.
std::uint64_t stationary_fold(
    const FoldShape& f, std::uint64_t stream_len,
    const std::function<std::int64_t(std::size_t, std::size_t)>& stationary,
    const std::function<std::int64_t(std::size_t, std::size_t)>& streamed,
    const std::function<void(std::size_t, std::size_t, std::int64_t)>& emit, std::uint64_t& macs) {
  const std::size_t R = f.rows, C = f.cols;
  Grid cur(R * C), next(R * C);
  // Preload: array row R-1-t enters at the top in cycle t and everything shifts down, so after
  // R cycles row i holds its own values.
  std::uint64_t t = 0;
  for (; t < R; ++t) {
    for (std::size_t i = 0; i < R; ++i) {
      for (std::size_t j = 0; j < C; ++j) {
        Token w;
        if (i == 0) {
          const std::size_t row = R - 1 - t;
          const bool pad = row >= f.used_rows || j >= f.used_cols;
          w = Token{true, pad, pad ? 0 : stationary(row, j), row};
        } else {
          w = cur[(i - 1) * C + j].stationary;
        }
        next[i * C + j].stationary = w;
      }
    }
    std::swap(cur, next);
  }
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t j = 0; j < C; ++j)
      check(cur[i * C + j].stationary.valid && cur[i * C + j].stationary.tag == i,
            "preload left a value in the wrong row");

  std::uint64_t outputs = 0;
  for (;; ++t) {
    for (std::size_t i = 0; i < R; ++i) {
      for (std::size_t j = 0; j < C; ++j) {
        Token h;
        if (j == 0) {
          const std::uint64_t start = R + i;  // stream starts after preload, skewed by row
          if (t >= start && t - start < stream_len) {
            const std::uint64_t s = t - start;
            const bool pad = i >= f.used_rows;
            h = Token{true, pad, pad ? 0 : streamed(s, i), s};
          }
        } else {
          h = cur[i * C + j - 1].h;
        }
        Token p = i == 0 ? Token{h.valid, false, 0, h.tag} : cur[(i - 1) * C + j].v;
        Pe& pe = next[i * C + j];
        pe = cur[i * C + j];
        pe.h = h;
        check(h.valid == p.valid, "partial sum and operand arrive at different cycles");
        if (h.valid) {
          check(h.tag == p.tag, "partial sum meets the operand of another row");
          p.value += h.value * pe.stationary.value;
          if (!h.pad && !pe.stationary.pad) ++macs;
        }
        pe.v = p;
        if (i == R - 1 && p.valid) {  // leaves through the bottom edge this cycle
          if (j < f.used_cols) emit(p.tag, j, p.value);
          ++outputs;
        }
      }
    }
    std::swap(cur, next);
    if (outputs == stream_len * C) return t + 1;
  }
}

}  // namespace

Matrix naive_matmul(const Matrix& a, const Matrix& b) {
  Matrix c(a.rows, b.cols);
  for (std::size_t i = 0; i < a.rows; ++i)
    for (std::size_t j = 0; j < b.cols; ++j)
      for (std::size_t k = 0; k < a.cols; ++k) c.at(i, j) += a.at(i, k) * b.at(k, j);
  return c;
}

PeRunResult run_pe_reference(accel::Dataflow dataflow, std::uint32_t rows, std::uint32_t cols,
                             const Matrix& a, const Matrix& b) {
  check(rows >= 1 && cols >= 1 && rows <= 16 && cols <= 16, "array must be 1..16 x 1..16");
  check(a.cols == b.rows && a.rows > 0 && a.cols > 0 && b.cols > 0, "bad GEMM shape");
  const std::size_t m = a.rows, n = b.cols, k = a.cols;
  PeRunResult r;
  r.c = Matrix(m, n);
  // (Sr, Sc) per dataflow, as in SCALE-Sim: os (M, N), ws (K, N), is (K, M). A switch, so a new
  // dataflow does not compile here until it has its oracle.
  std::size_t sr = 0, sc = 0;
  switch (dataflow) {
    case accel::Dataflow::OutputStationary:
      sr = m, sc = n;
      break;
    case accel::Dataflow::WeightStationary:
      sr = k, sc = n;
      break;
    case accel::Dataflow::InputStationary:
      sr = k, sc = m;
      break;
  }
  double efficiency_sum = 0;
  for (std::size_t r0 = 0; r0 < sr; r0 += rows) {
    for (std::size_t c0 = 0; c0 < sc; c0 += cols) {
      const FoldShape f{rows, cols, std::min<std::size_t>(rows, sr - r0),
                        std::min<std::size_t>(cols, sc - c0)};
      switch (dataflow) {
        case accel::Dataflow::OutputStationary:
          r.cycles += os_fold(f, a, b, r0, c0, r.c, r.macs);
          break;
        case accel::Dataflow::WeightStationary:
          r.cycles += stationary_fold(
              f, m, [&](std::size_t kk, std::size_t j) { return b.at(r0 + kk, c0 + j); },
              [&](std::size_t s, std::size_t kk) { return a.at(s, r0 + kk); },
              [&](std::size_t s, std::size_t j, std::int64_t v) { r.c.at(s, c0 + j) += v; },
              r.macs);
          break;
        case accel::Dataflow::InputStationary:
          r.cycles += stationary_fold(
              f, n, [&](std::size_t kk, std::size_t j) { return a.at(c0 + j, r0 + kk); },
              [&](std::size_t s, std::size_t kk) { return b.at(r0 + kk, s); },
              [&](std::size_t s, std::size_t j, std::int64_t v) { r.c.at(c0 + j, s) += v; },
              r.macs);
          break;
      }
      ++r.folds;
      efficiency_sum += static_cast<double>(f.used_rows * f.used_cols) / (rows * cols);
    }
  }
  r.mapping_efficiency = efficiency_sum / static_cast<double>(r.folds);
  return r;
}

}  // namespace headroom::test
