// SPDX-License-Identifier: MIT
#include "headroom/sim/accel_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "headroom/models/error.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::InputError;
using headroom::sim::load_accel_config;
using headroom::sim::parse_accel_config;

const fs::path kRoot = HEADROOM_SOURCE_DIR;

std::string error_of(const std::string& yaml) {
  try {
    (void)parse_accel_config(yaml, "t.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(AccelConfig, TpuV1MatchesJouppi2017) {
  const auto c = load_accel_config((kRoot / "configs/accel/tpu-v1.yaml").string());
  // Jouppi et al., ISCA 2017, Table 2: 256x256 INT8 at 700 MHz, 28 MiB on chip, 34 GB/s DDR3.
  EXPECT_EQ(c.array.rows, 256u);
  EXPECT_EQ(c.array.cols, 256u);
  EXPECT_DOUBLE_EQ(c.clock.value(), 700e6);
  EXPECT_EQ(c.precision, headroom::accel::Precision::INT8);
  EXPECT_TRUE(c.sram.unified);
  EXPECT_EQ(c.sram.unified_buffer.size_bytes, 28ull << 20);
  EXPECT_DOUBLE_EQ(c.dram.bandwidth.value(), 34e9);
  EXPECT_EQ(c.dram.capacity_bytes, 8ull << 30);
  EXPECT_DOUBLE_EQ(c.tech.node_nm, 28);
}

TEST(AccelConfig, EyerissMatchesChen2017) {
  const auto c = load_accel_config((kRoot / "configs/accel/eyeriss-65nm.yaml").string());
  // Chen et al., JSSC 2017: 168 PEs (12x14), 108 KB global buffer, 200 MHz, 65 nm, 1 V.
  EXPECT_EQ(c.array.rows * c.array.cols, 168u);
  EXPECT_EQ(c.sram.unified_buffer.size_bytes, 108u * 1024);
  EXPECT_DOUBLE_EQ(c.clock.value(), 200e6);
  EXPECT_DOUBLE_EQ(c.tech.node_nm, 65);
  ASSERT_TRUE(c.tech.vdd_v);
  EXPECT_DOUBLE_EQ(*c.tech.vdd_v, 1.0);
}

TEST(AccelConfig, EveryShippedConfigLoads) {
  int n = 0;
  for (const auto& f : fs::directory_iterator(kRoot / "configs/accel")) {
    if (f.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW((void)load_accel_config(f.path().string())) << f.path();
    ++n;
  }
  EXPECT_GE(n, 5);
}

TEST(AccelConfig, SplitBuffersAndDefaults) {
  const auto c = parse_accel_config(R"(clock: "1 GHz"
precision: bf16
array: {rows: 8, cols: 4, count: 2, dataflow: os, macs_per_pe_per_cycle: {bf16: 2, fp32: 1}}
sram:
  ifmap: {size: "64 KiB", banks: 4}
  filter: {size: "32 KiB", word_bits: 128}
  ofmap: {size: "1.5 MB", read_bytes_per_cycle: 16}
dram: {ideal: true}
energy: {mac_bf16_pj: 0.5}
)",
                                    "dir/my-chip.yaml");
  EXPECT_EQ(c.name, "my-chip");  // defaults to the file stem
  EXPECT_EQ(c.array.count, 2u);
  EXPECT_EQ(c.array.dataflow, headroom::accel::Dataflow::OutputStationary);
  EXPECT_EQ(c.array.macs_per_pe_per_cycle.at(headroom::accel::Precision::BF16), 2u);
  EXPECT_FALSE(c.sram.unified);
  EXPECT_EQ(c.sram.ifmap.size_bytes, 65536u);
  EXPECT_EQ(c.sram.ifmap.banks, 4u);
  EXPECT_EQ(c.sram.filter.word_bits, 128u);
  EXPECT_EQ(c.sram.ofmap.size_bytes, 1500000u);
  EXPECT_DOUBLE_EQ(c.sram.ofmap.read_bytes_per_cycle, 16);
  EXPECT_TRUE(c.dram.ideal);
  EXPECT_EQ(c.vector.lanes, 4u);  // one lane per array column unless given
  EXPECT_DOUBLE_EQ(c.tech.energy_overrides.at("mac_bf16_pj"), 0.5);
}

TEST(AccelConfig, DramTypeFillsInItsJedecFigures) {
  const auto c = parse_accel_config(R"(clock: "1 GHz"
precision: bf16
array: {rows: 128, cols: 128}
sram: {unified: {size: "32 MiB"}}
dram: {type: hbm3, count: 4}
)",
                                    "t.yaml");
  // JEDEC JESD238 (HBM3): 6.4 Gb/s per pin x 1024 pins = 819.2 GB/s per stack.
  EXPECT_DOUBLE_EQ(c.dram.bandwidth.value(), 4 * 6.4e9 * 1024 / 8);
  EXPECT_GT(c.dram.latency.value(), 0);
  const auto explicit_bw = parse_accel_config(R"(clock: "1 GHz"
precision: int8
array: {rows: 8, cols: 8}
sram: {unified: {size: "1 MiB"}}
dram: {type: ddr3, bandwidth: "34 GB/s", latency: "50 ns"}
)",
                                              "t.yaml");
  EXPECT_DOUBLE_EQ(explicit_bw.dram.bandwidth.value(), 34e9);
  EXPECT_DOUBLE_EQ(explicit_bw.dram.latency.value(), 50e-9);
}

TEST(AccelConfig, ErrorNamesLineColumnKeyExpectedAndFound) {
  const std::string msg = error_of(
      "clock: \"700 MHz\"\nprecision: int8\narray:\n  rows: 16\n"
      "  cols: 16\nsram: {unified: {size: \"1 MiB\"}}\n"
      "dram: {ideal: true}\nvector:\n  lanes: -4\n");
  EXPECT_NE(
      msg.find("t.yaml:9:10: vector.lanes: expected an integer from 1 to 65536, found \"-4\""),
      std::string::npos)
      << msg;
}

TEST(AccelConfig, BareNumberWhereAUnitIsRequiredIsRejected) {
  const std::string msg = error_of("clock: 700\n");
  EXPECT_NE(msg.find("clock: expected a frequency such as \"700 MHz\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("found \"700\""), std::string::npos) << msg;
}

TEST(AccelConfig, CollectsEveryProblemInOnePass) {
  const std::string msg = error_of("clock: 700\nprecision: int3\narray: {rows: 0, colz: 3}\n");
  for (const char* key :
       {"clock:", "precision:", "array.rows:", "array.colz:", "array.cols:", "sram:", "dram:"})
    EXPECT_NE(msg.find(key), std::string::npos) << key << " missing from\n" << msg;
  EXPECT_NE(msg.find("did you mean cols?"), std::string::npos) << msg;
}

TEST(AccelConfig, MissingFileIsAnInputError) {
  EXPECT_THROW((void)load_accel_config("no/such/file.yaml"), InputError);
}

// tests/data/bad: each file's first line is "# expect: <fragment of the error message>".
TEST(AccelConfig, BadInputCorpus) {
  int n = 0;
  for (const auto& f : fs::directory_iterator(kRoot / "tests/data/bad")) {
    if (!f.is_regular_file()) continue;  // corpus/ is bad_input_corpus_test's
    const std::string expect = first_line(f.path()).substr(std::string("# expect: ").size());
    try {
      (void)load_accel_config(f.path().string());
      ADD_FAILURE() << f.path() << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(expect), std::string::npos)
          << f.path() << "\nexpected fragment: " << expect << "\nmessage: " << e.what();
    }
    ++n;
  }
  EXPECT_GE(n, 15);
}

TEST(AccelConfig, ReferenceDocumentsEveryKey) {
  std::ifstream in(kRoot / "docs/config-reference.md");
  std::stringstream doc;
  doc << in.rdbuf();
  for (const auto& key : headroom::sim::accel_config_keys())
    EXPECT_NE(doc.str().find("`" + key + "`"), std::string::npos) << key;
}

}  // namespace
