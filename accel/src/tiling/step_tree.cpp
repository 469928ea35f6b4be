// SPDX-License-Identifier: MIT
#include "tiling/step_tree.hpp"

#include <algorithm>
#include <utility>

namespace headroom::accel::tiling {

namespace {

Step plus(const Step& a, const Step& b) {
  return {a.read_bytes + b.read_bytes, a.compute_cycles + b.compute_cycles,
          a.write_bytes + b.write_bytes};
}

Step times(const Step& s, std::uint64_t n) {
  return {s.read_bytes * n, s.compute_cycles * n, s.write_bytes * n};
}

std::uint64_t steps_of(const Runs& unit) {
  std::uint64_t n = 0;
  for (const Run& r : unit) n += r.n;
  return n;
}

Step sum_of(const Runs& unit) {
  Step s;
  for (const Run& r : unit) s = plus(s, times(r.step, r.n));
  return s;
}

// Two folds' steps side by side on two arrays, step by step: bytes add, the longer time counts.
Runs side_by_side(const Runs& a, const Runs& b) {
  Runs out;
  std::size_t i = 0, j = 0;
  std::uint64_t left_a = a.empty() ? 0 : a[0].n, left_b = b.empty() ? 0 : b[0].n;
  while (i < a.size() && j < b.size()) {
    const std::uint64_t n = std::min(left_a, left_b);
    const Step& x = a[i].step;
    const Step& y = b[j].step;
    const Step s{x.read_bytes + y.read_bytes, std::max(x.compute_cycles, y.compute_cycles),
                 x.write_bytes + y.write_bytes};
    if (!out.empty() && out.back().step == s)
      out.back().n += n;
    else
      out.push_back({s, n});
    if ((left_a -= n) == 0 && ++i < a.size()) left_a = a[i].n;
    if ((left_b -= n) == 0 && ++j < b.size()) left_b = b[j].n;
  }
  return out;
}

// `arrays` copies of one fold side by side.
Runs widened(const Runs& unit, std::uint64_t arrays) {
  Runs out = unit;
  for (Run& r : out) {
    r.step.read_bytes *= arrays;
    r.step.write_bytes *= arrays;
  }
  return out;
}

// Streams folds into waves. A wave still being filled is the state; repeats of a sub-sequence
// are walked one copy at a time until the state at a copy's start recurs, and the waves between
// the two recurrences are then one repeated piece (the state recurs within about `arrays`
// copies: it is the fill level and the folds filling it, which repeat with the copies).
class WaveBuilder {
 public:
  explicit WaveBuilder(std::uint64_t arrays) : arrays_(arrays) {}

  void add_unit(const Runs& fold, std::uint64_t n) {
    while (filled_ > 0 && n > 0) {
      push_one(fold);
      --n;
    }
    if (n >= arrays_) {
      out_.push_back({nullptr, widened(fold, arrays_), n / arrays_});
      n %= arrays_;
    }
    for (; n > 0; --n) push_one(fold);
  }

  void add_seq(const SeqPtr& seq, std::uint64_t repeat) {
    if (repeat == 0 || seq->units == 0) return;
    if (filled_ == 0 && seq->units % arrays_ == 0) {
      // Every copy starts and ends on a wave boundary: its waves repeat as they are.
      WaveBuilder copy(arrays_);
      copy.add_copy(*seq);
      out_.push_back({copy.finish(), {}, repeat});
      return;
    }
    struct Mark {
      std::uint64_t filled;
      Runs wave;
      std::size_t out_size;
    };
    std::vector<Mark> marks;
    std::uint64_t done = 0;
    while (done < repeat) {
      const auto seen = std::find_if(marks.begin(), marks.end(), [&](const Mark& m) {
        return m.filled == filled_ && m.wave == wave_;
      });
      if (seen != marks.end()) {
        const std::uint64_t period = static_cast<std::uint64_t>(marks.end() - seen);
        const std::uint64_t cycles = (repeat - done) / period;
        if (cycles > 0) {
          SeqBuilder block;
          for (std::size_t i = seen->out_size; i < out_.size(); ++i)
            if (out_[i].seq)
              block.add_seq(out_[i].seq, out_[i].repeat);
            else
              block.add_unit(out_[i].unit, out_[i].repeat);
          out_.push_back({block.finish(), {}, cycles});
          done += cycles * period;
        }
        marks.clear();  // the rest is shorter than a period: copy by copy
        while (done < repeat) {
          add_copy(*seq);
          ++done;
        }
        return;
      }
      marks.push_back({filled_, wave_, out_.size()});
      add_copy(*seq);
      ++done;
    }
  }

  void add_copy(const Seq& seq) {
    for (const Piece& p : seq.pieces)
      if (p.seq)
        add_seq(p.seq, p.repeat);
      else
        add_unit(p.unit, p.repeat);
  }

  SeqPtr finish() {
    if (filled_ > 0) out_.push_back({nullptr, std::move(wave_), 1});
    filled_ = 0;
    SeqBuilder b;
    for (Out& p : out_)
      if (p.seq)
        b.add_seq(std::move(p.seq), p.repeat);
      else
        b.add_unit(std::move(p.unit), p.repeat);
    out_.clear();
    return b.finish();
  }

 private:
  void push_one(const Runs& fold) {
    wave_ = filled_ == 0 ? fold : side_by_side(wave_, fold);
    if (++filled_ == arrays_) {
      out_.push_back({nullptr, std::move(wave_), 1});
      wave_.clear();
      filled_ = 0;
    }
  }

  std::uint64_t arrays_;
  std::uint64_t filled_ = 0;  // folds in the wave being filled
  Runs wave_;
  struct Out {
    SeqPtr seq;
    Runs unit;
    std::uint64_t repeat;
  };
  std::vector<Out> out_;
};

}  // namespace

void SeqBuilder::append(SeqPtr seq, Runs unit, std::uint64_t repeat, std::uint64_t units,
                        std::uint64_t steps, const Step& sum) {
  if (repeat == 0 || steps == 0) return;
  Piece piece;
  piece.seq = std::move(seq);
  piece.unit = std::move(unit);
  piece.repeat = repeat;
  piece.copy_steps = steps;
  piece.copy_sum = sum;
  seq_.units += units * piece.repeat;
  seq_.steps += steps * piece.repeat;
  seq_.sum = plus(seq_.sum, times(sum, piece.repeat));
  seq_.pieces.push_back(std::move(piece));
}

void SeqBuilder::add_unit(Runs unit, std::uint64_t repeat) {
  const std::uint64_t steps = steps_of(unit);
  const Step sum = sum_of(unit);
  append(nullptr, std::move(unit), repeat, 1, steps, sum);
}

void SeqBuilder::add_seq(SeqPtr seq, std::uint64_t repeat) {
  const std::uint64_t units = seq->units, steps = seq->steps;
  const Step sum = seq->sum;
  append(std::move(seq), {}, repeat, units, steps, sum);
}

SeqPtr SeqBuilder::finish() { return std::make_shared<const Seq>(std::move(seq_)); }

SeqPtr waves_of(const SeqPtr& folds, std::uint64_t repeat, std::uint64_t arrays) {
  if (arrays <= 1) {
    SeqBuilder b;
    b.add_seq(folds, repeat);
    return b.finish();
  }
  WaveBuilder w(arrays);
  w.add_seq(folds, repeat);
  return w.finish();
}

namespace {

// Walks a tree in run order into merged steps of `group` steps each, taking whole copies of a
// piece at once while they fit in the merged step being filled and opening a copy only where it
// straddles a boundary: the work is the pieces plus, per merged step, one path down the tree.
class Merger {
 public:
  explicit Merger(std::uint64_t group) : group_(group) {}

  void walk(const Seq& seq) {
    for (const Piece& p : seq.pieces) {
      std::uint64_t left = p.repeat;
      while (left > 0) {
        const std::uint64_t whole = std::min(left, (group_ - filled_) / p.copy_steps);
        if (whole > 0) {
          add(times(p.copy_sum, whole), whole * p.copy_steps);
          left -= whole;
          continue;
        }
        if (p.seq) {
          walk(*p.seq);
        } else {
          for (const Run& r : p.unit) add_run(r);
        }
        --left;
      }
    }
  }

  std::vector<Step> finish() { return std::move(out_); }

 private:
  // `steps` steps summing to `sum`, all within the merged step being filled.
  void add(const Step& sum, std::uint64_t steps) {
    if (filled_ == 0) out_.emplace_back();
    out_.back() = plus(out_.back(), sum);
    filled_ += steps;
    if (filled_ == group_) filled_ = 0;
  }

  void add_run(const Run& r) {
    std::uint64_t left = r.n;
    while (left > 0) {
      const std::uint64_t n = std::min(left, group_ - filled_);
      add(times(r.step, n), n);
      left -= n;
    }
  }

  std::uint64_t group_;
  std::uint64_t filled_ = 0;  // steps in the merged step being filled
  std::vector<Step> out_;
};

}  // namespace

std::vector<Step> merged_steps(const Seq& seq, std::uint64_t group) {
  Merger m(std::max<std::uint64_t>(group, 1));
  m.walk(seq);
  return m.finish();
}

}  // namespace headroom::accel::tiling
