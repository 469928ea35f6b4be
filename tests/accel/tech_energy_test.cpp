// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "headroom/accel/energy.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig chip(double node_nm, Precision p) {
  AcceleratorConfig c;
  c.name = "test";
  c.clock = units::megahertz(500);
  c.precision = p;
  c.array = {
      .rows = 16,
      .cols = 16,
      .count = 1,
      .dataflow = Dataflow::WeightStationary,
      .macs_per_pe_per_cycle = {{Precision::FP32, 1}, {Precision::FP16, 1}, {Precision::INT8, 1}},
      .cycles_per_mac = {}};
  c.sram.unified = true;
  c.sram.unified_buffer.size_bytes = 8192;
  c.dram.type = "ddr3";
  c.tech.node_nm = node_nm;
  return c;
}

RunStats macs_only(std::uint64_t macs) {
  RunStats s;
  s.macs = macs;
  s.total_cycles = macs / 256;
  return s;
}

// /work/shared/data/README.md worked check: Horowitz FP32 mult 3.7 + add 0.9 pJ at 45 nm/0.9 V,
// x2.405 (Stillmaker & Baas) at 65 nm/1.1 V = 11.1 pJ per FMA -> 181 GFLOPS/W datapath only.
TEST(TechEnergy, Fp32DatapathAt65nmMatchesHorowitzScaledFigure) {
  const auto r = estimate_energy(chip(65, Precision::FP32), Precision::FP32, macs_only(1 << 20));
  EXPECT_NEAR(r.datapath_only_flops_per_w / 1e9, 181, 1);
}

// Same source: 435 GFLOPS/W at 45 nm is 0.9 V; the 45 nm row is 1.0 V nominal (x1.232).
TEST(TechEnergy, Fp32DatapathAt45nmNominal) {
  const auto r = estimate_energy(chip(45, Precision::FP32), Precision::FP32, macs_only(1 << 20));
  EXPECT_NEAR(r.datapath_only_flops_per_w / 1e9, 435 / 1.232, 1);
}

TEST(TechEnergy, FlopsPerWattIsFlopsPerJoule) {
  const auto s = macs_only(1 << 20);
  const auto r = estimate_energy(chip(28, Precision::INT8), Precision::INT8, s);
  EXPECT_DOUBLE_EQ(r.flops_per_w, 2.0 * double(s.macs) / r.total.value());
}

TEST(TechEnergy, SmallerNodeNeverAddsEnergyPerOp) {
  double previous = 1e300;
  for (double node : {180, 130, 90, 65, 45, 32, 28, 22, 20, 16, 14, 10, 7, 5, 3}) {
    const auto r = estimate_energy(chip(node, Precision::FP16), Precision::FP16, macs_only(4096));
    const double mac_j = 2.0 / r.datapath_only_flops_per_w;
    EXPECT_LE(mac_j, previous) << node << " nm";
    previous = mac_j;
  }
}

TEST(TechEnergy, LowerPrecisionCostsLessPerMac) {
  const auto s = macs_only(1 << 20);
  const auto fp32 = estimate_energy(chip(28, Precision::FP32), Precision::FP32, s);
  const auto fp16 = estimate_energy(chip(28, Precision::FP16), Precision::FP16, s);
  const auto int8 = estimate_energy(chip(28, Precision::INT8), Precision::INT8, s);
  EXPECT_GT(fp32.total.value(), fp16.total.value());
  EXPECT_GT(fp16.total.value(), int8.total.value());
}

TEST(TechEnergy, UnknownNodeNamesTheKey) {
  try {
    (void)estimate_energy(chip(40, Precision::FP32), Precision::FP32, macs_only(1));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("tech.node"), std::string::npos) << e.what();
  }
}

TEST(TechEnergy, OverridesAreUsedAndUnknownKeysRejected) {
  auto c = chip(65, Precision::FP32);
  c.tech.energy_overrides["mac_fp32_pj"] = 3.08;  // the 650 GFLOPS/W claim (README worked check)
  const auto r = estimate_energy(c, Precision::FP32, macs_only(1 << 20));
  EXPECT_NEAR(r.datapath_only_flops_per_w / 1e9, 650, 1);
  c.tech.energy_overrides["mac_fp23_pj"] = 1;
  EXPECT_THROW((void)estimate_energy(c, Precision::FP32, macs_only(1)), InputError);
}

TEST(TechEnergy, PrecisionTheArrayCannotRunIsRejected) {
  EXPECT_THROW((void)estimate_area(chip(65, Precision::BF16), Precision::BF16), InputError);
}

}  // namespace
}  // namespace headroom::accel
