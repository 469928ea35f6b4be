// SPDX-License-Identifier: MIT
#include "headroom/sim/report.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using headroom::sim::Result;
namespace units = headroom::units;

// Two ops whose figures are chosen so every derived value is easy to check by hand.
Result two_op_result() {
  Result r;
  r.config_name = "test-chip";
  r.config_file = "configs/accel/test-chip.yaml";
  r.network = "tiny";
  r.batch = 2;
  r.precision = headroom::accel::Precision::INT8;
  r.clock = units::megahertz(700);
  r.peak_macs_per_cycle = 256;

  headroom::accel::OpStats gemm;
  gemm.layer = "fc1, with a comma";
  gemm.m = 4;
  gemm.n = 8;
  gemm.k = 16;
  gemm.macs = 512;
  gemm.compute_cycles = 500;
  gemm.stall_cycles = 100;
  gemm.total_cycles = 600;
  gemm.ifmap_sram_reads = 64;
  gemm.filter_sram_reads = 128;
  gemm.ofmap_sram_writes = 32;
  gemm.dram_read_bytes = 192;
  gemm.dram_write_bytes = 32;

  headroom::accel::OpStats relu;
  relu.layer = "relu1";
  relu.kind = headroom::models::TraceOp::Kind::Vector;
  relu.vector_ops = 32;
  relu.compute_cycles = 100;
  relu.total_cycles = 100;
  relu.ifmap_sram_reads = 32;
  relu.ofmap_sram_writes = 32;

  r.stats.ops = {gemm, relu};
  r.stats.total_cycles = 700;
  r.stats.compute_cycles = 600;  // the vector op's 100 included, as accel::Simulator counts
  r.stats.vector_cycles = 100;
  r.stats.stall_cycles = 100;
  r.stats.macs = 512;
  r.stats.vector_ops = 32;
  r.stats.sram_reads = 224;
  r.stats.sram_writes = 64;
  r.stats.dram_read_bytes = 192;
  r.stats.dram_write_bytes = 32;
  return r;
}

TEST(Result, DerivedFiguresByHand) {
  const Result r = two_op_result();
  EXPECT_DOUBLE_EQ(r.latency_s(), 1e-6);                         // 700 cycles at 700 MHz
  EXPECT_DOUBLE_EQ(r.examples_per_s(), 2e6);                     // batch 2 per microsecond
  EXPECT_DOUBLE_EQ(r.achieved_tflops(), 1024.0 / 1e-6 * 1e-12);  // 2 x 512 FLOPs in 1 us
  EXPECT_DOUBLE_EQ(r.peak_tflops(), 2 * 256 * 700e6 * 1e-12);
  EXPECT_DOUBLE_EQ(r.utilization(), 512.0 / (700 * 256));
  EXPECT_DOUBLE_EQ(r.stall_share(), 100.0 / 700);
  ASSERT_EQ(r.phases().size(), 1u);
  EXPECT_EQ(r.phases()[0].ops, 2u);
}

TEST(Report, JsonHasRequiredKeysAndTotalsEqualTheSumOfLayers) {
  const auto j = headroom::sim::to_json(two_op_result());
  for (const char* key :
       {"total_cycles", "latency_s", "throughput_tflops", "utilization", "stall_share",
        "sram_reads", "sram_writes", "dram_read_bytes", "dram_write_bytes"})
    EXPECT_TRUE(j.at("totals").contains(key)) << key;
  ASSERT_EQ(j.at("layers").size(), 2u);
  for (const char* key : {"total_cycles", "compute_cycles", "stall_cycles", "sram_reads",
                          "sram_writes", "dram_read_bytes", "dram_write_bytes"}) {
    std::uint64_t sum = 0;
    for (const auto& l : j.at("layers")) sum += l.at(key).get<std::uint64_t>();
    EXPECT_EQ(sum, j.at("totals").at(key).get<std::uint64_t>()) << key;
  }
  const auto& fc = j.at("layers").at(0);
  for (const char* key : {"name", "M", "N", "K", "total_cycles", "utilization"})
    EXPECT_TRUE(fc.contains(key)) << key;
  EXPECT_EQ(fc.at("M"), 4);
  EXPECT_FALSE(j.at("totals").contains("energy_j"));  // not estimated, so not reported
}

TEST(Report, CsvHasOneRowPerOpAndQuotesCommas) {
  std::istringstream csv(headroom::sim::format_csv(two_op_result()));
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(csv, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("name,phase,kind,M,N,K", 0), 0u);
  EXPECT_EQ(lines[1].rfind("\"fc1, with a comma\",forward,gemm,4,8,16", 0), 0u) << lines[1];
}

TEST(Report, TableSaysWhatWasRunAndCounted) {
  const std::string t = headroom::sim::format_table(two_op_result());
  for (const char* text : {"tiny (inference), batch 2", "test-chip", "precision int8",
                           "1 MAC = 2 FLOPs", "relu1", "latency          1.000 us", "totals"})
    EXPECT_NE(t.find(text), std::string::npos) << text << "\n" << t;
}

TEST(Report, EnergyAppearsInEveryFormatOnceEstimated) {
  Result r = two_op_result();
  headroom::sim::EnergyAccount e;
  e.total.components = {{"mac", units::picojoules(3e6)}, {"dram", units::picojoules(1e6)}};
  e.total.total = units::picojoules(4e6);
  e.total.runtime = units::seconds(1e-6);
  e.total.average_power = units::watts(4);
  e.per_op = {units::picojoules(3.5e6), units::picojoules(0.5e6)};
  e.per_op_components = {{{"mac", units::picojoules(3e6)}, {"dram", units::picojoules(0.5e6)}},
                         {{"dram", units::picojoules(0.5e6)}}};
  r.energy = e;
  const auto j = headroom::sim::to_json(r);
  EXPECT_DOUBLE_EQ(j.at("totals").at("energy_j").get<double>(), 4e-6);
  EXPECT_DOUBLE_EQ(j.at("energy").at("components").at("dram_j").get<double>(), 1e-6);
  EXPECT_DOUBLE_EQ(j.at("layers").at(1).at("energy_j").get<double>(), 0.5e-6);
  EXPECT_DOUBLE_EQ(j.at("layers").at(0).at("energy_components").at("mac_j").get<double>(), 3e-6);
  const std::string csv = headroom::sim::format_csv(r);
  EXPECT_NE(csv.find(",energy_j,energy_mac_j,energy_dram_j\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",5e-07,0,5e-07\n"), std::string::npos) << csv;  // relu1: DRAM only
  EXPECT_NE(headroom::sim::format_table(r).find("mac "), std::string::npos);
}

}  // namespace
