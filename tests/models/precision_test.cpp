// SPDX-License-Identifier: MIT
// The precision table against the format definitions it encodes.
#include "headroom/models/precision.hpp"

#include <gtest/gtest.h>

#include <cstdint>

#include "headroom/models/error.hpp"

namespace headroom {
namespace {

TEST(Precision, BitsAreThoseOfTheFormatDefinitions) {
  // IEEE 754-2008 binary32 and binary16; bfloat16 (Google, 16 bits); OCP 8-bit FP spec v1.0
  // (E4M3, E5M2: 8 bits); TF32 is stored in 32-bit registers (NVIDIA A100 whitepaper, 2020).
  EXPECT_EQ(bits_per_element(Precision::FP32), 32u);
  EXPECT_EQ(bits_per_element(Precision::TF32), 32u);
  EXPECT_EQ(bits_per_element(Precision::FP16), 16u);
  EXPECT_EQ(bits_per_element(Precision::BF16), 16u);
  EXPECT_EQ(bits_per_element(Precision::INT8), 8u);
  EXPECT_EQ(bits_per_element(Precision::FP8_E4M3), 8u);
  EXPECT_EQ(bits_per_element(Precision::FP8_E5M2), 8u);
  // 16-bit fixed point (NVDLA, Arm Ethos: "16-bit" MACs).
  EXPECT_EQ(bits_per_element(Precision::INT16), 16u);
  EXPECT_TRUE(is_integer(Precision::INT16));
  // 4-bit integers, two to a byte (PTX ISA: .s4/.u4 matrix operands are packed 8 to a .b32).
  EXPECT_EQ(bits_per_element(Precision::INT4), 4u);
  EXPECT_TRUE(is_integer(Precision::INT4));
}

TEST(Precision, BytesOfPackedElementsRoundAPartialByteUp) {
  // Two INT4 values per byte: 8 -> 4, 7 -> 3.5 -> 4, 1 -> 1, 0 -> 0.
  EXPECT_EQ(bytes_for(8, Precision::INT4), 4u);
  EXPECT_EQ(bytes_for(7, Precision::INT4), 4u);
  EXPECT_EQ(bytes_for(1, Precision::INT4), 1u);
  EXPECT_EQ(bytes_for(0, Precision::INT4), 0u);
  EXPECT_EQ(element_size(Precision::INT4).elements_in(5), 10u);
  // Whole-byte formats: exactly n x bytes and b / bytes, whatever n and b (here around 8s).
  for (const PrecisionInfo& i : precisions()) {
    if (i.bits % 8 != 0) continue;
    const std::uint64_t bytes = i.bits / 8;
    for (std::uint64_t n : {0ull, 1ull, 7ull, 8ull, 9ull, 1000003ull, (1ull << 61) - 3}) {
      if (n > UINT64_MAX / bytes) continue;
      EXPECT_EQ(bytes_for(n, i.precision), n * bytes) << i.name << " " << n;
      EXPECT_EQ(element_size(i.precision).elements_in(n), n / bytes) << i.name << " " << n;
    }
  }
  // The checked form throws exactly where n x bytes leaves 64 bits.
  EXPECT_EQ(checked_bytes_for(UINT64_MAX / 4, Precision::FP32, "x"), UINT64_MAX / 4 * 4);
  EXPECT_THROW((void)checked_bytes_for(UINT64_MAX / 4 + 1, Precision::FP32, "x"), InputError);
  EXPECT_EQ(checked_bytes_for(UINT64_MAX, Precision::INT4, "x"), UINT64_MAX / 2 + 1);
  EXPECT_EQ(element_size_text(Precision::INT4), "0.5 B");
  EXPECT_EQ(element_size_text(Precision::FP16), "2 B");
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
  EXPECT_EQ(parse_precision("INT4"), Precision::INT4);
  EXPECT_EQ(parse_precision("int3"), std::nullopt);
  EXPECT_EQ(parse_precision(""), std::nullopt);
}

TEST(Precision, Tf32IsNoArrayPrecision) {
  EXPECT_EQ(parse_precision("tf32"), Precision::TF32);
  EXPECT_EQ(parse_precision("tf32", true), std::nullopt);
  EXPECT_EQ(precision_list(true), "fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, int16, int4");
  EXPECT_EQ(precision_list(), "fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, tf32, int16, int4");
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
