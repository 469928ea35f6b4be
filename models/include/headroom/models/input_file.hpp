// SPDX-License-Identifier: MIT
// The one way every reader opens a user's file: it must be a regular file under a size cap,
// checked before reading, so /dev/zero, a FIFO or a directory is a clear error rather than
// an endless read, a hang or "found nothing".
#pragma once

#include <cstdint>
#include <string>

namespace headroom::models {

// Configs (accelerator, GPU and run YAML, SCALE-Sim .cfg/.csv, technology tables).
inline constexpr std::uint64_t kConfigFileCap = std::uint64_t{64} << 20;  // 64 MiB
// ONNX models carry their weights; the largest we take is protobuf's own 2 GiB limit.
inline constexpr std::uint64_t kOnnxFileCap = std::uint64_t{2} << 30;  // 2 GiB

// Throws InputError unless `path` names a readable regular file of at most `cap` bytes.
// `what` says what the file should be ("an accelerator YAML file") and appears in the message.
void check_input_file(const std::string& path, const std::string& what, std::uint64_t cap);

// check_input_file, then the whole content. The size is enforced while reading too, so a file
// that grows in between cannot exceed the cap.
[[nodiscard]] std::string read_input_file(const std::string& path, const std::string& what,
                                          std::uint64_t cap = kConfigFileCap);

}  // namespace headroom::models
