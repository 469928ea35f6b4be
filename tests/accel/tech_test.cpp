// SPDX-License-Identifier: MIT
// Golden per-MAC energies from Horowitz (ISSCC 2014, 45 nm / 0.9 V: FP32 mult 3.7 pJ + add
// 0.9 pJ, configs/tech/op_energy_45nm.csv) scaled by energy_factor_rel_horowitz45
// (configs/tech/tech_scaling.csv, from Stillmaker & Baas 2017).
#include <gtest/gtest.h>

#include <string>

#include "headroom/accel/energy.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig fp32_chip(double node_nm) {
  AcceleratorConfig c;
  c.name = "tech-test";
  c.clock = units::megahertz(500);
  c.precision = Precision::FP32;
  c.array = {.rows = 8,
             .cols = 8,
             .count = 1,
             .dataflow = Dataflow::WeightStationary,
             .macs_per_pe_per_cycle = {{Precision::FP32, 1}}};
  c.sram.unified = true;
  c.sram.unified_buffer.size_bytes = 8192;
  c.dram.type = "ddr3";
  c.tech.node_nm = node_nm;
  return c;
}

double mac_pj(const AcceleratorConfig& c) {
  RunStats s;
  s.macs = 64;
  s.total_cycles = 1;
  return 2.0 / estimate_energy(c, Precision::FP32, s).datapath_only_flops_per_w * 1e12;
}

TEST(Tech, Fp32MacAt45nmAndHorowitzSupplyIsHisFigure) {
  auto c = fp32_chip(45);
  c.tech.vdd_v = 0.9;  // Horowitz's supply; the 45 nm row's nominal is 1.0 V
  EXPECT_NEAR(mac_pj(c), 3.7 + 0.9, 0.05 * 4.6);
}

TEST(Tech, Fp32MacAt28nm) {
  // 4.6 pJ x 0.5319 (28 nm row, interpolated between 32 and 20 nm) = 2.45 pJ.
  EXPECT_NEAR(mac_pj(fp32_chip(28)), 2.45, 0.02);
}

TEST(Tech, NegativeOverrideNamesTheKey) {
  auto c = fp32_chip(65);
  c.tech.energy_overrides["dram_pj_per_bit"] = -1;
  try {
    (void)mac_pj(c);
    FAIL() << "negative override accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("energy.dram_pj_per_bit"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace headroom::accel
