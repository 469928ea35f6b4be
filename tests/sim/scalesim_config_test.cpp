// SPDX-License-Identifier: MIT
#include "headroom/sim/scalesim_config.hpp"

#include <gtest/gtest.h>

#include <string>

#include "headroom/models/error.hpp"

namespace headroom::sim {
namespace {

const std::string kData = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/scalesim/";

// The spelling of SCALE-Sim v2's shipped configs/scale.cfg (22f88b1): CamelCase keys, ':'.
const std::string kScaleCfg = R"([general]
run_name = scale_example_run_32x32_os

[architecture_presets]
ArrayHeight:    32
ArrayWidth:     32
IfmapSramSzkB:   64
FilterSramSzkB:  64
OfmapSramSzkB:   64
IfmapOffset:    0
FilterOffset:   10000000
OfmapOffset:    20000000
Bandwidth : 10
Dataflow : os
MemoryBanks:   1

[run_presets]
InterfaceBandwidth: CALC
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

std::string error_of(const std::string& cfg) {
  try {
    (void)parse_scalesim_config(cfg, "scale.cfg");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ScaleSimConfig, ReadsScaleSimsShippedSpelling) {
  const accel::AcceleratorConfig c = parse_scalesim_config(kScaleCfg, "scale.cfg");
  EXPECT_EQ(c.name, "scale_example_run_32x32_os");
  EXPECT_EQ(c.source_file, "scale.cfg");
  EXPECT_EQ(c.array.rows, 32u);
  EXPECT_EQ(c.array.cols, 32u);
  EXPECT_EQ(c.array.dataflow, accel::Dataflow::OutputStationary);
  EXPECT_EQ(c.precision, accel::Precision::INT8);
  EXPECT_EQ(c.array.macs_per_pe_per_cycle.at(accel::Precision::INT8), 1u);
  EXPECT_FALSE(c.sram.unified);
  // 64 kB of one-byte words (SCALE-Sim's word size is fixed at 1).
  EXPECT_EQ(c.sram.ifmap.size_bytes, 65536u);
  EXPECT_EQ(c.sram.filter.size_bytes, 65536u);
  EXPECT_EQ(c.sram.ofmap.size_bytes, 65536u);
  EXPECT_TRUE(c.dram.ideal);  // CALC: never stalls on DRAM
  EXPECT_DOUBLE_EQ(c.clock.value(), kScaleSimClockHz);
}

TEST(ScaleSimConfig, ReadsEveryReferenceRunConfig) {
  const struct {
    const char* run;
    std::uint32_t rows, cols;
    accel::Dataflow df;
  } runs[] = {{"alexnet_16x64_os", 16, 64, accel::Dataflow::OutputStationary},
              {"alexnet_128x128_ws", 128, 128, accel::Dataflow::WeightStationary},
              {"NCF_32x32_is", 32, 32, accel::Dataflow::InputStationary}};
  for (const auto& r : runs) {
    const auto c = load_scalesim_config(kData + r.run + "/" + r.run + ".cfg");
    EXPECT_EQ(c.name, r.run);
    EXPECT_EQ(c.array.rows, r.rows);
    EXPECT_EQ(c.array.cols, r.cols);
    EXPECT_EQ(c.array.dataflow, r.df);
  }
}

TEST(ScaleSimConfig, UserBandwidthIsWordsPerCycleAtTheDefaultClock) {
  const auto c = parse_scalesim_config(
      replaced(replaced(kScaleCfg, "CALC", "USER"), "Bandwidth : 10", "Bandwidth : 10, 20"),
      "scale.cfg");
  EXPECT_FALSE(c.dram.ideal);
  // SCALE-Sim uses only the first value: 10 one-byte words per cycle at 1 GHz = 10 GB/s.
  EXPECT_DOUBLE_EQ(c.dram.bandwidth.value(), 10e9);
}

TEST(ScaleSimConfig, BadInputIsLocated) {
  EXPECT_EQ(error_of(replaced(kScaleCfg, "ArrayHeight", "ArrayHieght")),
            "scale.cfg:5: architecture_presets.arrayhieght: expected a key of "
            "[architecture_presets] (did you mean arrayheight?), found an unknown key");
  EXPECT_NE(
      error_of(replaced(kScaleCfg, "[run_presets]", "[run_preset]")).find("scale.cfg:17: section"),
      std::string::npos);
  EXPECT_EQ(error_of(replaced(kScaleCfg, "Dataflow : os", "Dataflow : xs")),
            "scale.cfg:14: architecture_presets.dataflow: expected os, ws or is, found 'xs'");
  EXPECT_NE(error_of(replaced(kScaleCfg, "ArrayWidth:     32", "ArrayWidth: 3.5"))
                .find("scale.cfg:6: architecture_presets.arraywidth: expected a whole number"),
            std::string::npos);
  EXPECT_NE(error_of(replaced(kScaleCfg, "CALC", "calc")).find("expected CALC or USER"),
            std::string::npos);
  EXPECT_NE(error_of(replaced(kScaleCfg, "IfmapSramSzkB:   64", "")).find("ifmapsramszkb"),
            std::string::npos);
  EXPECT_NE(error_of(replaced(kScaleCfg, "MemoryBanks:   1", "ArrayHeight: 8"))
                .find("scale.cfg:15: architecture_presets.arrayheight: expected each key once"),
            std::string::npos);
  EXPECT_NE(error_of("run_name = x\n").find("a [section] header"), std::string::npos);
  EXPECT_THROW((void)load_scalesim_config(kData + "missing.cfg"), InputError);
}

}  // namespace
}  // namespace headroom::sim
