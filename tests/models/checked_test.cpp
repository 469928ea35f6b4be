// SPDX-License-Identifier: MIT
// Checked count arithmetic and the zoo's refusal of sizes whose counts exceed 64 bits.
// Boundaries are exact identities: (2^32 - 1)(2^32 + 1) = 2^64 - 1, while 2^32 * 2^32 = 2^64.
#include "headroom/models/checked.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "headroom/models/zoo.hpp"

namespace headroom::models {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t k2To32 = std::uint64_t{1} << 32;

std::string message_of(const auto& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Checked, MultiplyUpToTheLimitIsExact) {
  EXPECT_EQ(checked_mul(k2To32 - 1, k2To32 + 1, "x"), kMax);
  EXPECT_EQ(checked_mul(kMax, 1, "x"), kMax);
  EXPECT_EQ(checked_mul(kMax, 0, "x"), 0u);
}

TEST(Checked, MultiplyPastTheLimitNamesWhat) {
  EXPECT_THROW((void)checked_mul(k2To32, k2To32, "MACs"), CountOverflow);
  const std::string m = message_of([] { (void)checked_mul(kMax, 2, "MACs"); });
  EXPECT_NE(m.find("MACs would exceed 2^64 - 1 (18446744073709551615)"), std::string::npos) << m;
}

TEST(Checked, AddPastTheLimitThrows) {
  EXPECT_EQ(checked_add(kMax - 1, 1, "x"), kMax);
  EXPECT_THROW((void)checked_add(kMax, 1, "sum"), CountOverflow);
}

TEST(Checked, ProductThrowsOnAnyPartialOverflow) {
  EXPECT_EQ(checked_product("x", 2, 3, 7), 42u);
  EXPECT_THROW((void)checked_product("x", k2To32, 2, k2To32 / 2), CountOverflow);
  EXPECT_EQ(checked_product("x", k2To32, k2To32 / 2, 1), kMax / 2 + 1);
}

TEST(Checked, GemmMacsAndTraceTotalsAreChecked) {
  const GemmShape g{k2To32, k2To32, 1, 1};
  EXPECT_THROW((void)g.macs(), CountOverflow);
  Trace t;
  t.ops.push_back(
      {"a", Phase::Forward, TraceOp::Kind::Gemm, GemmShape{k2To32 - 1, k2To32 + 1, 1, 1}, {}});
  EXPECT_EQ(t.total_macs(), kMax);
  t.ops.push_back({"b", Phase::Forward, TraceOp::Kind::Gemm, GemmShape{1, 1, 1, 1}, {}});
  EXPECT_THROW((void)t.total_macs(), CountOverflow);
}

// The two wrap-arounds of issue 13: ResNet-50 at a 4e9-pixel side is ~1.3e24 MACs and GPT-3 at a
// batch of 1e8 sequences ~3.6e22; both printed ~1.5e19 before.
TEST(Checked, ZooRefusesSizesWhoseCountsOverflow) {
  const std::string resnet = message_of([] {
    (void)make_network("resnet50", {1, 4'000'000'000, std::nullopt});
  });
  EXPECT_NE(resnet.find("resnet50 at batch 1, image size 4000000000"), std::string::npos) << resnet;
  EXPECT_NE(resnet.find("would exceed 2^64 - 1"), std::string::npos) << resnet;
  const std::string gpt = message_of([] {
    (void)make_network("gpt3_175b", {100'000'000, std::nullopt, std::nullopt});
  });
  EXPECT_NE(gpt.find("gpt3_175b at batch 100000000"), std::string::npos) << gpt;
  EXPECT_NE(gpt.find("MACs would exceed 2^64 - 1"), std::string::npos) << gpt;
}

// Below the limit counts stay exact: MACs are linear in the batch.
TEST(Checked, LargeBatchesThatFitStayExact) {
  const auto one = make_network("resnet50", {1, std::nullopt, std::nullopt}).forward_macs();
  const auto many =
      make_network("resnet50", {1'000'000, std::nullopt, std::nullopt}).forward_macs();
  EXPECT_EQ(many, one * 1'000'000);
}

}  // namespace
}  // namespace headroom::models
