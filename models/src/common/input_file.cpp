// SPDX-License-Identifier: MIT
#include "headroom/models/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "headroom/models/error.hpp"

namespace headroom::models {

namespace {

std::string describe_size(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30) && bytes % (std::uint64_t{1} << 30) == 0)
    return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (std::uint64_t{1} << 20) && bytes % (std::uint64_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::string describe_type(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

[[noreturn]] void fail(const std::string& path, const std::string& what, const std::string& found) {
  throw InputError(input_error_message(path, 0, "", what, found));
}

std::string describe_errno(int err) {
  switch (err) {
    case ENOENT:
      return "no such file";
    case EACCES:
    case EPERM:
      return "no permission to read it";
    case ENOTDIR:
      return "a path through something that is not a directory";
    case ENAMETOOLONG:
      return "a name too long for the system";
    case ELOOP:
      return "a loop of symbolic links";
    default:
      return std::strerror(err);
  }
}

// The file, opened without blocking (a FIFO would otherwise wait for a writer), and its status.
class OpenFile {
 public:
  OpenFile(const std::string& path, const std::string& what, std::uint64_t cap) {
    if (path.empty()) fail("(empty file name)", what, "an empty file name");
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) fail(path, what, describe_errno(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail(path, what, describe_errno(errno));
    if (!S_ISREG(st.st_mode)) fail(path, what + " (a regular file)", describe_type(st.st_mode));
    if (static_cast<std::uint64_t>(st.st_size) > cap)
      fail(path, what + " of at most " + describe_size(cap),
           describe_size(static_cast<std::uint64_t>(st.st_size)));
  }
  ~OpenFile() { ::close(fd_); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace

void check_input_file(const std::string& path, const std::string& what, std::uint64_t cap) {
  const OpenFile file(path, what, cap);
}

std::string read_input_file(const std::string& path, const std::string& what, std::uint64_t cap) {
  const OpenFile file(path, what, cap);
  std::string content;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd(), buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, what, "a read error: " + describe_errno(errno));
    }
    if (content.size() + static_cast<std::uint64_t>(n) > cap)
      fail(path, what + " of at most " + describe_size(cap), "a file that grew past it");
    content.append(buf, static_cast<std::size_t>(n));
  }
  return content;
}

}  // namespace headroom::models
