// SPDX-License-Identifier: MIT
// Log-linear fits of training compute on date, with the bootstrap of Sevilla et al. 2022 (App. A).
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <set>

#include "headroom/models/error.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim::trends {

namespace {

// Linear interpolation between order statistics (numpy's default, R type 7).
double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

bool distinct_x(const std::vector<double>& x) {
  return std::any_of(x.begin(), x.end(), [&](double v) { return v != x.front(); });
}

}  // namespace

Line fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2 || !distinct_x(x))
    throw InputError("a straight-line fit needs at least 2 points on different dates");
  const auto n = static_cast<Eigen::Index>(x.size());
  const Eigen::Map<const Eigen::VectorXd> xv(x.data(), n);
  const Eigen::Map<const Eigen::VectorXd> yv(y.data(), n);
  // Centred on the mean date: years near 2000 would make the normal equations ill-conditioned.
  const double x0 = xv.mean();
  Eigen::MatrixXd a(n, 2);
  a.col(0).setOnes();
  a.col(1) = xv.array() - x0;
  const Eigen::Vector2d beta = a.colPivHouseholderQr().solve(yv);
  const Eigen::VectorXd residual = yv - a * beta;
  const double ss_res = residual.squaredNorm();
  const double ss_tot = (yv.array() - yv.mean()).matrix().squaredNorm();
  Line line;
  line.n = x.size();
  line.slope = beta(1);
  line.intercept = beta(0) - beta(1) * x0;
  line.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : 1;
  return line;
}

double doubling_months(double slope_oom_per_year) {
  return 12 * std::log10(2.0) / slope_oom_per_year;
}

std::string describe(const BootstrapSpec& spec) {
  std::string noise =
      spec.noise_factor == 1
          ? std::string()
          : fmt::format(", each compute times a log-uniform factor in [1/{0:g}, {0:g}]",
                        spec.noise_factor);
  return fmt::format(
      "{} resamples (seed {}) of the systems with replacement{}; the 2.5%, 50% and 97.5% "
      "quantiles of the refitted doubling times (Sevilla et al. 2022, App. A)",
      spec.resamples, spec.seed, noise);
}

double Fit::growth_factor() const { return std::pow(10.0, line.slope * (last_year - first_year)); }

std::vector<Subset> three_eras() {
  return {
      {"pre-deep-learning", "all systems", "", "2010-01-01", Subset::Scale::Any},
      {"deep-learning", "regular-scale systems", "2010-01-01", "", Subset::Scale::Regular},
      {"large-scale", "large-scale systems", "2015-09-01", "", Subset::Scale::Large},
  };
}

std::vector<const System*> select(const Table& table, const Subset& subset) {
  const double from = subset.from.empty() ? -1e9 : parse_date(subset.from).value_or(-1e9);
  const double to = subset.to.empty() ? 1e9 : parse_date(subset.to).value_or(1e9);
  std::vector<const System*> out;
  for (const auto& s : table.systems) {
    if (s.year < from || s.year >= to) continue;
    if (subset.scale == Subset::Scale::Regular && s.large_scale) continue;
    if (subset.scale == Subset::Scale::Large && !s.large_scale) continue;
    out.push_back(&s);
  }
  return out;
}

Fit fit_subset(const Table& table, const Subset& subset, const BootstrapSpec& spec) {
  const auto systems = select(table, subset);
  std::vector<double> x;
  std::vector<double> y;
  for (const System* s : systems) {
    x.push_back(s->year);
    y.push_back(std::log10(s->flop));
  }
  const std::string where = fmt::format("{} ({}, {} to {})", subset.era, subset.scope,
                                        subset.from.empty() ? "start" : subset.from,
                                        subset.to.empty() ? "end" : subset.to);
  if (x.size() < 3)
    throw InputError(fmt::format("{}: {}: expected at least 3 systems to fit, found {}",
                                 table.source, where, x.size()));
  if (!distinct_x(x))
    throw InputError(fmt::format("{}: {}: expected systems on at least 2 dates, found all on {}",
                                 table.source, where, systems.front()->date));
  Fit fit;
  fit.era = subset.era;
  fit.scope = subset.scope;
  fit.from = subset.from;
  fit.to = subset.to;
  fit.line = fit_line(x, y);
  const auto [first, last] =
      std::minmax_element(systems.begin(), systems.end(),
                          [](const System* a, const System* b) { return a->year < b->year; });
  fit.first_year = (*first)->year;
  fit.last_year = (*last)->year;
  fit.first_date = (*first)->date;
  fit.last_date = (*last)->date;

  // Boost.Random: the same draws on every platform for a seed (std's distributions are not).
  boost::random::mt19937_64 rng(spec.seed);
  boost::random::uniform_int_distribution<std::size_t> pick(0, x.size() - 1);
  const double log_noise = std::log10(spec.noise_factor);
  boost::random::uniform_real_distribution<double> noise(-log_noise, log_noise);
  std::vector<double> doublings;
  std::vector<double> bx(x.size());
  std::vector<double> by(x.size());
  while (doublings.size() < spec.resamples) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::size_t k = pick(rng);
      bx[i] = x[k];
      by[i] = y[k] + (log_noise > 0 ? noise(rng) : 0.0);
    }
    if (!distinct_x(bx)) continue;  // a resample of one date has no slope
    doublings.push_back(doubling_months(fit_line(bx, by).slope));
  }
  if (!doublings.empty())
    fit.ci95_months = {quantile(doublings, 0.025), quantile(doublings, 0.5),
                       quantile(doublings, 0.975)};
  return fit;
}

std::vector<std::string> drop_low_outliers(Table& table) {
  std::vector<bool> drop(table.systems.size(), false);
  for (std::size_t i = 0; i < table.systems.size(); ++i) {
    std::vector<double> near;
    for (const auto& s : table.systems)
      if (std::abs(s.year - table.systems[i].year) <= 1.5) near.push_back(std::log10(s.flop));
    double mean = 0;
    for (double v : near) mean += v;
    mean /= static_cast<double>(near.size());
    double var = 0;
    for (double v : near) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / static_cast<double>(near.size()));
    drop[i] = sd > 0 && (std::log10(table.systems[i].flop) - mean) / sd < -2;
  }
  std::vector<std::string> dropped;
  std::vector<System> kept;
  for (std::size_t i = 0; i < table.systems.size(); ++i) {
    if (drop[i])
      dropped.push_back(table.systems[i].name);
    else
      kept.push_back(std::move(table.systems[i]));
  }
  table.systems = std::move(kept);
  if (!dropped.empty()) table.skipped["low outlier (Z < -2 within 1.5 years)"] += dropped.size();
  return dropped;
}

}  // namespace headroom::sim::trends
