// SPDX-License-Identifier: MIT
#include "headroom/models/checked.hpp"
#include "headroom/models/layer.hpp"

namespace headroom::models {

namespace {
// Output size of a sliding window, as in PyTorch's Conv2d/MaxPool2d (floor mode).
std::uint64_t window_out(std::uint64_t in, std::uint64_t kernel, std::uint64_t stride,
                         std::uint64_t pad, std::uint64_t dilation) {
  if (kernel == 0 || stride == 0) return 0;
  const char* what = "padded input size";
  const std::uint64_t span = checked_add(checked_mul(dilation, kernel - 1, what), 1, what);
  const std::uint64_t padded = checked_add(in, checked_mul(2, pad, what), what);
  if (padded < span) return 0;
  return (padded - span) / stride + 1;
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
