// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace headroom {

// Bad input from a user: a file, a flag or a name. The CLI prints what() and exits 2.
// The message names where (file:line or the flag), the key, what was expected and what was found.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Builds "file:line: key: expected X, found Y" so every reader words errors the same way.
// line <= 0 leaves the line out.
std::string input_error_message(const std::string& file, int line, const std::string& key,
                                const std::string& expected, const std::string& found);

// Up to `max` candidates within a small edit distance of `word`, best first ("did you mean").
std::string close_matches(const std::string& word, const std::vector<std::string>& candidates,
                          std::size_t max = 3);

}  // namespace headroom
