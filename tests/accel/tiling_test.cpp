// SPDX-License-Identifier: MIT
// The tiling planner's DRAM traffic: resident operands are fetched once, spilled partial sums
// go out and come back, im2col inputs cost their unique elements. Expected bytes are counted
// by hand from the shapes in each test.
#include <gtest/gtest.h>

#include "headroom/accel/simulator.hpp"
#include "headroom/models/error.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig make_config(Dataflow df, std::uint64_t ifmap, std::uint64_t filter,
                              std::uint64_t ofmap) {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {32, 32, 1, df, {{Precision::INT8, 1}, {Precision::FP16, 1}}, {}};
  c.sram.ifmap.size_bytes = ifmap;
  c.sram.filter.size_bytes = filter;
  c.sram.ofmap.size_bytes = ofmap;
  c.dram.bandwidth = units::gigabytes_per_second(10);
  return c;
}

models::TraceOp gemm(std::uint64_t m, std::uint64_t n, std::uint64_t k,
                     std::uint64_t a_unique = 0) {
  models::TraceOp op;
  op.layer = "l";
  op.gemm = {m, n, k, 1, a_unique, 0};
  return op;
}

constexpr std::uint64_t kMiB = 1 << 20;

TEST(Tiling, OperandsThatFitAreFetchedOnce) {
  const auto c = make_config(Dataflow::WeightStationary, kMiB, kMiB, kMiB);
  const OpPlan p = plan_gemm(c, gemm(100, 64, 64), Precision::INT8);
  EXPECT_EQ(p.stats.dram_read_bytes, 100u * 64 + 64u * 64);  // A once + B once
  EXPECT_EQ(p.stats.dram_write_bytes, 100u * 64);            // C once, no partial sums
  EXPECT_EQ(p.steps.size(), 4u);                             // 2 K-folds x 2 N-folds
}

TEST(Tiling, BytesScaleWithTheElementSize) {
  const auto c = make_config(Dataflow::WeightStationary, kMiB, kMiB, kMiB);
  const OpPlan p = plan_gemm(c, gemm(100, 64, 64), Precision::FP16);
  EXPECT_EQ(p.stats.dram_read_bytes, 2 * (100u * 64 + 64u * 64));
  EXPECT_EQ(p.stats.dram_write_bytes, 2 * 100u * 64);
}

TEST(Tiling, Im2colInputCostsItsUniqueElements) {
  const auto c = make_config(Dataflow::WeightStationary, kMiB, kMiB, kMiB);
  const OpPlan p = plan_gemm(c, gemm(100, 64, 64, 1000), Precision::INT8);
  EXPECT_EQ(p.stats.dram_read_bytes, 1000u + 64u * 64);
}

// With an ideal memory only cycles count, so the planner keeps the fold-by-fold order (a blocked
// plan revisits folds and pays their fill again): the fallbacks below are what remains.
AcceleratorConfig ideal(AcceleratorConfig c) {
  c.dram.ideal = true;
  return c;
}

TEST(Tiling, PartialSumsThatDoNotFitAreSpilledAndReadBack) {
  // 256 x 32 outputs = 8 KiB of partial sums; the ofmap buffer has 2 KiB per half.
  const auto c = ideal(make_config(Dataflow::WeightStationary, kMiB, kMiB, 4096));
  const OpPlan p = plan_gemm(c, gemm(256, 32, 128), Precision::INT8);
  // 4 K-folds each write all 8 KiB; the last 3 first read them back.
  EXPECT_EQ(p.stats.dram_write_bytes, 4u * 8192);
  EXPECT_EQ(p.stats.dram_read_bytes, 256u * 128 + 128u * 32 + 3u * 8192);
  // The streamed input is cut into chunks of 64 rows so 64 x 32 outputs fit a 2 KiB half.
  EXPECT_EQ(p.steps.size(), 4u * 4u);
}

TEST(Tiling, OutputStationaryRefetchesWeightsThatDoNotFit) {
  // B = 512 x 32 = 16 KiB against a 4 KiB filter half: every M fold streams it again.
  const auto c = ideal(make_config(Dataflow::OutputStationary, kMiB, 8192, kMiB));
  const OpPlan p = plan_gemm(c, gemm(64, 32, 512), Precision::INT8);
  EXPECT_EQ(p.stats.dram_read_bytes, 64u * 512 + 2u * 512 * 32);
  EXPECT_EQ(p.stats.dram_write_bytes, 64u * 32);
}

TEST(Tiling, PlannedComputeCyclesSumToTheFoldTiming) {
  // Chunking the stream must not change the array time: 4 K-folds of 2R + C + M - 2 = 350.
  const auto c = ideal(make_config(Dataflow::WeightStationary, kMiB, kMiB, 4096));
  const OpPlan p = plan_gemm(c, gemm(256, 32, 128), Precision::INT8);
  EXPECT_EQ(p.stats.compute_cycles, 4u * 350u);
}

TEST(Tiling, OutputStationaryBlocksKeepPartialSumsOnChip) {
  // 128 x 128 x 512 INT8 on 32 x 32, 4 KiB per buffer half, 10 B per cycle. A fold's row band
  // (32 x 512 = 16 KiB) fits nowhere, so fold by fold both operands stream again for each of the
  // 16 folds: 16 x 32 KiB = 512 KiB. Blocks of 2 x 2 folds keep 64 x 64 partial sums (4 KiB) in
  // the ofmap half while K streams in chunks of 64 (64 x 64 B of B fills the filter half):
  // A and B are each read twice, 2 x 64 KiB + 2 x 64 KiB = 256 KiB. Each fold is visited in 8
  // chunks, each paying the R + C - 2 = 62 fill: 16 x (512 + 62) + 16 x 7 x 62 = 16,128 cycles.
  // Expected time max(16,128, 278,528 B / 10) beats every other block shape (worked by hand:
  // 1 x 2 and 2 x 1 move 400 KiB, 4 x 1 and 1 x 4 move 336 KiB).
  const auto c = make_config(Dataflow::OutputStationary, 8192, 8192, 8192);
  const OpPlan p = plan_gemm(c, gemm(128, 128, 512), Precision::INT8);
  EXPECT_EQ(p.stats.dram_read_bytes, 2u * 128 * 512 + 2u * 512 * 128);
  EXPECT_EQ(p.stats.dram_write_bytes, 128u * 128);
  EXPECT_EQ(p.stats.compute_cycles, 16'128u);
  // Each revisit swaps the fold's partial sums out and back in through the ofmap buffer.
  EXPECT_EQ(p.stats.ofmap_sram_writes, 128u * 128 + 7u * 128 * 128);
  EXPECT_EQ(p.stats.ofmap_sram_reads, 7u * 128 * 128);
}

TEST(Tiling, WeightStationaryBlocksReuseTheStreamedSliceAcrossColumns) {
  // T = 256 rows of X (M), K = 64, D = 128 (N) on 32 x 32 WS: 2 K folds x 4 column folds. The
  // ifmap and ofmap halves hold 4 KiB. Blocks of 2 column folds keep 64 x 64 partial sums, so T
  // streams in chunks of 64 rows: the weights are read once per chunk (4 x 8 KiB) and X once per
  // block (2 x 16 KiB). Fill 2R + C - 2 = 94 per visit: 8 x (256 + 94) + 8 x 3 x 94 = 5,056.
  // One-column and four-column blocks move 112 KiB in all, two-column blocks 96 KiB.
  const auto c = make_config(Dataflow::WeightStationary, 8192, kMiB, 8192);
  const OpPlan p = plan_gemm(c, gemm(256, 128, 64), Precision::INT8);
  EXPECT_EQ(p.stats.dram_read_bytes, 4u * 64 * 128 + 2u * 256 * 64);
  EXPECT_EQ(p.stats.dram_write_bytes, 256u * 128);
  EXPECT_EQ(p.stats.compute_cycles, 5'056u);
}

TEST(Tiling, AnOpOfHundredsOfMillionsOfTilesIsPlanned) {
  // 131,072^3 on 32 x 32: 4,096 x 4,096 = 16.8 M folds of a 131,072-deep K, cut into 8 chunks by
  // the 512 KiB halves: 134 M tiles, twice the 2^26 once refused. Planning sums the tree of
  // repeats, not the tiles: 2^51 MACs on 1,024 PEs take at least 2^41 cycles.
  const auto c = make_config(Dataflow::OutputStationary, kMiB, kMiB, kMiB);
  const OpPlan p = plan_gemm(c, gemm(131072, 131072, 131072), Precision::INT8);
  EXPECT_EQ(p.stats.macs, std::uint64_t{1} << 51);
  EXPECT_GE(p.stats.compute_cycles, std::uint64_t{1} << 41);
  EXPECT_LE(p.steps.size(), 4096u);  // merged steps, not tiles
}

models::Trace one_gemm_trace(std::uint64_t side) {
  models::Trace t;
  t.network = "huge";
  t.ops.push_back(gemm(side, side, side));
  return t;
}

TEST(Tiling, ARunTooLongForTheModelsClockIsRefusedBeforeItStarts) {
  // The clock counts 1 ps ticks in 64 bits, 1,000 a cycle; runs stop at 3 x 2^62 ticks, 1.38 x
  // 10^16 cycles. 2^21 x 2^21 x 3,670,016 is 1.6 x 10^19 MACs, at least 2^32 x 3,670,016 =
  // 1.58 x 10^16 cycles on 32 x 32.
  const auto c = make_config(Dataflow::OutputStationary, kMiB, kMiB, kMiB);
  const models::Trace fits = one_gemm_trace(std::uint64_t{1} << 20);  // 2^50 cycles at least
  EXPECT_NO_THROW(TracePlanner(c, fits, Precision::INT8));
  models::Trace too_long = one_gemm_trace(std::uint64_t{1} << 21);
  too_long.ops[0].gemm.k = 3'670'016;
  try {
    TracePlanner planner(c, too_long, Precision::INT8);
    FAIL() << "expected RunTooLongError";
  } catch (const RunTooLongError& e) {
    EXPECT_NE(std::string(e.what()).find("at least 15762598695796736 cycles"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("smaller batch"), std::string::npos) << e.what();
  }
  // 2^22 cubed, 2^66 MACs, overflows 64 bits: still an error, not a wrapped count.
  const models::Trace overflow = one_gemm_trace(std::uint64_t{1} << 22);
  try {
    TracePlanner planner(c, overflow, Precision::INT8);
    FAIL() << "expected RunTooLongError";
  } catch (const RunTooLongError& e) {
    EXPECT_NE(std::string(e.what()).find("at least 2^64 cycles"), std::string::npos) << e.what();
  }
}

TEST(Tiling, AVectorOpOfMillionsOfChunksIsPlannedInAtMost65536Steps) {
  // A 64 B ifmap buffer streams 32 INT8 elements a chunk (half of it): 3.2 M elements are 100,000
  // chunks, merged into 2^16 steps that still move every byte and spend every lane-cycle.
  auto c = make_config(Dataflow::OutputStationary, 64, kMiB, kMiB);
  c.vector.lanes = 16;
  models::TraceOp op;
  op.layer = "softmax";
  op.kind = models::TraceOp::Kind::Vector;
  op.vector = {models::VectorKind::Softmax, 3'200'000, 5 * 3'200'000, 3'200'000};
  const OpPlan p = plan_vector(c, op, Precision::INT8, false, 0);
  EXPECT_EQ(p.steps.size(), 65'536u);
  std::uint64_t read = 0, cycles = 0, written = 0;
  for (const Step& st : p.steps) {
    read += st.read_bytes;
    cycles += st.compute_cycles;
    written += st.write_bytes;
  }
  EXPECT_EQ(read, 3'200'000u);
  EXPECT_EQ(written, 3'200'000u);
  EXPECT_EQ(cycles, 5u * 3'200'000 / 16);
}

TEST(Tiling, UnifiedBufferIsSharedInThirds) {
  SramConfig s;
  s.unified = true;
  s.unified_buffer.size_bytes = 6000;
  const BufferBudget b = buffer_budget(s);
  EXPECT_EQ(b.ifmap, 1000u);
  EXPECT_EQ(b.filter, 1000u);
  EXPECT_EQ(b.ofmap, 1000u);
}

TEST(Tiling, InputBufferTooSmallForOneRowIsAnInputError) {
  const auto c = make_config(Dataflow::WeightStationary, 32, kMiB, kMiB);  // 16 B per half
  EXPECT_THROW((void)plan_gemm(c, gemm(100, 64, 64), Precision::INT8), InputError);
}

}  // namespace
}  // namespace headroom::accel
