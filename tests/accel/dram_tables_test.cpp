// SPDX-License-Identifier: MIT
// The DRAM types of dram_types.cpp (timing) and the rows of configs/tech/memory_energy.csv
// (energy) must name the same types: a type without energy fails at run time, a row without a
// type is never used.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "headroom/accel/dram_types.hpp"
#include "headroom/accel/tech_tables.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {
namespace {

namespace fs = std::filesystem;

const std::string kTechDir = std::string(HEADROOM_SOURCE_DIR) + "/configs/tech";

TEST(DramTables, EnergyRowsAndTypesAgree) {
  const TechTables t = load_tech_tables(kTechDir);
  std::set<std::string> energy, types;
  for (const auto& [name, pj] : t.dram_pj_per_bit) energy.insert(name);
  for (const std::string& name : dram_type_names()) types.insert(name);
  EXPECT_EQ(energy, types);
}

TEST(DramTables, AnEnergyRowForAnUnknownTypeIsRejected) {
  const fs::path dir = fs::temp_directory_path() / "headroom_dram_tables_test";
  fs::remove_all(dir);
  fs::copy(kTechDir, dir);
  std::ofstream(dir / "memory_energy.csv", std::ios::app) << "gddr5,dram,0,14,seen,x,\n";
  try {
    (void)load_tech_tables(dir.string());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("found 'gddr5'"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace headroom::accel
