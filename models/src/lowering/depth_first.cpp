// SPDX-License-Identifier: MIT
// Depth-first chains of convolutions (fuse.hpp, depth_first_chains): the rule is in
// docs/accelerator-model.md, "Depth-first chains".
#include <algorithm>
#include <limits>
#include <vector>

#include "headroom/models/fuse.hpp"
#include "headroom/models/trace_maps.hpp"

namespace headroom::models {

namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
// Longest chain considered: bounds the search (each chain's band is found anew) on long runs of
// convolutions, which an ONNX file may have by the hundred.
constexpr std::size_t kMaxChainOps = 64;

// Per example: the map a convolution reads whole (a strided 1x1's A operand is only part of it).
std::uint64_t input_map_elements(const GemmShape& g) {
  return checked_product("conv input map", g.rows.in_h, g.rows.in_w, g.rows.in_c);
}

std::uint64_t examples(const GemmShape& g) {
  const std::uint64_t pixels = checked_mul(g.rows.out_h, g.rows.out_w, "conv output pixels");
  return pixels == 0 || g.m % pixels != 0 ? 0 : g.m / pixels;
}

bool is_conv(const TraceOp& op) {
  return op.kind == TraceOp::Kind::Gemm && op.gemm.rows.known() && examples(op.gemm) > 0;
}

// The map a separate op reads from the op before it.
std::uint64_t main_input(const TraceOp& op) {
  return is_conv(op) ? checked_mul(examples(op.gemm), input_map_elements(op.gemm), "conv input")
                     : main_input_elements(op);
}

// Whether a map of `map` elements that op `consumer` reads is read by no other op. The trace has
// no tensor names, so maps are matched by size, from the consumer to the end of the first op
// group with a residual add (a block's end: later adds are other blocks' skips): the map is read
// again if an add there takes a second operand of its size, or a separate op reads a map of its
// size that the op before it did not write (a branch). A size coincidence with a skip keeps a map
// in DRAM; one with the map just written is taken to be that map.
bool read_once(const std::vector<TraceOp>& ops, std::size_t consumer, std::uint64_t map) {
  bool block_end = false;
  std::uint64_t written = 0;  // the output of the op group before op j
  for (std::size_t j = consumer; j < ops.size(); ++j) {
    const TraceOp& op = ops[j];
    if (!op.fused) {
      if (block_end) return true;
      if (j != consumer && main_input(op) == map && written != map) return false;
    }
    if (reads_second_operand(op)) {
      if (op.vector.input_elements - op.vector.elements == map) return false;
      block_end = true;
    }
    written = output_elements(op);
  }
  return true;
}

// One convolution of a run, in bytes and rows (per example).
struct Link {
  std::size_t op = 0;  // trace index of the GEMM
  std::uint64_t in_h = 0, kernel_h = 0, stride_h = 0, out_h = 0;
  std::uint64_t in_row_bytes = 0, out_row_bytes = 0;
  std::uint64_t weight_bytes = 0, input_bytes = 0, output_bytes = 0, batch = 1;
};

Link link_of(const std::vector<TraceOp>& ops, std::size_t i, Precision precision) {
  const GemmShape& g = ops[i].gemm;
  const auto bytes = [&](const char* what, std::uint64_t elements) {
    return checked_bytes_for(elements, precision, what);
  };
  Link l;
  l.op = i;
  l.in_h = g.rows.in_h;
  l.kernel_h = g.rows.kernel_h;
  l.stride_h = g.rows.stride_h;
  l.out_h = g.rows.out_h;
  l.batch = examples(g);
  // A row is whole bytes (INT4 rounds an odd row up): a band of rows never holds less.
  l.in_row_bytes = bytes("conv input row", checked_mul(g.rows.in_w, g.rows.in_c, "conv row"));
  l.out_row_bytes =
      bytes("conv output row", checked_product("conv row", g.rows.out_w, g.n, g.count));
  l.input_bytes = bytes("conv input", checked_mul(l.batch, input_map_elements(g), "conv input"));
  l.output_bytes = bytes("conv output", checked_mul(g.c_elements(), g.count, "conv output"));
  l.weight_bytes = bytes("conv weights", checked_mul(g.b_elements(), g.count, "conv weights"));
  return l;
}

// On-chip bytes of a chain links[i..j] run in bands of `band` output rows of its last op: that
// band, and before each op the rows of its input its windows need (the line buffer between two
// ops, or the chain's input band), (rows out - 1) * stride + kernel, at most the map.
std::uint64_t band_bytes(const std::vector<Link>& links, std::size_t i, std::size_t j,
                         std::uint64_t band) {
  std::uint64_t rows = band;
  std::uint64_t bytes = checked_mul(band, links[j].out_row_bytes, "band bytes");
  for (std::size_t k = j + 1; k-- > i;) {
    const Link& l = links[k];
    rows = std::min(l.in_h, checked_add(checked_mul(rows - 1, l.stride_h, "band rows"), l.kernel_h,
                                        "band rows"));
    bytes = checked_add(bytes, checked_mul(rows, l.in_row_bytes, "band bytes"), "band bytes");
  }
  return bytes;
}

// The largest band (output rows of the last op) whose buffers fit, or 0.
std::uint64_t largest_band(const std::vector<Link>& links, std::size_t i, std::size_t j,
                           std::uint64_t activation_bytes) {
  std::uint64_t lo = 0, hi = links[j].out_h;  // band_bytes(lo) fits (0 trivially), hi + 1 not
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo + 1) / 2;
    if (band_bytes(links, i, j, mid) <= activation_bytes)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

struct Run {
  std::vector<Link> links;
  // A map keep_on_chip kept whole into the run's first op, or out of its last: its bytes on chip
  // and, if a chain gives it back to DRAM, what its producer then writes and its reader reads.
  struct Kept {
    bool kept = false;
    std::uint64_t bytes = 0, written = 0, read = 0;
  };
  Kept input, output;
};

struct Chain {
  std::uint64_t band = 0, weight_passes = 1, bytes = kNever;
  bool keeps_input = false, keeps_output = false;  // a whole-kept end map stays on chip
};

// links[i..j] (i < j) as one chain with `activation_bytes` for its bands: the band, the weight
// passes and the DRAM bytes of its weights (its input and output move in either schedule).
Chain chain_in(const std::vector<Link>& links, std::size_t i, std::size_t j,
               std::uint64_t activation_bytes, std::uint64_t weight_bytes) {
  Chain c;
  c.band = largest_band(links, i, j, activation_bytes);
  if (c.band == 0) return c;
  std::uint64_t weights = 0;
  for (std::size_t k = i; k <= j; ++k)
    weights = checked_add(weights, links[k].weight_bytes, "chain weights");
  const std::uint64_t bands = (links[j].out_h + c.band - 1) / c.band;
  c.weight_passes = weights <= weight_bytes ? 1 : checked_mul(links[j].batch, bands, "bands");
  c.bytes = checked_mul(weights, c.weight_passes, "chain weight bytes");
  return c;
}

// links[i..j] as one chain of the run. A map kept whole at the run's ends stays on chip when the
// bands still fit beside it (the whole map held for the chain's duration); otherwise the chain
// gives it back to DRAM, and its write and read are added to the chain's bytes.
Chain chain_of(const Run& run, std::size_t i, std::size_t j, const DepthFirstBuffers& b) {
  const bool in = i == 0 && run.input.kept;
  const bool out = j + 1 == run.links.size() && run.output.kept;
  const std::uint64_t held = (in ? run.input.bytes : 0) + (out ? run.output.bytes : 0);
  if (held > 0 && held < b.activation_bytes) {
    Chain c = chain_in(run.links, i, j, b.activation_bytes - held, b.weight_bytes);
    if (c.bytes != kNever) {
      c.keeps_input = in;
      c.keeps_output = out;
      return c;
    }
  }
  Chain c = chain_in(run.links, i, j, b.activation_bytes, b.weight_bytes);
  if (c.bytes == kNever) return c;
  if (in) c.bytes = checked_add(c.bytes, run.input.written + run.input.read, "bytes");
  if (out) c.bytes = checked_add(c.bytes, run.output.written + run.output.read, "bytes");
  return c;
}

// The cheapest cut of a run into chains, by dynamic programming over where each chain starts:
// `start[j]` is where the piece ending at links[j] starts (== j: that op runs alone).
std::vector<std::size_t> cheapest_cut(const Run& run, const DepthFirstBuffers& b) {
  const std::vector<Link>& links = run.links;
  const std::size_t n = links.size();
  std::vector<std::uint64_t> best(n + 1, 0);
  std::vector<std::size_t> start(n, 0);
  for (std::size_t j = 0; j < n; ++j) {
    // The map between two pieces goes through DRAM: written, then read back.
    const auto between = [&](std::size_t i) {
      return i == 0 ? 0 : checked_mul(2, links[i - 1].output_bytes, "map bytes");
    };
    best[j + 1] =
        checked_add(best[j], checked_add(between(j), links[j].weight_bytes, "bytes"), "bytes");
    start[j] = j;
    for (std::size_t i = j >= kMaxChainOps ? j + 1 - kMaxChainOps : 0; i < j; ++i) {
      const Chain c = chain_of(run, i, j, b);
      if (c.bytes == kNever) continue;
      const std::uint64_t cost =
          checked_add(best[i], checked_add(between(i), c.bytes, "bytes"), "bytes");
      if (cost < best[j + 1]) {  // only where it saves bytes: a tie runs layer by layer
        best[j + 1] = cost;
        start[j] = i;
      }
    }
  }
  return start;
}

// Consecutive separate ops (heads) h and h + 1 form a link of a run when both are convolutions
// and the second reads exactly what the first (with its fused ops) wrote, not kept whole.
bool chains_to(const std::vector<TraceOp>& ops, std::size_t producer, std::size_t consumer) {
  const TraceOp& p = ops[producer];
  const TraceOp& c = ops[consumer];
  if (!is_conv(p) || !is_conv(c) || p.output_on_chip) return false;
  // The producer's output leaves its group unchanged (a fused pooling would change the rows).
  const std::uint64_t map = output_elements(p);
  if (output_elements(ops[consumer - 1]) != map) return false;
  if (p.gemm.rows.out_h != c.gemm.rows.in_h || examples(p.gemm) != examples(c.gemm)) return false;
  if (checked_mul(examples(c.gemm), input_map_elements(c.gemm), "conv input") != map) return false;
  return read_once(ops, consumer, map);
}

}  // namespace

DepthFirstSummary depth_first_chains(Trace& trace, const DepthFirstBuffers& buffers) {
  auto& ops = trace.ops;
  std::vector<std::size_t> heads;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (!ops[i].fused) heads.push_back(i);
  DepthFirstSummary summary;
  std::uint32_t chain_id = 0;
  for (std::size_t h = 0; h + 1 < heads.size();) {
    if (!chains_to(ops, heads[h], heads[h + 1])) {
      ++h;
      continue;
    }
    Run run;
    std::size_t last = h + 1;
    while (last + 1 < heads.size() && chains_to(ops, heads[last], heads[last + 1])) ++last;
    for (std::size_t k = h; k <= last; ++k)
      run.links.push_back(link_of(ops, heads[k], buffers.precision));
    const auto bytes = [&](std::uint64_t elements) {
      return checked_bytes_for(elements, buffers.precision, "map bytes");
    };
    if (ops[heads[h]].input_on_chip)
      run.input = {true, bytes(output_elements(ops[heads[h] - 1])),
                   bytes(output_elements(ops[heads[h - 1]])),
                   bytes(main_input_elements(ops[heads[h]]))};
    if (ops[heads[last]].output_on_chip)
      run.output = {true, bytes(output_elements(ops[heads[last + 1] - 1])),
                    run.links.back().output_bytes,
                    bytes(main_input_elements(ops[heads[last + 1]]))};
    const std::vector<std::size_t> start = cheapest_cut(run, buffers);
    for (std::size_t j = run.links.size(); j-- > 0;) {
      const std::size_t i = start[j];
      if (i < j) {
        const Chain c = chain_of(run, i, j, buffers);
        ++chain_id;  // numbered from the end of the run; renumbered below in trace order
        for (std::size_t k = i; k <= j; ++k) {
          TraceOp& op = ops[run.links[k].op];
          op.depth_first = {chain_id, c.band, c.weight_passes};
          if (k < j) op.output_on_chip = true;
          if (k > i) op.input_on_chip = true;
        }
        summary.maps_in_bands += j - i;
        // A whole-kept map at the chain's ends that does not fit beside its bands goes to DRAM.
        if (i == 0 && run.input.kept && !c.keeps_input) {
          ops[run.links[0].op].input_on_chip = false;
          ops[heads[h - 1]].output_on_chip = false;
          ++summary.maps_unkept;
        }
        if (j + 1 == run.links.size() && run.output.kept && !c.keeps_output) {
          ops[run.links[j].op].output_on_chip = false;
          ops[heads[last + 1]].input_on_chip = false;
          ++summary.maps_unkept;
        }
      }
      j = i;
    }
    h = last + 1;
  }
  // Chains numbered 1, 2, ... in trace order.
  std::uint32_t next = 0, previous = 0;
  for (TraceOp& op : ops) {
    if (op.depth_first.chain == 0) continue;
    if (op.depth_first.chain != previous) {
      previous = op.depth_first.chain;
      ++next;
    }
    op.depth_first.chain = next;
  }
  summary.chains = next;
  return summary;
}

}  // namespace headroom::models
