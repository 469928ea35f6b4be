// SPDX-License-Identifier: MIT
#include "headroom/models/layer.hpp"

namespace headroom::models {

namespace {
// Output size of a sliding window, as in PyTorch's Conv2d/MaxPool2d (floor mode).
std::uint64_t window_out(std::uint64_t in, std::uint64_t kernel, std::uint64_t stride,
                         std::uint64_t pad, std::uint64_t dilation) {
  const std::uint64_t span = dilation * (kernel - 1) + 1;
  if (in + 2 * pad < span || stride == 0) return 0;
  return (in + 2 * pad - span) / stride + 1;
}
}  // namespace

std::uint64_t Conv2d::out_h() const {
  return window_out(in_h, kernel_h, stride_h, pad_h, dilation_h);
}
std::uint64_t Conv2d::out_w() const {
  return window_out(in_w, kernel_w, stride_w, pad_w, dilation_w);
}

std::uint64_t Pool::out_h() const {
  return kind == PoolKind::GlobalAverage ? 1 : window_out(in_h, kernel_h, stride_h, pad_h, 1);
}
std::uint64_t Pool::out_w() const {
  return kind == PoolKind::GlobalAverage ? 1 : window_out(in_w, kernel_w, stride_w, pad_w, 1);
}

std::uint64_t Recurrent::gates() const {
  switch (cell) {
    case RecurrentCell::Vanilla:
      return 1;
    case RecurrentCell::Lstm:
      return 4;
    case RecurrentCell::Gru:
      return 3;
  }
  return 1;
}

}  // namespace headroom::models
