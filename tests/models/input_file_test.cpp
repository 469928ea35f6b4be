// SPDX-License-Identifier: MIT
// Every reader opens files through read_input_file: only regular files under a cap, refused
// before reading, so a device, a FIFO or a directory is an error and never a hang or a huge read.
#include "headroom/models/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "headroom/models/error.hpp"

namespace headroom::models {
namespace {

namespace fs = std::filesystem;

fs::path scratch_dir() {
  const fs::path d =
      fs::temp_directory_path() / ("headroom-input-file-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string error_reading(const std::string& path, std::uint64_t cap = kConfigFileCap) {
  try {
    (void)read_input_file(path, "a test file", cap);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(read without error)";
}

TEST(InputFile, ReadsARegularFileWhole) {
  const fs::path p = scratch_dir() / "ok.txt";
  std::ofstream(p) << "a: 1\nb: 2\n";
  EXPECT_EQ(read_input_file(p.string(), "a test file"), "a: 1\nb: 2\n");
}

TEST(InputFile, MissingFileIsNamed) {
  const std::string m = error_reading("no/such/file.yaml");
  EXPECT_NE(m.find("no/such/file.yaml: expected a test file, found no such file"),
            std::string::npos)
      << m;
}

TEST(InputFile, DirectoryIsRefused) {
  const std::string m = error_reading(scratch_dir().string());
  EXPECT_NE(m.find("found a directory"), std::string::npos) << m;
}

TEST(InputFile, EndlessDeviceIsRefusedBeforeReading) {
  const std::string m = error_reading("/dev/zero");
  EXPECT_NE(m.find("/dev/zero: expected a test file (a regular file), found a character device"),
            std::string::npos)
      << m;
}

TEST(InputFile, FifoIsRefusedWithoutWaitingForAWriter) {
  const fs::path p = scratch_dir() / "pipe";
  fs::remove(p);
  ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0);
  const std::string m = error_reading(p.string());
  EXPECT_NE(m.find("found a FIFO"), std::string::npos) << m;
}

TEST(InputFile, FileOverTheCapIsRefused) {
  const fs::path p = scratch_dir() / "big.txt";
  std::ofstream(p) << std::string(1025, 'x');
  EXPECT_NE(error_reading(p.string(), 1024)
                .find("expected a test file of at most 1024 bytes, found 1025 bytes"),
            std::string::npos);
  EXPECT_EQ(read_input_file(p.string(), "a test file", 1025).size(), 1025u);
  EXPECT_EQ(kConfigFileCap, 64u * 1024 * 1024);
  EXPECT_EQ(kOnnxFileCap, 2u * 1024 * 1024 * 1024);
}

TEST(InputFile, EmptyNameIsRefused) {
  EXPECT_NE(error_reading("").find("an empty file name"), std::string::npos);
}

}  // namespace
}  // namespace headroom::models
