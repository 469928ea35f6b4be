// SPDX-License-Identifier: MIT
// The precision table against the format definitions it encodes.
#include "headroom/models/precision.hpp"

#include <gtest/gtest.h>

namespace headroom {
namespace {

TEST(Precision, BytesAreThoseOfTheFormatDefinitions) {
  // IEEE 754-2008 binary32 and binary16; bfloat16 (Google, 16 bits); OCP 8-bit FP spec v1.0
  // (E4M3, E5M2: 8 bits); TF32 is stored in 32-bit registers (NVIDIA A100 whitepaper, 2020).
  EXPECT_EQ(bytes_per_element(Precision::FP32), 4u);
  EXPECT_EQ(bytes_per_element(Precision::TF32), 4u);
  EXPECT_EQ(bytes_per_element(Precision::FP16), 2u);
  EXPECT_EQ(bytes_per_element(Precision::BF16), 2u);
  EXPECT_EQ(bytes_per_element(Precision::INT8), 1u);
  EXPECT_EQ(bytes_per_element(Precision::FP8_E4M3), 1u);
  EXPECT_EQ(bytes_per_element(Precision::FP8_E5M2), 1u);
  // 16-bit fixed point (NVDLA, Arm Ethos: "16-bit" MACs).
  EXPECT_EQ(bytes_per_element(Precision::INT16), 2u);
  EXPECT_TRUE(is_integer(Precision::INT16));
}

TEST(Precision, EveryNameParsesBackToItsPrecision) {
  for (const PrecisionInfo& i : precisions()) {
    EXPECT_EQ(parse_precision(i.name), i.precision) << i.name;
    EXPECT_EQ(&info(i.precision), &i) << i.name;
  }
}

TEST(Precision, AliasesAndCaseAreAccepted) {
  EXPECT_EQ(parse_precision("fp8"), Precision::FP8_E4M3);
  EXPECT_EQ(parse_precision("BF16"), Precision::BF16);
  EXPECT_EQ(parse_precision("int4"), std::nullopt);
  EXPECT_EQ(parse_precision(""), std::nullopt);
}

TEST(Precision, Tf32IsNoArrayPrecision) {
  EXPECT_EQ(parse_precision("tf32"), Precision::TF32);
  EXPECT_EQ(parse_precision("tf32", true), std::nullopt);
  EXPECT_EQ(precision_list(true), "fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, int16");
  EXPECT_EQ(precision_list(), "fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, tf32, int16");
}

TEST(Precision, DatasheetKeys) {
  // Device files list one `fp8` peak for both FP8 formats (H100 datasheet: "FP8").
  EXPECT_STREQ(peak_key(Precision::FP8_E4M3), "fp8");
  EXPECT_STREQ(peak_key(Precision::FP8_E5M2), "fp8");
  EXPECT_STREQ(peak_key(Precision::TF32), "tf32");
  EXPECT_EQ(info(Precision::TF32).peak_fallback, Precision::FP32);
  EXPECT_TRUE(is_integer(Precision::INT8));
  EXPECT_FALSE(is_integer(Precision::BF16));
}

TEST(Precision, OneMacIsTwoFlops) { EXPECT_EQ(kFlopsPerMac, 2u); }

}  // namespace
}  // namespace headroom
