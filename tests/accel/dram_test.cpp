// SPDX-License-Identifier: MIT
// Built-in DRAM types against their published figures, and the channel's delay model against
// hand-computed transfer times.
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
