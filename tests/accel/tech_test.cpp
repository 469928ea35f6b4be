// SPDX-License-Identifier: MIT
// Golden per-MAC energies from Horowitz (ISSCC 2014, 45 nm / 0.9 V: FP32 mult 3.7 pJ + add
// 0.9 pJ, configs/tech/op_energy_45nm.csv) scaled by energy_factor_rel_horowitz45
// (configs/tech/tech_scaling.csv, from Stillmaker & Baas 2017); FP8 against van Baalen et al.
// 2023; SRAM area and leakage against CACTI 7 runs (each test names its source).
#include <gtest/gtest.h>

#include <string>

#include "headroom/accel/energy.hpp"
#include "headroom/accel/tech_model.hpp"
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
             .macs_per_pe_per_cycle = {{Precision::FP32, 1}},
             .cycles_per_mac = {}};
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

double datapath_mac_pj(Precision p) {
  auto c = fp32_chip(45);
  c.array.macs_per_pe_per_cycle = {{p, 1}};
  RunStats s;
  s.macs = 64;
  s.total_cycles = 1;
  return 2.0 / estimate_energy(c, p, s).datapath_only_flops_per_w * 1e12;
}

// The FP8 MACs are assumptions (Horowitz's FP16 multiplier scaled with significand width squared).
// Independent check: M. van Baalen et al., "FP8 versus INT8 for efficient deep learning
// inference", arXiv:2303.17951 (2023), abstract: FP8 is 50-180% less efficient than INT8 in
// dedicated hardware, i.e. 1.5x-2.8x the cost of an INT8 MAC.
TEST(Tech, Fp8MacCostsWhatVanBaalenFindsAgainstInt8) {
  const double int8 = datapath_mac_pj(Precision::INT8);
  for (Precision p : {Precision::FP8_E4M3, Precision::FP8_E5M2}) {
    EXPECT_GE(datapath_mac_pj(p) / int8, 1.5) << to_string(p);
    EXPECT_LE(datapath_mac_pj(p) / int8, 2.8) << to_string(p);
  }
}

// CACTI 7.0 (github.com/HewlettPackard/cacti, 1ffd8df), run for configs/tech/sram_area.csv: a 1 MB
// 'ram' at 45 nm (ITRS-HP, one read-write port, 350 K) is 3.17 mm2 with an 8-byte port and
// 5.97 mm2 with a 256-byte port.
TEST(Tech, OneMegabyteSramAt45nmHasCactisArea) {
  for (const auto& [word_bits, cacti_mm2] : {std::pair{64u, 3.17}, std::pair{2048u, 5.97}}) {
    auto c = fp32_chip(45);
    c.sram.unified_buffer.size_bytes = 1 << 20;
    c.sram.unified_buffer.word_bits = word_bits;
    double sram_mm2 = 0;
    for (const auto& part : estimate_area(c, Precision::FP32).components)
      if (part.name == "sram") sram_mm2 = units::to_mm2(part.area);
    EXPECT_NEAR(sram_mm2, cacti_mm2, 0.02 * cacti_mm2) << word_bits << "-bit port";
  }
}

// Leakage density is an assumption, but it must sit between the device flavours CACTI 7.0 bounds
// it with (1 MB SRAM, 350 K, run for configs/tech/leakage.csv): ITRS-LSTP below, the larger of
// ITRS-HP and ITRS-LOP above, in W/mm2.
TEST(Tech, LeakageLiesInsideCactisBounds) {
  struct Bound {
    double node_nm, lstp, high;
  };
  for (const Bound& b : {Bound{90, 1e-5, 0.026}, Bound{65, 3e-5, 0.147}, Bound{45, 5e-5, 0.301},
                         Bound{32, 1e-4, 0.180}, Bound{22, 6e-4, 0.239}}) {
    const auto c = fp32_chip(b.node_nm);
    const double w_per_mm2 = resolve_tech(c, Precision::FP32).static_w_per_mm2;
    EXPECT_GT(w_per_mm2, b.lstp) << b.node_nm << " nm";
    EXPECT_LT(w_per_mm2, b.high) << b.node_nm << " nm";
  }
}

// energy.idle_w: a measured idle power, drawn for the whole run in place of leakage x area, with
// every dynamic component left as it was. 500 MHz x 1,000,000 cycles = 2 ms; 28 W x 2 ms = 56 mJ.
TEST(Tech, MeasuredIdlePowerReplacesTheLeakageEstimate) {
  RunStats s;
  s.macs = 1 << 20;
  s.total_cycles = 1000000;
  s.dram_read_bytes = 1 << 20;
  auto c = fp32_chip(28);
  const EnergyReport leakage = estimate_energy(c, Precision::FP32, s);
  c.tech.energy_overrides["idle_w"] = 28;
  const EnergyReport idle = estimate_energy(c, Precision::FP32, s);
  ASSERT_EQ(leakage.components.size(), idle.components.size());
  for (std::size_t i = 0; i < idle.components.size(); ++i) {
    if (idle.components[i].name == "static")
      EXPECT_NEAR(idle.components[i].energy.value(), 0.056, 1e-12);  // joules
    else
      EXPECT_EQ(idle.components[i].energy.value(), leakage.components[i].energy.value())
          << idle.components[i].name;
  }
  // Both figures at once would leave one of them ignored.
  c.tech.energy_overrides["static_w_per_mm2"] = 0.01;
  EXPECT_THROW((void)estimate_energy(c, Precision::FP32, s), InputError);
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
