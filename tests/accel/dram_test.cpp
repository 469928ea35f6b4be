// SPDX-License-Identifier: MIT
// Built-in DRAM types against their published figures, and the channel's delay model (and its
// arbitration between reads and write-backs) against hand-computed transfer times.
#include <gtest/gtest.h>

#include "headroom/accel/dram_types.hpp"
#include "headroom/accel/simulator.hpp"

namespace headroom::accel {
namespace {

TEST(DramTypes, PeakBandwidthsMatchPublishedFigures) {
  // JEDEC JESD238 announcement (2022-01-28): "6.4 Gb/s per-pin ... 819 GB/s per device".
  EXPECT_NEAR(units::to_gbps(find_dram_type("hbm3")->bandwidth), 819.2, 0.1);
  // Samsung Flashbolt HBM2E: 3.2 Gb/s per pin, 410 GB/s per stack.
  EXPECT_NEAR(units::to_gbps(find_dram_type("hbm2e")->bandwidth), 410, 0.5);
  // Micron GDDR6 product page: 16 Gb/s/pin, x32, 64 GB/s per placement.
  EXPECT_NEAR(units::to_gbps(find_dram_type("gddr6")->bandwidth), 64, 0.01);
  // LPDDR5-6400 on a 16-bit channel (AnandTech on Micron/Samsung LPDDR5): 12.8 GB/s.
  EXPECT_NEAR(units::to_gbps(find_dram_type("lpddr5")->bandwidth), 12.8, 0.01);
}

TEST(DramTypes, LookupIgnoresCaseAndRejectsUnknownNames) {
  EXPECT_TRUE(find_dram_type("HBM2").has_value());
  EXPECT_FALSE(find_dram_type("hbm4").has_value());
  EXPECT_GE(dram_type_names().size(), 8u);
  for (const auto& name : dram_type_names()) EXPECT_FALSE(find_dram_type(name)->source.empty());
}

AcceleratorConfig copy_engine(std::uint64_t elements) {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {8, 8, 1, Dataflow::OutputStationary, {{Precision::INT8, 1}}, {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 1 << 20;
  c.dram.bandwidth = units::gigabytes_per_second(1);  // 1 byte per cycle at 1 GHz
  c.dram.latency = units::nanoseconds(100);           // 100 cycles
  c.dram.burst_bytes = 64;
  c.vector.lanes = static_cast<std::uint32_t>(elements);  // the whole op in one cycle
  return c;
}

models::Trace copy_trace(std::uint64_t elements) {
  models::Trace t;
  models::TraceOp op;
  op.kind = models::TraceOp::Kind::Vector;
  op.vector = {models::VectorKind::Norm, elements, elements, elements};
  t.ops.push_back(op);
  return t;
}

TEST(DramChannel, TransferTakesLatencyPlusBytesOverBandwidth) {
  Simulator sim;
  // Read 6,400 B (6,400 + 100 cycles), compute 1 cycle, write 6,400 B (6,400 + 100).
  const RunStats s = sim.run(copy_engine(6400), copy_trace(6400), Precision::INT8);
  EXPECT_EQ(s.total_cycles, 13001u);
  EXPECT_EQ(s.dram_read_bytes, 6400u);
  EXPECT_EQ(s.dram_write_bytes, 6400u);
}

TEST(DramChannel, TransfersAreRoundedUpToWholeBursts) {
  Simulator sim;
  // 6,401 B occupy 101 bursts of 64 B = 6,464 cycles each way.
  const RunStats s = sim.run(copy_engine(6401), copy_trace(6401), Precision::INT8);
  EXPECT_EQ(s.total_cycles, 2u * (6464 + 100) + 1);
  EXPECT_EQ(s.dram_read_bytes, 6401u);  // what the layer needs, not what the bursts carried
}

TEST(DramChannel, AWriteCutsIntoAReadAtItsNextBurstBoundary) {
  // Op 0 copies 640 B, op 1 64,000 B; 1 B per cycle, 64-cycle bursts, 100 cycles latency.
  //   read 0    [0, 640), usable at 740; op 0 computes 740-741 and posts its write-back
  //   read 1    issued at 640 (the next step fits), 1,000 bursts to move by 64,640
  //   write 0   posted at 741, goes in at read 1's next burst boundary, 640 + 2 x 64 = 768:
  //             [768, 1,408); read 1's last 998 bursts follow it and end at 65,280
  //   op 1      usable at 65,380, computes to 65,381; write 1 [65,381, 129,381) lands at 129,481
  // First come first served, write 0 would wait for all of read 1 ([64,640, 65,280)) and the run
  // would end at 129,380: the write cutting in delays the read it cut into.
  auto c = copy_engine(64000);
  models::Trace t = copy_trace(640);
  t.ops.push_back(copy_trace(64000).ops.front());
  Simulator sim;
  const RunStats s = sim.run(c, t, Precision::INT8);
  EXPECT_EQ(s.total_cycles, 129481u);
  EXPECT_EQ(s.dram_write_bytes, 64640u);
}

TEST(DramChannel, IdealMemoryCostsNothing) {
  auto c = copy_engine(6400);
  c.dram.ideal = true;
  Simulator sim;
  const RunStats s = sim.run(c, copy_trace(6400), Precision::INT8);
  EXPECT_EQ(s.total_cycles, 1u);
  EXPECT_EQ(s.dram_read_bytes, 6400u);
}

}  // namespace
}  // namespace headroom::accel
