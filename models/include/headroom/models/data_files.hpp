// SPDX-License-Identifier: MIT
// The one place that finds Headroom's data files (configs/tech, configs/gpus, configs/accel, ...)
// so a binary run from any directory, or installed, reads the same tables. Data-relative paths
// such as "configs/tech" are looked up under, in order:
//   1. each directory of $HEADROOM_DATA (':'-separated), a data root laid out like the repository;
//   2. the install prefix's share/headroom, found from the running binary
//   (<bin>/../share/headroom);
//   3. the source tree the binary was built from, only when the binary is not an installed one
//      (an installed binary never reads a source tree that may have changed since).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace headroom::models {

// The data roots above that exist, in search order, without duplicates.
[[nodiscard]] std::vector<std::filesystem::path> data_roots();

// `relative` (a file or directory, e.g. "configs/tech") under the first data root that has it.
[[nodiscard]] std::optional<std::filesystem::path> find_data(const std::filesystem::path& relative);

// `relative` under every data root that has it, in search order (e.g. every configs/gpus).
[[nodiscard]] std::vector<std::filesystem::path> find_all_data(
    const std::filesystem::path& relative);

// A path a user typed: kept when absolute or when it exists from the current directory, else the
// data roots' copy ("configs/accel/default.yaml" from any directory), else unchanged so the
// caller's error names what the user wrote.
[[nodiscard]] std::string resolve_user_path(const std::string& path);

// The data roots searched, for error messages: "/opt/headroom/share/headroom, ...".
[[nodiscard]] std::string describe_data_roots();

}  // namespace headroom::models
