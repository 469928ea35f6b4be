// SPDX-License-Identifier: MIT
// The one validation of accelerator configs and the one "does the array run this precision".
#include "headroom/accel/validate.hpp"

#include <gtest/gtest.h>

#include "headroom/models/error.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig valid() {
  AcceleratorConfig c;
  c.name = "toy";
  c.source_file = "toy.yaml";
  c.clock = units::megahertz(1000);
  c.precision = Precision::INT8;
  c.array = {16, 16, 1, Dataflow::WeightStationary, {{Precision::INT8, 2}, {Precision::BF16, 1}},
             {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 65536;
  c.dram.bandwidth = units::gigabytes_per_second(10);
  return c;
}

TEST(Validate, AValidConfigHasNoIssues) { EXPECT_TRUE(config_issues(valid()).empty()); }

TEST(Validate, EachIssueNamesItsKey) {
  auto c = valid();
  c.precision = Precision::FP32;
  c.clock = units::megahertz(0);
  c.sram.filter.size_bytes = 100;  // a 16x16 fp32 tile is 1024 B
  const auto issues = config_issues(c);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].key, "array.macs_per_pe_per_cycle");
  EXPECT_EQ(issues[1].key, "clock");
  EXPECT_EQ(issues[2].key, "sram.filter.size");
  EXPECT_EQ(issues[2].expected, "at least 1024 B (one 16x16 tile at fp32)");
  EXPECT_EQ(config_issues(c, Checks::BeforeRun).size(), 2u);
}

TEST(Validate, ThrowsTheFirstIssueAtItsLine) {
  auto c = valid();
  c.array.rows = 0;
  try {
    validate(c, Checks::OnLoad, [](const std::string&) { return 7; });
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "toy.yaml:7: array: expected rows, cols and count of at least 1, found 0 x 16 x 1");
  }
}

TEST(Validate, RequirePrecisionListsWhatTheArrayRuns) {
  const auto c = valid();
  EXPECT_TRUE(supports(c, Precision::BF16));
  EXPECT_FALSE(supports(c, Precision::FP16));
  EXPECT_EQ(supported_precisions(c), "bf16, int8");
  EXPECT_NO_THROW(require_precision(c, Precision::INT8, "--precision"));
  try {
    require_precision(c, Precision::FP16, "--precision");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--precision: expected a precision the array of toy runs (bf16, int8), found fp16");
  }
}

}  // namespace
}  // namespace headroom::accel
