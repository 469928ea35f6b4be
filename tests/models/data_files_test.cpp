// SPDX-License-Identifier: MIT
// The one data-file locator: $HEADROOM_DATA first, then (for this build-tree binary) the source
// tree; a path the user typed is kept when it exists from the current directory.
#include "headroom/models/data_files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace headroom::models {
namespace {

namespace fs = std::filesystem;

class DataFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            (std::string("headroom_data_") +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "configs" / "tech");
    std::ofstream(root_ / "configs" / "tech" / "marker.csv") << "x\n";
    unsetenv("HEADROOM_DATA");
  }
  void TearDown() override {
    unsetenv("HEADROOM_DATA");
    fs::remove_all(root_);
  }
  fs::path root_;
};

TEST_F(DataFiles, TheSourceTreeWithoutHeadroomData) {
  const auto tech = find_data("configs/tech");
  ASSERT_TRUE(tech);
  EXPECT_TRUE(fs::equivalent(*tech, fs::path(HEADROOM_SOURCE_DIR) / "configs" / "tech"));
  EXPECT_FALSE(find_data("configs/tech/marker.csv"));
  EXPECT_FALSE(find_data("configs/no-such-table.csv"));
}

TEST_F(DataFiles, HeadroomDataIsSearchedFirst) {
  setenv("HEADROOM_DATA", ("/nonexistent:" + root_.string()).c_str(), 1);
  const auto tech = find_data("configs/tech");
  ASSERT_TRUE(tech);
  EXPECT_TRUE(fs::equivalent(*tech, root_ / "configs" / "tech"));
  // What the first root lacks still comes from the next one.
  const auto gpus = find_data("configs/gpus");
  ASSERT_TRUE(gpus);
  EXPECT_TRUE(fs::equivalent(*gpus, fs::path(HEADROOM_SOURCE_DIR) / "configs" / "gpus"));
  EXPECT_EQ(find_all_data("configs/tech").size(), 2u);
}

TEST_F(DataFiles, UserPathsFromTheCurrentDirectoryFirst) {
  // Tests run from the repository root: the relative path exists and is kept as typed.
  EXPECT_EQ(resolve_user_path("configs/accel/tpu-v1.yaml"), "configs/accel/tpu-v1.yaml");
  setenv("HEADROOM_DATA", root_.string().c_str(), 1);
  EXPECT_EQ(resolve_user_path("configs/tech/marker.csv"),
            (root_ / "configs" / "tech" / "marker.csv").string());
  // Nothing anywhere: unchanged, so the reader's error names what the user wrote.
  EXPECT_EQ(resolve_user_path("no/such.yaml"), "no/such.yaml");
}

}  // namespace
}  // namespace headroom::models
