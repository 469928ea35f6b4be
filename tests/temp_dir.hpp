// SPDX-License-Identifier: MIT
// A fresh folder per test (named after the test), removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace headroom::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix = "headroom-test-") {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = std::filesystem::temp_directory_path() /
           (prefix + std::string(info->test_suite_name()) + "-" + std::to_string(::getpid()) + "-" +
            info->name());
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace headroom::test
