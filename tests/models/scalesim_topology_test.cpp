// SPDX-License-Identifier: MIT
#include "headroom/models/scalesim_topology.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "headroom/models/error.hpp"

namespace headroom::models {
namespace {

const std::string kData = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/scalesim/";

std::string error_of(const std::string& csv) {
  try {
    (void)parse_scalesim_topology(csv, "net.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ScaleSimTopology, AlexNetConvLayersBecomeScaleSimsGemms) {
  const Trace t = load_scalesim_topology(kData + "alexnet_16x64_os/alexnet.csv");
  EXPECT_EQ(t.network, "alexnet");
  EXPECT_EQ(t.batch, 1u);
  ASSERT_EQ(t.ops.size(), 5u);
  const GemmShape& conv1 = t.ops[0].gemm;
  EXPECT_EQ(t.ops[0].layer, "Conv1");
  // 224x224x3, 11x11, stride 4, no padding: ceil((224 - 11 + 4) / 4) = 55 per side (SCALE-Sim's
  // rounding; ../shared/peers/scalesim/README.md §1), 96 filters, window 11*11*3.
  EXPECT_EQ(conv1.m, 55u * 55u);
  EXPECT_EQ(conv1.n, 96u);
  EXPECT_EQ(conv1.k, 363u);
  EXPECT_EQ(conv1.a_elements(), 224u * 224u * 3u);
  EXPECT_EQ(t.ops[4].layer, "Conv5");
}

TEST(ScaleSimTopology, MacsMatchScaleSimsOwnUtilisation) {
  // SCALE-Sim's Overall Util % = 100 * MACs / (Total Cycles * 16 * 64); both figures are from
  // tests/data/scalesim/alexnet_16x64_os/COMPUTE_REPORT.csv, so MACs follow independently.
  const struct {
    double total_cycles, util_percent;
  } report[] = {{167579, 61.43044847504759},
                {337007, 94.18201995804242},
                {114335, 91.4365679800586},
                {169631, 92.4453667077362},
                {113087, 92.44563919813949}};
  const Trace t = load_scalesim_topology(kData + "alexnet_16x64_os/alexnet.csv");
  for (std::size_t i = 0; i < t.ops.size(); ++i) {
    const double macs = report[i].util_percent / 100 * report[i].total_cycles * 16 * 64;
    EXPECT_EQ(t.ops[i].gemm.macs(), static_cast<std::uint64_t>(std::llround(macs))) << i;
  }
}

TEST(ScaleSimTopology, GemmFormKeepsMnk) {
  const Trace t = load_scalesim_topology(kData + "NCF_32x32_os/NCF.csv");
  EXPECT_EQ(t.network, "NCF");
  ASSERT_EQ(t.ops.size(), 12u);
  // NCF.csv row "1,256,128,2048," and last row "12,2048,128,1,".
  EXPECT_EQ(t.ops[0].layer, "1");
  EXPECT_EQ(t.ops[0].gemm.m, 256u);
  EXPECT_EQ(t.ops[0].gemm.n, 128u);
  EXPECT_EQ(t.ops[0].gemm.k, 2048u);
  EXPECT_EQ(t.ops[11].gemm.m, 2048u);
  EXPECT_EQ(t.ops[11].gemm.k, 1u);
}

TEST(ScaleSimTopology, ToleratesMissingTrailingCommaWhitespaceAndCrlf) {
  const Trace t = parse_scalesim_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num "
      "Filter, Strides,\r\n\r\n  c1 , 8 ,8, 3,3 , 2, 4, 1 \r\n",
      "dir/small.csv");
  EXPECT_EQ(t.network, "small");
  ASSERT_EQ(t.ops.size(), 1u);
  EXPECT_EQ(t.ops[0].layer, "c1");
  EXPECT_EQ(t.ops[0].gemm.m, 36u);  // (8 - 3 + 1)^2
  EXPECT_EQ(t.ops[0].gemm.k, 18u);
}

TEST(ScaleSimTopology, SkipsByteOrderMarkNoBreakSpacesAndHashComments) {
  // As in SCALE-Sim's shipped translation/gpt2.csv (BOM, no-break spaces) and mobilnet_4k.csv
  // ("1,#dw").
  const Trace t = parse_scalesim_topology(
      "\xEF\xBB\xBFLayer name,\xC2\xA0IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
      "Channels, Num Filter, Strides,\nConv2_dw, 10,\xC2\xA0"
      "10 , 3, 3, 1, 1, 1,#dw\n",
      "net.csv");
  ASSERT_EQ(t.ops.size(), 1u);
  EXPECT_EQ(t.ops[0].gemm.m, 64u);
}

TEST(ScaleSimTopology, NineColumnRowsHaveSeparateStrides) {
  const Trace t = parse_scalesim_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num "
      "Filter, Stride height, Stride width,\nc, 9, 9, 3, 3, 1, 1, 2, 3,\n",
      "net.csv");
  // Rows ceil((9 - 3 + 2) / 2) = 4, columns ceil((9 - 3 + 3) / 3) = 3.
  EXPECT_EQ(t.ops[0].gemm.m, 12u);
}

TEST(ScaleSimTopology, DepthwiseLayersRepeatPerChannel) {
  // SCALE-Sim splits a layer whose name contains "DP" into C one-channel layers.
  const Trace t = parse_scalesim_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num "
      "Filter, Strides,\nConv_DP_1, 10, 10, 3, 3, 32, 1, 1,\n",
      "net.csv");
  EXPECT_EQ(t.ops[0].gemm.count, 32u);
  EXPECT_EQ(t.ops[0].gemm.k, 9u);
  EXPECT_EQ(t.ops[0].gemm.macs(), 64u * 9u * 32u);
}

TEST(ScaleSimTopology, BadInputNamesFileLineColumnExpectedAndFound) {
  const std::string conv_header =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num "
      "Filter, Strides,\n";
  EXPECT_EQ(error_of(conv_header + "c1, 8, 8, 3, 3, 1, 4, 1,\nc2, 8, 8, 3, 3, two, 4, 1,\n"),
            "net.csv:3: Channels: expected a whole number from 1 to 2147483647, found 'two'");
  EXPECT_NE(error_of(conv_header + "c, 8, 8, 3, 3, 1, 0, 1,\n").find("net.csv:2: Num Filter"),
            std::string::npos);
  EXPECT_NE(error_of(conv_header + "c, 8, 8, 3, 9, 1, 1, 1,\n").find("net.csv:2: Filter Width"),
            std::string::npos);
  EXPECT_NE(error_of(conv_header + "c, 8, 8, 3, 3, 1,\n").find("net.csv:2: row: expected 8 or 9"),
            std::string::npos);
  EXPECT_NE(error_of("Layer, M, N, K,\ng, 1, 2, -3,\n").find("net.csv:2: K"), std::string::npos);
  EXPECT_NE(error_of("Layer, A, B, C,\n").find("net.csv:1: header"), std::string::npos);
  EXPECT_NE(error_of("Layer, M, N, K,\n").find("at least one layer"), std::string::npos);
  EXPECT_NE(error_of("").find("empty file"), std::string::npos);
  EXPECT_THROW((void)load_scalesim_topology(kData + "no_such.csv"), InputError);
}

}  // namespace
}  // namespace headroom::models
