// SPDX-License-Identifier: MIT
// What the sweep tests share: a fresh folder per test, and the rows of a results database read
// with SQLite directly (not through the code under test).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace headroom::test {

// A fresh folder per test (temp_dir.hpp) as a fixture.
class TempDirTest : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return dir_.file(name); }
  TempDir dir_;
};

// Rows of a query, each column as text ("" for NULL). SQLite prints reals with 15 digits; 17
// give the stored double back exactly.
inline std::vector<std::map<std::string, std::string>> query(const std::string& db,
                                                             const std::string& sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  std::vector<std::map<std::string, std::string>> rows;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::map<std::string, std::string> row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (sqlite3_column_type(st, c) == SQLITE_FLOAT) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", sqlite3_column_double(st, c));
        row[sqlite3_column_name(st, c)] = text;
        continue;
      }
      const auto* t = sqlite3_column_text(st, c);
      row[sqlite3_column_name(st, c)] = t ? reinterpret_cast<const char*>(t) : "";
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

}  // namespace headroom::test
