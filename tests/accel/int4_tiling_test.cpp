// SPDX-License-Identifier: MIT
// INT4 packs two values per byte: a GEMM's DRAM bytes are half its INT8 bytes tile by tile, a
// tile of an odd number of values rounding up to a whole byte. Expected bytes are counted by
// hand from the shapes; MACs never change, and a PE doing two INT4 MACs per cycle takes two
// reduction elements per cycle.
#include <gtest/gtest.h>

#include "headroom/accel/simulator.hpp"
#include "headroom/models/error.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {
namespace {

// 32 x 32 weight-stationary, INT8 at one MAC per PE per cycle and INT4 at two (the
// `{int8: 1, int4: 2}` of configs/accel/hailo-10h-class.yaml). With an ideal DRAM only cycles
// choose the plan, so the fold-by-fold order is kept at both widths.
AcceleratorConfig make_config() {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {32, 32, 1, Dataflow::WeightStationary, {{Precision::INT8, 1}, {Precision::INT4, 2}},
             {}};
  c.sram.ifmap.size_bytes = 1 << 20;
  c.sram.filter.size_bytes = 1 << 20;
  c.sram.ofmap.size_bytes = 1 << 20;
  c.dram.ideal = true;
  return c;
}

models::TraceOp gemm(std::uint64_t m, std::uint64_t n, std::uint64_t k) {
  models::TraceOp op;
  op.layer = "l";
  op.gemm = {m, n, k, 1, 0, 0};
  return op;
}

TEST(Int4Tiling, EvenTilesMoveExactlyHalfTheInt8Bytes) {
  const auto c = make_config();
  const OpPlan i8 = plan_gemm(c, gemm(100, 64, 64), Precision::INT8);
  const OpPlan i4 = plan_gemm(c, gemm(100, 64, 64), Precision::INT4);
  // INT8: A 100 x 64 + B 64 x 64 read once, C 100 x 64 written once, one byte each.
  EXPECT_EQ(i8.stats.dram_read_bytes, 6400u + 4096u);
  EXPECT_EQ(i8.stats.dram_write_bytes, 6400u);
  // INT4: every tile has an even count (64 x 32 weights, 100 x 64 inputs, 100 x 32 outputs).
  EXPECT_EQ(i4.stats.dram_read_bytes, 3200u + 2048u);
  EXPECT_EQ(i4.stats.dram_write_bytes, 3200u);
  EXPECT_EQ(i4.stats.macs, i8.stats.macs);
  EXPECT_EQ(i4.stats.macs, 100u * 64 * 64);
}

TEST(Int4Tiling, AnOddTileRoundsUpToAWholeByte) {
  const auto c = make_config();
  // One tile each: 3 x 3 inputs, 3 x 3 weights, 3 x 3 outputs = 9 values, 4.5 -> 5 bytes.
  const OpPlan one = plan_gemm(c, gemm(3, 3, 3), Precision::INT4);
  EXPECT_EQ(one.stats.dram_read_bytes, 5u + 5u);
  EXPECT_EQ(one.stats.dram_write_bytes, 5u);
  // Two column folds (32 + 1 of N = 33), K = 7 in one row fold, M = 5:
  // weights 7 x 32 = 224 -> 112 and 7 x 1 = 7 -> 4; inputs 5 x 7 = 35 -> 18, fetched once;
  // outputs 5 x 32 = 160 -> 80 and 5 x 1 = 5 -> 3. INT8: 231 + 35 read, 165 written.
  const OpPlan i4 = plan_gemm(c, gemm(5, 33, 7), Precision::INT4);
  const OpPlan i8 = plan_gemm(c, gemm(5, 33, 7), Precision::INT8);
  EXPECT_EQ(i8.stats.dram_read_bytes, 231u + 35u);
  EXPECT_EQ(i8.stats.dram_write_bytes, 165u);
  EXPECT_EQ(i4.stats.dram_read_bytes, 112u + 4u + 18u);
  EXPECT_EQ(i4.stats.dram_write_bytes, 80u + 3u);
}

TEST(Int4Tiling, TwoMacsPerCycleHalveTheReductionStreamedPerFold) {
  const auto c = make_config();
  // K = 64: INT8 needs two row folds of 32; INT4 at two per PE covers 64 in one.
  const OpPlan i8 = plan_gemm(c, gemm(100, 32, 64), Precision::INT8);
  const OpPlan i4 = plan_gemm(c, gemm(100, 32, 64), Precision::INT4);
  EXPECT_EQ(i8.stats.folds, 2u);
  EXPECT_EQ(i4.stats.folds, 1u);
  EXPECT_LT(i4.stats.compute_cycles, i8.stats.compute_cycles);
}

TEST(Int4Tiling, ABufferHoldsTwiceAsManyInt4Values) {
  // A 64 x 32 INT8 weight tile (2048 B) does not fit a 2 KiB filter buffer's 1 KiB half; the
  // same 2048 values at INT4 are 1024 B and do.
  auto c = make_config();
  c.array.macs_per_pe_per_cycle = {{Precision::INT8, 2}, {Precision::INT4, 2}};
  c.sram.filter.size_bytes = 2048;
  EXPECT_THROW(check_gemm_fits(c, gemm(16, 32, 64), Precision::INT8), InputError);
  EXPECT_NO_THROW(check_gemm_fits(c, gemm(16, 32, 64), Precision::INT4));
}

}  // namespace
}  // namespace headroom::accel
