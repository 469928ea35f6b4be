// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace headroom::sim {

// Writes `content` to a temporary file beside `path`, then renames it over `path`, so a reader
// never sees a partial file and a failed run leaves nothing behind. Throws InputError when the
// directory cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace headroom::sim
