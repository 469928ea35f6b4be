// SPDX-License-Identifier: MIT
// The dataflow registry: names round-trip, and each dataflow keeps the operand its name says.
#include "headroom/accel/dataflow.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace headroom::accel {
namespace {

TEST(Dataflow, EveryNameParsesBack) {
  std::set<std::string> seen;
  for (Dataflow d : dataflows()) {
    EXPECT_EQ(parse_dataflow(to_string(d)), d);
    EXPECT_EQ(parse_dataflow(long_name(d)), d);
    EXPECT_TRUE(seen.insert(to_string(d)).second) << to_string(d);
  }
  EXPECT_EQ(parse_dataflow("WS"), Dataflow::WeightStationary);
  EXPECT_EQ(parse_dataflow("rs"), std::nullopt);
}

TEST(Dataflow, ScaleSimNamesAreItsOwn) {
  // scale_config.py accepts exactly 'os', 'ws' and 'is' (peers/scalesim).
  EXPECT_EQ(parse_scalesim_dataflow("os"), Dataflow::OutputStationary);
  EXPECT_EQ(parse_scalesim_dataflow("ws"), Dataflow::WeightStationary);
  EXPECT_EQ(parse_scalesim_dataflow("is"), Dataflow::InputStationary);
  EXPECT_EQ(parse_scalesim_dataflow("OS"), std::nullopt);
  for (Dataflow d : scalesim_dataflows()) EXPECT_EQ(parse_scalesim_dataflow(scalesim_name(d)), d);
}

TEST(Dataflow, StationaryOperandIsTheOneNamed) {
  EXPECT_STREQ(stationary_buffer(Dataflow::WeightStationary), "filter");
  EXPECT_STREQ(stationary_buffer(Dataflow::InputStationary), "ifmap");
  EXPECT_STREQ(stationary_buffer(Dataflow::OutputStationary), "ofmap");
}

}  // namespace
}  // namespace headroom::accel
