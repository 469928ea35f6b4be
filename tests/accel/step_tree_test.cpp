// SPDX-License-Identifier: MIT
// The tree of repeats against the obvious way: expand every fold, group folds into waves step by
// step, and sum consecutive steps in groups (what the planner did tile by tile before).
#include "tiling/step_tree.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace headroom::accel::tiling {
namespace {

void expand(const Seq& seq, std::vector<std::vector<Step>>& folds) {
  for (const Piece& p : seq.pieces)
    for (std::uint64_t r = 0; r < p.repeat; ++r) {
      if (p.seq) {
        expand(*p.seq, folds);
        continue;
      }
      std::vector<Step> fold;
      for (const Run& run : p.unit) fold.insert(fold.end(), run.n, run.step);
      folds.push_back(fold);
    }
}

std::vector<Step> naive_merged(const SeqPtr& tree, std::uint64_t repeat, std::uint64_t arrays,
                               std::uint64_t group) {
  std::vector<std::vector<Step>> folds;
  for (std::uint64_t r = 0; r < repeat; ++r) expand(*tree, folds);
  std::vector<Step> flat;
  for (std::size_t w = 0; w < folds.size(); w += arrays) {
    std::vector<Step> wave = folds[w];
    for (std::size_t f = w + 1; f < std::min(folds.size(), w + arrays); ++f)
      for (std::size_t i = 0; i < wave.size(); ++i) {
        wave[i].read_bytes += folds[f][i].read_bytes;
        wave[i].write_bytes += folds[f][i].write_bytes;
        wave[i].compute_cycles = std::max(wave[i].compute_cycles, folds[f][i].compute_cycles);
      }
    flat.insert(flat.end(), wave.begin(), wave.end());
  }
  std::vector<Step> merged;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    if (i % group == 0) merged.push_back({});
    merged.back().read_bytes += flat[i].read_bytes;
    merged.back().compute_cycles += flat[i].compute_cycles;
    merged.back().write_bytes += flat[i].write_bytes;
  }
  return merged;
}

// A random fold of `per_fold` steps, as a few runs.
Runs random_fold(std::mt19937_64& rng, std::uint64_t per_fold) {
  Runs runs;
  std::uint64_t left = per_fold;
  while (left > 0) {
    const std::uint64_t n = std::uniform_int_distribution<std::uint64_t>(1, left)(rng);
    auto v = [&] { return std::uniform_int_distribution<std::uint64_t>(0, 9)(rng); };
    runs.push_back({{v(), v(), v()}, n});
    left -= n;
  }
  return runs;
}

SeqPtr random_tree(std::mt19937_64& rng, std::uint64_t per_fold, int depth) {
  SeqBuilder b;
  const int pieces = std::uniform_int_distribution<int>(1, 3)(rng);
  for (int i = 0; i < pieces; ++i) {
    const std::uint64_t repeat = std::uniform_int_distribution<std::uint64_t>(1, 6)(rng);
    if (depth > 0 && rng() % 2)
      b.add_seq(random_tree(rng, per_fold, depth - 1), repeat);
    else
      b.add_unit(random_fold(rng, per_fold), repeat);
  }
  return b.finish();
}

TEST(StepTree, WavesAndMergedStepsEqualTheTileByTileReplay) {
  std::mt19937_64 rng(18);
  for (int trial = 0; trial < 400; ++trial) {
    const std::uint64_t per_fold = std::uniform_int_distribution<std::uint64_t>(1, 4)(rng);
    const SeqPtr tree = random_tree(rng, per_fold, 3);
    const std::uint64_t repeat = std::uniform_int_distribution<std::uint64_t>(1, 9)(rng);
    const std::uint64_t arrays = std::uniform_int_distribution<std::uint64_t>(1, 5)(rng);
    const std::uint64_t group = std::uniform_int_distribution<std::uint64_t>(1, 7)(rng);
    const SeqPtr waves = waves_of(tree, repeat, arrays);
    const std::vector<Step> expected = naive_merged(tree, repeat, arrays, group);
    ASSERT_EQ(merged_steps(*waves, group), expected)
        << "trial " << trial << ", arrays " << arrays << ", group " << group;
  }
}

TEST(StepTree, ManyRepeatsStayCheapAndExact) {
  // 10^6 copies of a 3-fold sequence on 4 arrays: the waves cycle every 4 copies. The sums are
  // counted by hand: per copy 1 + 2 + 3 read bytes and 3 write bytes.
  SeqBuilder b;
  b.add_unit({{{1, 5, 1}, 1}}, 1);
  b.add_unit({{{2, 7, 1}, 1}}, 1);
  b.add_unit({{{3, 6, 1}, 1}}, 1);
  const SeqPtr waves = waves_of(b.finish(), 1'000'000, 4);
  EXPECT_EQ(waves->steps, 750'000u);  // 3,000,000 folds / 4 arrays
  EXPECT_EQ(waves->sum.read_bytes, 6'000'000u);
  EXPECT_EQ(waves->sum.write_bytes, 3'000'000u);
  // Waves of folds (1,2,3,1) (2,3,1,2) (3,1,2,3) take 7, 7 and 7 cycles.
  EXPECT_EQ(waves->sum.compute_cycles, 750'000u * 7);
  EXPECT_LT(waves->pieces.size(), 10u);
}

TEST(StepTree, ClassesCoverTheFirstTheMiddleAndTheLast) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  auto record = [&](std::uint64_t i, std::uint64_t n) { seen.emplace_back(i, n); };
  for_classes(5, record);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 1}, {1, 3}, {4, 1}}));
  seen.clear();
  for_classes(2, record);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 1}, {1, 1}}));
  seen.clear();
  for_classes(1, record);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 1}}));
  // Chunks of 10 rows of 25: 10, 10, 5; the first carries a fill of 3.
  const Runs runs = runs_of(3, [](std::uint64_t c) {
    return Step{0, (c == 0 ? 3u : 0u) + std::min<std::uint64_t>(10, 25 - c * 10), 0};
  });
  EXPECT_EQ(runs, (Runs{{{0, 13, 0}, 1}, {{0, 10, 0}, 1}, {{0, 5, 0}, 1}}));
}

}  // namespace
}  // namespace headroom::accel::tiling
