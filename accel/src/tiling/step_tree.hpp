// SPDX-License-Identifier: MIT
// A GEMM's tiles as a tree of repeats (docs/accelerator-model.md, "Tiling and reuse"). The tiles
// of one GEMM differ only at the edges and at the first and last visit of a loop, so a loop nest
// is a handful of distinct pieces, each repeated: planning costs the number of distinct tiles
// and phases, not the number of tiles. Whole copies of a piece are summed at once, so the merged
// steps are exactly those a tile-by-tile replay gave.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tiling/plan.hpp"

namespace headroom::accel::tiling {

// `n` identical steps in a row.
struct Run {
  Step step;
  std::uint64_t n = 0;
  bool operator==(const Run&) const = default;
};

// One unit's steps in run order: a fold's (or, in a wave tree, a wave's).
using Runs = std::vector<Run>;

struct Seq;
using SeqPtr = std::shared_ptr<const Seq>;

// `repeat` copies of either one unit (`seq` empty) or a sub-sequence.
struct Piece {
  SeqPtr seq;
  Runs unit;
  std::uint64_t repeat = 0;
  std::uint64_t copy_steps = 0;  // of one copy (set by SeqBuilder)
  Step copy_sum;
};

// A sequence of units; `units`, `steps` and `sum` count every repeat.
struct Seq {
  std::vector<Piece> pieces;
  std::uint64_t units = 0, steps = 0;
  Step sum;
};

class SeqBuilder {
 public:
  void add_unit(Runs unit, std::uint64_t repeat);
  void add_seq(SeqPtr seq, std::uint64_t repeat);
  [[nodiscard]] bool empty() const { return seq_.pieces.empty(); }
  [[nodiscard]] SeqPtr finish();

 private:
  void append(SeqPtr seq, Runs unit, std::uint64_t repeat, std::uint64_t units, std::uint64_t steps,
              const Step& sum);
  Seq seq_;
};

// The loop indices [0, n) a loop body sees as distinct when it depends on its index only through
// "first", "last" and the last iteration's remainder: calls f(index, repeat) for the first, one
// standing for the n - 2 in the middle, and the last.
template <class F>
void for_classes(std::uint64_t n, F f) {
  if (n == 0) return;
  f(std::uint64_t{0}, std::uint64_t{1});
  if (n > 2) f(std::uint64_t{1}, n - 2);
  if (n > 1) f(n - 1, std::uint64_t{1});
}

// The steps of `n` loop iterations whose steps differ only in the first and last (the chunks of
// one fold): step(c) for c = 0, one middle, and n - 1.
template <class F>
Runs runs_of(std::uint64_t n, F step) {
  Runs runs;
  for_classes(n, [&](std::uint64_t c, std::uint64_t repeat) {
    const Step s = step(c);
    if (!runs.empty() && runs.back().step == s)
      runs.back().n += repeat;
    else
      runs.push_back({s, repeat});
  });
  return runs;
}

// The folds of a two-deep loop nest, each loop walked by for_classes: unit(outer, inner).
template <class F>
SeqPtr nest(std::uint64_t outer, std::uint64_t inner, F unit) {
  SeqBuilder all;
  for_classes(outer, [&](std::uint64_t o, std::uint64_t outer_repeat) {
    SeqBuilder row;
    for_classes(inner,
                [&](std::uint64_t i, std::uint64_t repeat) { row.add_unit(unit(o, i), repeat); });
    all.add_seq(row.finish(), outer_repeat);
  });
  return all.finish();
}

// Groups `repeat` copies of a fold tree into waves of `arrays` consecutive folds, the arrays
// running side by side: a wave's step i moves the bytes of every fold's step i and lasts as long
// as the longest. Repeats whose waves line up stay repeats.
[[nodiscard]] SeqPtr waves_of(const SeqPtr& folds, std::uint64_t repeat, std::uint64_t arrays);

// The steps of `seq` merged in consecutive groups of `group` (the last may be shorter).
[[nodiscard]] std::vector<Step> merged_steps(const Seq& seq, std::uint64_t group);

}  // namespace headroom::accel::tiling
