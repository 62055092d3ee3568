// Callaway & Sant'Anna (2021) group-time ATTs, aggregations and multiplier bootstrap.
#include "innozone/did/staggered.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/parallel.hpp"
#include "innozone/common/random.hpp"
#include "innozone/did/regression.hpp"

namespace innozone::did {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Type-1 sample quantile (inverse of the empirical CDF), as R's quantile(type = 1).
double quantile_type1(std::vector<double> v, double p) {
  if (v.empty()) {
    return kNan;
  }
  std::sort(v.begin(), v.end());
  const double np = p * static_cast<double>(v.size());
  auto j = static_cast<std::size_t>(std::ceil(np - 1e-12));
  j = std::max<std::size_t>(j, 1);
  j = std::min(j, v.size());
  return v[j - 1];
}

// The n x m weight-influence matrix of Callaway & Sant'Anna's aggregations: the
// estimation effect of the group shares pg used as weights (R did's wif()).
Eigen::MatrixXd weight_influence(const std::vector<int>& keepers, const std::vector<double>& pg,
                                 const std::vector<double>& keeper_group,
                                 const std::vector<double>& unit_group,
                                 const std::vector<double>& unit_weight) {
  const auto n = static_cast<Eigen::Index>(unit_group.size());
  const auto m = static_cast<Eigen::Index>(keepers.size());
  double spg = 0.0;
  for (int k : keepers) {
    spg += pg[static_cast<std::size_t>(k)];
  }
  Eigen::MatrixXd centered(n, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const auto k = static_cast<std::size_t>(keepers[static_cast<std::size_t>(j)]);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      centered(i, j) = (unit_group[ui] == keeper_group[k] ? unit_weight[ui] : 0.0) - pg[k];
    }
  }
  Eigen::MatrixXd out = centered / spg;
  const Eigen::VectorXd row_sums = centered.rowwise().sum();
  for (Eigen::Index j = 0; j < m; ++j) {
    const double pk = pg[static_cast<std::size_t>(keepers[static_cast<std::size_t>(j)])];
    out.col(j) -= row_sums * (pk / (spg * spg));
  }
  return out;
}

// Weighted combination of influence columns plus the weight-estimation term.
Eigen::VectorXd combine(const Eigen::MatrixXd& inf, const std::vector<double>& att,
                        const std::vector<int>& which, const std::vector<double>& weights,
                        const Eigen::MatrixXd* wif) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(inf.rows());
  for (std::size_t j = 0; j < which.size(); ++j) {
    out += inf.col(which[j]) * weights[j];
    if (wif != nullptr) {
      out += wif->col(static_cast<Eigen::Index>(j)) * att[static_cast<std::size_t>(which[j])];
    }
  }
  return out;
}

struct Collected {
  // Columns of influence functions to bootstrap, and where each result goes.
  std::vector<Eigen::VectorXd> columns;
  int add(Eigen::VectorXd v) {
    columns.push_back(std::move(v));
    return static_cast<int>(columns.size()) - 1;
  }
};

struct AggregationLayout {
  std::vector<int> detail_cols;  // one per label
  int overall_col = -1;
};

// The estimation sample shared by the panel and the long-data estimators: units (ids)
// kept, periods used, cohorts, per-unit group and weight, and clusters.
struct Sample {
  std::vector<double> tlist;
  std::vector<double> glist;
  std::vector<int> units;  // kept units (input indices)
  std::vector<double> unit_group, unit_weight;
  std::vector<int> cluster;  // per kept unit, 0..n_clusters-1
  int n_clusters = 0;
  bool has_never = false;
  double latest_g = 0.0;
};

Sample select_sample(const std::vector<double>& first_treated, const std::vector<double>& weights,
                     const std::vector<int>& cluster_in, const std::vector<double>& periods,
                     const StaggeredOptions& options, StaggeredResult& result) {
  const double delta = options.anticipation;
  Sample out;

  // ---- sample: drop units already treated in the first period ---------------------------
  std::vector<double> tlist = periods;
  std::vector<int> units;
  for (std::size_t i = 0; i < first_treated.size(); ++i) {
    const double g = first_treated[static_cast<std::size_t>(i)];
    if (g != 0.0 && g <= tlist.front() + delta) {
      result.dropped_units.push_back(static_cast<int>(i));
    } else {
      units.push_back(static_cast<int>(i));
    }
  }
  if (!result.dropped_units.empty()) {
    result.notes.push_back(std::to_string(result.dropped_units.size()) +
                           " units already treated in the first period " +
                           format_value(tlist.front()) + " were dropped (no pre-treatment period)");
  }
  bool has_never = false;
  double latest_g = 0.0;
  for (int i : units) {
    const double g = first_treated[static_cast<std::size_t>(i)];
    has_never = has_never || g == 0.0;
    latest_g = std::max(latest_g, g);
  }
  std::size_t n_periods = tlist.size();
  if (!has_never) {
    if (options.control_group == ControlGroup::kNeverTreated) {
      throw InvalidInput(
          "callaway_santanna: no never-treated units (first-treated period 0) are "
          "in the data; use control_group='not_yet_treated'");
    }
    // Not-yet-treated only: keep the periods before the last cohort starts (R did's rule);
    // the last cohort then serves only as a comparison group.
    while (n_periods > 0 && tlist[n_periods - 1] >= latest_g - delta) {
      --n_periods;
    }
    tlist.resize(n_periods);
    result.notes.push_back("no never-treated units: periods from " +
                           format_value(latest_g - delta) +
                           " on were dropped and the cohort first treated in " +
                           format_value(latest_g) + " serves only as a comparison group");
    if (n_periods < 2) {
      throw InvalidInput(
          "callaway_santanna: without never-treated units fewer than 2 periods "
          "remain before the last cohort is treated");
    }
  }
  const auto n = static_cast<Eigen::Index>(units.size());
  const auto nT = static_cast<Eigen::Index>(n_periods);
  std::vector<double> unit_group(static_cast<std::size_t>(n));
  std::vector<double> unit_weight(static_cast<std::size_t>(n), 1.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto raw = static_cast<std::size_t>(units[static_cast<std::size_t>(i)]);
    unit_group[static_cast<std::size_t>(i)] = first_treated[raw];
    if (!weights.empty()) {
      unit_weight[static_cast<std::size_t>(i)] = weights[raw];
    }
  }
  std::vector<double> glist;
  for (double g : unit_group) {
    if (g > 0 && g > tlist.front() + delta && (has_never || g < latest_g)) {
      glist.push_back(g);
    }
  }
  std::sort(glist.begin(), glist.end());
  glist.erase(std::unique(glist.begin(), glist.end()), glist.end());
  if (glist.empty()) {
    throw InvalidInput(
        "callaway_santanna: no treated cohort with a pre-treatment period; the "
        "first-treated column should hold the first treated period (0 = never)");
  }
  result.n_units = static_cast<int>(n);

  // Clusters (per unit) for inference.
  std::vector<int> cluster(static_cast<std::size_t>(n));
  int n_clusters = 0;
  {
    std::map<int, int> relabel;
    for (Eigen::Index i = 0; i < n; ++i) {
      const int raw =
          cluster_in.empty()
              ? static_cast<int>(i)
              : cluster_in[static_cast<std::size_t>(units[static_cast<std::size_t>(i)])];
      auto it = relabel.find(raw);
      if (it == relabel.end()) {
        it = relabel.emplace(raw, static_cast<int>(relabel.size())).first;
      }
      cluster[static_cast<std::size_t>(i)] = it->second;
    }
    n_clusters = static_cast<int>(relabel.size());
  }
  result.n_clusters = n_clusters;
  if (n_clusters < 2) {
    throw InvalidInput("callaway_santanna: at least 2 clusters are needed for inference");
  }

  out.tlist = std::move(tlist);
  out.glist = std::move(glist);
  out.units = std::move(units);
  out.unit_group = std::move(unit_group);
  out.unit_weight = std::move(unit_weight);
  out.cluster = std::move(cluster);
  out.n_clusters = n_clusters;
  out.has_never = has_never;
  out.latest_g = latest_g;
  (void)nT;
  return out;
}

}  // namespace

Eigen::MatrixXd multiplier_bootstrap(const Eigen::MatrixXd& cluster_sums, double n, int n_boot,
                                     MultiplierWeights weights, std::uint64_t seed,
                                     const ParallelOptions& parallel) {
  if (n_boot <= 0) {
    throw InvalidInput("bootstrap: n_boot must be positive, got " + std::to_string(n_boot));
  }
  if (!(n > 0.0)) {
    throw InvalidInput("bootstrap: n must be positive");
  }
  const Eigen::Index c = cluster_sums.rows();
  const Eigen::Index m = cluster_sums.cols();
  // Both weight schemes take two values, v = low + (high - low) * bit, so
  //   sum_c v_c S_c = low * sum_c S_c + (high - low) * sum_{c: bit_c = 1} S_c.
  // The second sum is read from tables of all 16 subset sums of each block of 4
  // clusters, indexed by the 4 bits of the block.
  const double sqrt5 = std::sqrt(5.0);
  const bool mammen = weights == MultiplierWeights::kMammen;
  // Mammen (1993): (1 - sqrt5)/2 with probability (1 + sqrt5)/(2 sqrt5), else (1 + sqrt5)/2;
  // mean 0, variance 1, third moment 1. Rademacher: -1 or +1 with probability 1/2.
  const double low = mammen ? 0.5 * (1.0 - sqrt5) : -1.0;
  const double high = mammen ? 0.5 * (1.0 + sqrt5) : 1.0;
  const double p_low = (1.0 + sqrt5) / (2.0 * sqrt5);
  // bit = 1 (the high value) when a 32-bit uniform integer u >= threshold.
  const auto threshold = static_cast<std::uint32_t>(p_low * 4294967296.0);
  const Eigen::Index blocks = (c + 3) / 4;
  // The subset-sum tables take 16 * m doubles per block; above 64 MB (very many clusters)
  // the rows are added one by one instead (same draws, slower).
  const bool use_table = blocks * 16 * m <= 8'000'000;
  const Eigen::MatrixXd rows_t =
      use_table ? Eigen::MatrixXd() : Eigen::MatrixXd(cluster_sums.transpose());
  std::vector<double> table(use_table ? static_cast<std::size_t>(blocks * 16 * m) : 0, 0.0);
  for (Eigen::Index blk = 0; use_table && blk < blocks; ++blk) {
    for (int mask = 1; mask < 16; ++mask) {
      double* out = &table[static_cast<std::size_t>((blk * 16 + mask) * m)];
      const int low_bit = mask & (-mask);
      const int rest = mask ^ low_bit;
      int r = 0;
      while ((1 << r) != low_bit) {
        ++r;
      }
      const Eigen::Index row = blk * 4 + r;
      const double* prev = &table[static_cast<std::size_t>((blk * 16 + rest) * m)];
      for (Eigen::Index j = 0; j < m; ++j) {
        out[j] = prev[j] + (row < c ? cluster_sums(row, j) : 0.0);
      }
    }
  }
  const Eigen::RowVectorXd total = cluster_sums.colwise().sum();
  Eigen::MatrixXd draws(n_boot, m);
  // Cache tiling: a task runs a batch of kBlock replicates together (one Philox stream
  // and one accumulator each) and walks the clusters in tiles whose subset-sum tables
  // (16 rows of m values per block of 4 clusters) fit in about 256 KB, so each tile
  // is read from cache by every replicate of the batch instead of from memory. Every
  // replicate still consumes its own stream in cluster order: the draws are those of a
  // replicate-by-replicate loop, for any tile size and thread count.
  constexpr int kBlock = 64;  // replicates per task
  const int tasks = (n_boot + kBlock - 1) / kBlock;
  const std::uint32_t t_bytes[4] = {threshold >> 24, (threshold >> 16) & 0xffu,
                                    (threshold >> 8) & 0xffu, threshold & 0xffu};
  const Eigen::Index tile_blocks = std::max<Eigen::Index>(
      1, static_cast<Eigen::Index>(32768 / std::max<Eigen::Index>(1, 16 * m)));
  parallel_for(
      static_cast<std::size_t>(tasks),
      [&](std::size_t task) {
        const int first = static_cast<int>(task) * kBlock;
        const int last = std::min(n_boot, first + kBlock);
        const int batch = last - first;
        std::vector<Philox> rngs;
        rngs.reserve(static_cast<std::size_t>(batch));
        for (int b = first; b < last; ++b) {
          rngs.emplace_back(seed, static_cast<std::uint64_t>(b));
        }
        std::vector<std::uint32_t> rademacher_word(static_cast<std::size_t>(batch), 0);
        std::vector<double> acc(static_cast<std::size_t>(batch * m), 0.0);
        for (Eigen::Index tile = 0; tile < blocks; tile += tile_blocks) {
          const Eigen::Index tile_end = std::min(blocks, tile + tile_blocks);
          for (int r_b = 0; r_b < batch; ++r_b) {
            Philox& rng = rngs[static_cast<std::size_t>(r_b)];
            double* out = &acc[static_cast<std::size_t>(r_b * m)];
            for (Eigen::Index blk = tile; blk < tile_end; ++blk) {
              int mask = 0;
              if (mammen) {
                // One 32-bit draw gives the leading bytes of four uniform 32-bit integers;
                // each is compared with the threshold byte by byte, most significant first,
                // drawing the further bytes only on a tie (probability 1/256). Exact.
                const std::uint32_t word = rng();
                for (int r = 0; r < 4; ++r) {
                  const std::uint32_t lead = (word >> (8 * r)) & 0xffu;
                  int bit = lead > t_bytes[0] ? 1 : 0;
                  if (lead == t_bytes[0]) {
                    const std::uint32_t more = rng();
                    bit = 1;  // equal in all bytes: u == threshold, not below it
                    for (int k = 1; k < 4; ++k) {
                      const std::uint32_t byte = (more >> (8 * (k - 1))) & 0xffu;
                      if (byte != t_bytes[k]) {
                        bit = byte > t_bytes[k] ? 1 : 0;
                        break;
                      }
                    }
                  }
                  mask |= bit << r;
                }
              } else {
                std::uint32_t& word = rademacher_word[static_cast<std::size_t>(r_b)];
                if ((blk & 7) == 0) {
                  word = rng();
                }
                mask = static_cast<int>((word >> (4 * (blk & 7))) & 0xfu);
              }
              if (mask == 0) {
                continue;
              }
              if (use_table) {
                // Eigen maps: no aliasing assumed, so the row addition is vectorised.
                Eigen::Map<Eigen::ArrayXd>(out, m) += Eigen::Map<const Eigen::ArrayXd>(
                    &table[static_cast<std::size_t>((blk * 16 + mask) * m)], m);
              } else {
                for (int r = 0; r < 4; ++r) {
                  const Eigen::Index row = blk * 4 + r;
                  if ((mask >> r & 1) != 0 && row < c) {
                    const double* col = rows_t.col(row).data();
                    for (Eigen::Index j = 0; j < m; ++j) {
                      out[j] += col[j];
                    }
                  }
                }
              }
            }
          }
        }
        for (int r_b = 0; r_b < batch; ++r_b) {
          const double* out = &acc[static_cast<std::size_t>(r_b * m)];
          for (Eigen::Index j = 0; j < m; ++j) {
            draws(first + r_b, j) = (low * total(j) + (high - low) * out[j]) / n;
          }
        }
      },
      parallel);
  return draws;
}

namespace {

// Aggregations, analytic and bootstrap inference and the pre-test, from the ATT(g,t)
// table in result.att_gt and their influence functions (n units x cells).
void finish_estimation(StaggeredResult& result, const Eigen::MatrixXd& inf, const Sample& sample,
                       const StaggeredOptions& options) {
  const std::vector<double>& tlist = sample.tlist;
  const std::vector<double>& glist = sample.glist;
  const std::vector<double>& unit_group = sample.unit_group;
  const std::vector<double>& unit_weight = sample.unit_weight;
  const std::vector<int>& cluster = sample.cluster;
  const int n_clusters = sample.n_clusters;
  const auto n = static_cast<Eigen::Index>(sample.units.size());
  const auto nT = static_cast<Eigen::Index>(tlist.size());
  AttGtTable& tab = result.att_gt;
  const auto n_cells = static_cast<Eigen::Index>(tab.att.size());
  // ---- aggregations ---------------------------------------------------------------------
  std::vector<double> pg_of_group(glist.size());
  for (std::size_t k = 0; k < glist.size(); ++k) {
    double count = 0;
    for (std::size_t i = 0; i < unit_group.size(); ++i) {
      count += unit_group[i] == glist[k] ? unit_weight[i] : 0.0;
    }
    pg_of_group[k] = count / static_cast<double>(n);
  }
  std::vector<double> pg(static_cast<std::size_t>(n_cells));
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    const auto it =
        std::lower_bound(glist.begin(), glist.end(), tab.group[static_cast<std::size_t>(j)]);
    pg[static_cast<std::size_t>(j)] = pg_of_group[static_cast<std::size_t>(it - glist.begin())];
  }
  const std::vector<double>& cell_group = tab.group;
  auto weights_for = [&](const std::vector<int>& which) {
    double s = 0.0;
    for (int j : which) {
      s += pg[static_cast<std::size_t>(j)];
    }
    std::vector<double> w;
    for (int j : which) {
      w.push_back(pg[static_cast<std::size_t>(j)] / s);
    }
    return w;
  };
  auto weighted_att = [&](const std::vector<int>& which, const std::vector<double>& w) {
    double a = 0.0;
    for (std::size_t j = 0; j < which.size(); ++j) {
      a += w[j] * tab.att[static_cast<std::size_t>(which[j])];
    }
    return a;
  };

  Collected collect;
  std::vector<int> cell_cols;
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    cell_cols.push_back(collect.add(inf.col(j)));
  }
  std::vector<int> post_keepers;
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    const double g = tab.group[static_cast<std::size_t>(j)];
    const double t = tab.time[static_cast<std::size_t>(j)];
    if (g <= t && t <= g + options.max_e) {
      post_keepers.push_back(static_cast<int>(j));
    }
  }
  if (post_keepers.empty()) {
    throw InvalidInput(
        "callaway_santanna: no post-treatment (g,t) cell to aggregate; every cohort "
        "is first treated after the last period");
  }

  // simple
  AggregationLayout lay_simple;
  {
    Aggregation& a = result.simple;
    a.type = "simple";
    const auto w = weights_for(post_keepers);
    a.overall_att = weighted_att(post_keepers, w);
    const Eigen::MatrixXd wif =
        weight_influence(post_keepers, pg, cell_group, unit_group, unit_weight);
    lay_simple.overall_col = collect.add(combine(inf, tab.att, post_keepers, w, &wif));
  }
  // group
  AggregationLayout lay_group;
  {
    Aggregation& a = result.group;
    a.type = "group";
    std::vector<double> att_g;
    std::vector<Eigen::VectorXd> inf_g;
    std::vector<double> used_groups, used_pg;
    for (std::size_t k = 0; k < glist.size(); ++k) {
      std::vector<int> which;
      for (int j : post_keepers) {
        if (tab.group[static_cast<std::size_t>(j)] == glist[k]) {
          which.push_back(j);
        }
      }
      if (which.empty()) {
        continue;
      }
      const std::vector<double> w(which.size(), 1.0 / static_cast<double>(which.size()));
      att_g.push_back(weighted_att(which, w));
      inf_g.push_back(combine(inf, tab.att, which, w, nullptr));
      used_groups.push_back(glist[k]);
      used_pg.push_back(pg_of_group[k]);
    }
    a.label = used_groups;
    a.att = att_g;
    for (auto& v : inf_g) {
      lay_group.detail_cols.push_back(collect.add(v));
    }
    double spg = 0.0;
    for (double p : used_pg) {
      spg += p;
    }
    std::vector<int> all(used_groups.size());
    std::vector<double> w(used_groups.size());
    Eigen::MatrixXd gi_mat(n, static_cast<Eigen::Index>(used_groups.size()));
    for (std::size_t k = 0; k < used_groups.size(); ++k) {
      all[k] = static_cast<int>(k);
      w[k] = used_pg[k] / spg;
      gi_mat.col(static_cast<Eigen::Index>(k)) = inf_g[k];
    }
    a.overall_att = 0.0;
    for (std::size_t k = 0; k < used_groups.size(); ++k) {
      a.overall_att += w[k] * att_g[k];
    }
    const Eigen::MatrixXd wif =
        weight_influence(all, used_pg, used_groups, unit_group, unit_weight);
    lay_group.overall_col = collect.add(combine(gi_mat, att_g, all, w, &wif));
  }
  // dynamic (event time)
  AggregationLayout lay_dynamic;
  {
    Aggregation& a = result.dynamic;
    a.type = "dynamic";
    const double t_max = tlist.back();
    const double t_min = tlist.front();
    std::vector<char> include(static_cast<std::size_t>(n_cells), 1);
    std::vector<double> eseq;
    for (Eigen::Index j = 0; j < n_cells; ++j) {
      const double g = tab.group[static_cast<std::size_t>(j)];
      if (options.balance_e >= 0 && !(t_max - g >= options.balance_e)) {
        include[static_cast<std::size_t>(j)] = 0;
        continue;
      }
      eseq.push_back(tab.time[static_cast<std::size_t>(j)] - g);
    }
    std::sort(eseq.begin(), eseq.end());
    eseq.erase(std::unique(eseq.begin(), eseq.end()), eseq.end());
    std::vector<double> kept_e;
    for (double e : eseq) {
      if (options.balance_e >= 0 &&
          !(e <= options.balance_e && e >= options.balance_e - t_max + t_min)) {
        continue;
      }
      if (e >= options.min_e && e <= options.max_e) {
        kept_e.push_back(e);
      }
    }
    if (kept_e.empty()) {
      throw InvalidInput("callaway_santanna: no event time falls within min_e/max_e/balance_e");
    }
    std::vector<Eigen::VectorXd> inf_e;
    std::vector<double> att_e;
    for (double e : kept_e) {
      std::vector<int> which;
      for (Eigen::Index j = 0; j < n_cells; ++j) {
        if (include[static_cast<std::size_t>(j)] != 0 &&
            tab.time[static_cast<std::size_t>(j)] - tab.group[static_cast<std::size_t>(j)] == e) {
          which.push_back(static_cast<int>(j));
        }
      }
      const auto w = weights_for(which);
      att_e.push_back(weighted_att(which, w));
      const Eigen::MatrixXd wif = weight_influence(which, pg, cell_group, unit_group, unit_weight);
      inf_e.push_back(combine(inf, tab.att, which, w, &wif));
    }
    a.label = kept_e;
    a.att = att_e;
    Eigen::VectorXd overall_if = Eigen::VectorXd::Zero(n);
    int n_pos = 0;
    double overall = 0.0;
    for (std::size_t k = 0; k < kept_e.size(); ++k) {
      lay_dynamic.detail_cols.push_back(collect.add(inf_e[k]));
      if (kept_e[k] >= 0) {
        overall += att_e[k];
        overall_if += inf_e[k];
        ++n_pos;
      }
    }
    if (n_pos > 0) {
      a.overall_att = overall / n_pos;
      lay_dynamic.overall_col = collect.add(overall_if / n_pos);
    } else {
      a.overall_att = kNan;
    }
  }
  // calendar
  AggregationLayout lay_calendar;
  {
    Aggregation& a = result.calendar;
    a.type = "calendar";
    std::vector<double> att_t;
    std::vector<Eigen::VectorXd> inf_t;
    for (Eigen::Index tc = 0; tc < nT; ++tc) {
      const double t1 = tlist[static_cast<std::size_t>(tc)];
      if (t1 < glist.front()) {
        continue;
      }
      std::vector<int> which;
      for (Eigen::Index j = 0; j < n_cells; ++j) {
        if (tab.time[static_cast<std::size_t>(j)] == t1 &&
            tab.group[static_cast<std::size_t>(j)] <= t1) {
          which.push_back(static_cast<int>(j));
        }
      }
      if (which.empty()) {
        continue;
      }
      const auto w = weights_for(which);
      att_t.push_back(weighted_att(which, w));
      const Eigen::MatrixXd wif = weight_influence(which, pg, cell_group, unit_group, unit_weight);
      inf_t.push_back(combine(inf, tab.att, which, w, &wif));
      a.label.push_back(t1);
    }
    a.att = att_t;
    Eigen::VectorXd overall_if = Eigen::VectorXd::Zero(n);
    double overall = 0.0;
    for (std::size_t k = 0; k < att_t.size(); ++k) {
      lay_calendar.detail_cols.push_back(collect.add(inf_t[k]));
      overall += att_t[k];
      overall_if += inf_t[k];
    }
    const auto nt = static_cast<double>(att_t.size());
    a.overall_att = overall / nt;
    lay_calendar.overall_col = collect.add(overall_if / nt);
  }

  // ---- inference -----------------------------------------------------------------------
  const auto m = static_cast<Eigen::Index>(collect.columns.size());
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(n_clusters, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const Eigen::VectorXd& col = collect.columns[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < n; ++i) {
      sums(cluster[static_cast<std::size_t>(i)], j) += col(i);
    }
  }
  const double dn = static_cast<double>(n);
  const double tiny = std::sqrt(std::numeric_limits<double>::epsilon()) * 10.0;
  std::vector<double> se_analytic(static_cast<std::size_t>(m));
  for (Eigen::Index j = 0; j < m; ++j) {
    const double s = sums.col(j).norm() / dn;
    se_analytic[static_cast<std::size_t>(j)] = s * std::sqrt(dn) <= tiny ? kNan : s;
  }
  std::vector<double> se = se_analytic;
  const double z = normal_quantile(1.0 - options.alpha / 2.0);
  Eigen::MatrixXd draws;
  if (options.n_boot > 0) {
    draws = multiplier_bootstrap(sums, dn, options.n_boot, options.weights, options.seed,
                                 options.parallel);
    const double iqr_norm = normal_quantile(0.75) - normal_quantile(0.25);
    for (Eigen::Index j = 0; j < m; ++j) {
      if (std::isnan(se_analytic[static_cast<std::size_t>(j)])) {
        se[static_cast<std::size_t>(j)] = kNan;
        continue;
      }
      std::vector<double> col(draws.col(j).data(), draws.col(j).data() + draws.rows());
      const double q75 = quantile_type1(col, 0.75);
      const double q25 = quantile_type1(col, 0.25);
      const double s = (q75 - q25) / iqr_norm;
      se[static_cast<std::size_t>(j)] = s * std::sqrt(dn) <= tiny ? kNan : s;
    }
    result.n_boot = options.n_boot;
  }
  // sup-t critical value over a family of columns
  auto critical_value = [&](const std::vector<int>& family) {
    if (options.n_boot <= 0 || family.size() < 2) {
      return z;
    }
    std::vector<double> sup(static_cast<std::size_t>(draws.rows()), 0.0);
    bool any = false;
    for (int j : family) {
      const double s = se[static_cast<std::size_t>(j)];
      if (std::isnan(s)) {
        continue;
      }
      any = true;
      for (Eigen::Index b = 0; b < draws.rows(); ++b) {
        sup[static_cast<std::size_t>(b)] =
            std::max(sup[static_cast<std::size_t>(b)], std::fabs(draws(b, j)) / s);
      }
    }
    if (!any) {
      return z;
    }
    const double c = quantile_type1(sup, 1.0 - options.alpha);
    return std::max(c, z);
  };
  auto fill = [&](Aggregation& a, const AggregationLayout& lay) {
    for (int j : lay.detail_cols) {
      a.se.push_back(se[static_cast<std::size_t>(j)]);
      a.se_analytic.push_back(se_analytic[static_cast<std::size_t>(j)]);
    }
    if (lay.overall_col >= 0) {
      a.overall_se = se[static_cast<std::size_t>(lay.overall_col)];
      a.overall_se_analytic = se_analytic[static_cast<std::size_t>(lay.overall_col)];
    } else {
      a.overall_se = a.overall_se_analytic = kNan;
    }
    a.crit_value = lay.detail_cols.empty() ? z : critical_value(lay.detail_cols);
  };
  for (int j : cell_cols) {
    tab.se.push_back(se[static_cast<std::size_t>(j)]);
    tab.se_analytic.push_back(se_analytic[static_cast<std::size_t>(j)]);
  }
  tab.crit_value = critical_value(cell_cols);
  fill(result.simple, lay_simple);
  fill(result.group, lay_group);
  fill(result.dynamic, lay_dynamic);
  fill(result.calendar, lay_calendar);

  // ---- Wald pre-test of parallel trends (analytic covariance, as R did) ----------------
  std::vector<int> pre;
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    if (tab.group[static_cast<std::size_t>(j)] > tab.time[static_cast<std::size_t>(j)] &&
        !std::isnan(se_analytic[static_cast<std::size_t>(j)])) {
      pre.push_back(static_cast<int>(j));
    }
  }
  if (!pre.empty()) {
    const auto q = static_cast<Eigen::Index>(pre.size());
    Eigen::MatrixXd s_pre(n_clusters, q);
    Eigen::VectorXd a_pre(q);
    for (Eigen::Index k = 0; k < q; ++k) {
      s_pre.col(k) = sums.col(pre[static_cast<std::size_t>(k)]);
      a_pre(k) = tab.att[static_cast<std::size_t>(pre[static_cast<std::size_t>(k)])];
    }
    const Eigen::MatrixXd v = s_pre.transpose() * s_pre / (dn * dn);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(v);
    if (lu.rank() == q) {
      result.pretest_statistic = a_pre.dot(lu.solve(a_pre));
      result.pretest_df = static_cast<int>(q);
      result.pretest_p_value = chi2_sf(result.pretest_statistic, static_cast<double>(q));
    } else {
      result.notes.push_back(
          "pre-test not reported: the covariance of the pre-treatment ATT(g,t) is singular");
    }
  } else {
    result.notes.push_back("pre-test not reported: there is no pre-treatment ATT(g,t)");
  }
  result.influence = inf;
}

}  // namespace

StaggeredResult callaway_santanna(const StaggeredPanel& panel, const StaggeredOptions& options) {
  const Eigen::Index n_all = panel.outcome.rows();
  const auto n_periods_all = static_cast<Eigen::Index>(panel.periods.size());
  if (n_all == 0 || n_periods_all == 0) {
    throw InvalidInput("callaway_santanna: the panel is empty");
  }
  if (panel.outcome.cols() != n_periods_all) {
    throw InvalidInput("callaway_santanna: outcome has " + std::to_string(panel.outcome.cols()) +
                       " columns but " + std::to_string(n_periods_all) + " periods are given");
  }
  if (n_periods_all < 2) {
    throw InvalidInput("callaway_santanna: at least 2 periods are needed, got " +
                       std::to_string(n_periods_all));
  }
  for (Eigen::Index t = 1; t < n_periods_all; ++t) {
    if (!(panel.periods[static_cast<std::size_t>(t)] >
          panel.periods[static_cast<std::size_t>(t - 1)])) {
      throw InvalidInput("callaway_santanna: periods must increase strictly; period " +
                         format_value(panel.periods[static_cast<std::size_t>(t)]) + " follows " +
                         format_value(panel.periods[static_cast<std::size_t>(t - 1)]));
    }
  }
  if (static_cast<Eigen::Index>(panel.first_treated.size()) != n_all) {
    throw InvalidInput("callaway_santanna: first_treated has " +
                       std::to_string(panel.first_treated.size()) + " entries for " +
                       std::to_string(n_all) + " units");
  }
  if (!panel.cluster.empty() && static_cast<Eigen::Index>(panel.cluster.size()) != n_all) {
    throw InvalidInput("callaway_santanna: cluster has " + std::to_string(panel.cluster.size()) +
                       " entries for " + std::to_string(n_all) + " units");
  }
  if (!panel.weights.empty()) {
    if (static_cast<Eigen::Index>(panel.weights.size()) != n_all) {
      throw InvalidInput("callaway_santanna: weights has " + std::to_string(panel.weights.size()) +
                         " entries for " + std::to_string(n_all) + " units");
    }
    for (std::size_t i = 0; i < panel.weights.size(); ++i) {
      if (!(panel.weights[i] >= 0.0) || !std::isfinite(panel.weights[i])) {
        throw InvalidInput("callaway_santanna: weight of unit " + std::to_string(i) + " is " +
                           format_value(panel.weights[i]) +
                           "; weights must be finite and non-negative");
      }
    }
  }
  if (!panel.covariates.empty() &&
      static_cast<Eigen::Index>(panel.covariates.size()) != n_periods_all) {
    throw InvalidInput("callaway_santanna: covariates are given for " +
                       std::to_string(panel.covariates.size()) + " periods, expected " +
                       std::to_string(n_periods_all));
  }
  const Eigen::Index k_cov = panel.covariates.empty() ? 0 : panel.covariates.front().cols();
  for (std::size_t t = 0; t < panel.covariates.size(); ++t) {
    if (panel.covariates[t].rows() != n_all || panel.covariates[t].cols() != k_cov) {
      throw InvalidInput("callaway_santanna: covariate matrix of period " +
                         format_value(panel.periods[t]) + " is " +
                         std::to_string(panel.covariates[t].rows()) + "x" +
                         std::to_string(panel.covariates[t].cols()) + ", expected " +
                         std::to_string(n_all) + "x" + std::to_string(k_cov));
    }
    if (!panel.covariates[t].allFinite()) {
      throw InvalidInput("callaway_santanna: a covariate in period " +
                         format_value(panel.periods[t]) + " is missing or not finite");
    }
  }
  for (Eigen::Index i = 0; i < n_all; ++i) {
    const double g = panel.first_treated[static_cast<std::size_t>(i)];
    if (!(g >= 0.0) || !std::isfinite(g)) {
      throw InvalidInput("callaway_santanna: first-treated period of unit " + std::to_string(i) +
                         " is " + format_value(g) + "; use 0 for never-treated units");
    }
    for (Eigen::Index t = 0; t < n_periods_all; ++t) {
      if (!std::isfinite(panel.outcome(i, t))) {
        throw InvalidInput(
            "callaway_santanna: outcome of unit " + std::to_string(i) + " in period " +
            format_value(panel.periods[static_cast<std::size_t>(t)]) + " is missing or not finite");
      }
    }
  }
  if (options.anticipation < 0) {
    throw InvalidInput("callaway_santanna: anticipation must be >= 0, got " +
                       std::to_string(options.anticipation));
  }
  if (!(options.alpha > 0.0 && options.alpha < 1.0)) {
    throw InvalidInput("callaway_santanna: alpha must lie in (0, 1), got " +
                       format_value(options.alpha));
  }
  if (options.n_boot < 0) {
    throw InvalidInput("callaway_santanna: n_boot must be >= 0, got " +
                       std::to_string(options.n_boot));
  }

  StaggeredResult result;
  const double delta = options.anticipation;
  const Sample sample = select_sample(panel.first_treated, panel.weights, panel.cluster,
                                      panel.periods, options, result);
  const std::vector<double>& tlist = sample.tlist;
  const std::vector<double>& glist = sample.glist;
  const std::vector<int>& units = sample.units;
  const std::vector<double>& unit_group = sample.unit_group;
  const std::vector<double>& unit_weight = sample.unit_weight;
  const auto n = static_cast<Eigen::Index>(units.size());
  const auto nT = static_cast<Eigen::Index>(tlist.size());
  result.n_units = static_cast<int>(n);
  result.n_clusters = sample.n_clusters;

  // ---- ATT(g,t) -------------------------------------------------------------------------
  const bool universal = options.base_period == BasePeriod::kUniversal;
  const bool never = options.control_group == ControlGroup::kNeverTreated;
  std::vector<Eigen::VectorXd> inf_cols;
  AttGtTable& tab = result.att_gt;
  for (double g : glist) {
    // last period index with period + delta < g
    int pret_g = -1;
    for (Eigen::Index t = 0; t < nT; ++t) {
      if (tlist[static_cast<std::size_t>(t)] + delta < g) {
        pret_g = static_cast<int>(t);
      }
    }
    if (pret_g < 0) {
      continue;
    }
    const Eigen::Index t_first = universal ? 0 : 1;
    for (Eigen::Index tc = t_first; tc < nT; ++tc) {
      const double current = tlist[static_cast<std::size_t>(tc)];
      const bool post = g <= current;
      int base = universal ? pret_g : static_cast<int>(tc) - 1;
      if (post) {
        base = pret_g;
      }
      tab.group.push_back(g);
      tab.time.push_back(current);
      tab.base_time.push_back(tlist[static_cast<std::size_t>(base)]);
      tab.post.push_back(post ? 1 : 0);
      if (universal && base == static_cast<int>(tc)) {
        // reference period of the universal base: zero by construction
        tab.att.push_back(0.0);
        tab.n_treated.push_back(0);
        tab.n_control.push_back(0);
        inf_cols.emplace_back(Eigen::VectorXd::Zero(n));
        continue;
      }
      const double threshold = std::max(current, tlist[static_cast<std::size_t>(base)]) + delta;
      std::vector<Eigen::Index> kept;
      std::vector<double> treated;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double gi = unit_group[static_cast<std::size_t>(i)];
        const bool is_treated = gi == g;
        const bool is_control = never ? gi == 0.0 : (gi == 0.0 || (gi > threshold && gi != g));
        if (is_treated || is_control) {
          kept.push_back(i);
          treated.push_back(is_treated ? 1.0 : 0.0);
        }
      }
      const auto n1 = static_cast<Eigen::Index>(kept.size());
      int n_t = 0;
      for (double d : treated) {
        n_t += d > 0.5 ? 1 : 0;
      }
      if (n_t == 0 || n_t == n1) {
        throw InvalidInput("callaway_santanna: no comparison units for group " + format_value(g) +
                           " in period " + format_value(current) +
                           (never ? "" : " (no unit is untreated by then)"));
      }
      const Eigen::Index earlier = std::min<Eigen::Index>(tc, base);
      Eigen::VectorXd dy(n1);
      Eigen::VectorXd d(n1);
      Eigen::VectorXd cell_weights;
      if (!panel.weights.empty()) {
        cell_weights.resize(n1);
        for (Eigen::Index r = 0; r < n1; ++r) {
          cell_weights(r) =
              unit_weight[static_cast<std::size_t>(kept[static_cast<std::size_t>(r)])];
        }
      }
      Eigen::MatrixXd x(n1, 1 + k_cov);
      for (Eigen::Index r = 0; r < n1; ++r) {
        const Eigen::Index unit =
            units[static_cast<std::size_t>(kept[static_cast<std::size_t>(r)])];
        dy(r) = panel.outcome(unit, tc) - panel.outcome(unit, base);
        d(r) = treated[static_cast<std::size_t>(r)];
        x(r, 0) = 1.0;
        if (k_cov > 0) {
          x.row(r).tail(k_cov) = panel.covariates[static_cast<std::size_t>(earlier)].row(unit);
        }
      }
      TwoByTwoCell cell;
      try {
        cell = panel_did_2x2(dy, d, x, options.method, cell_weights);
      } catch (const NumericalError& error) {
        throw NumericalError("callaway_santanna: ATT(g,t) for group " + format_value(g) +
                             ", period " + format_value(current) + ": " + error.what());
      }
      tab.att.push_back(cell.att);
      tab.n_treated.push_back(n_t);
      tab.n_control.push_back(static_cast<int>(n1) - n_t);
      Eigen::VectorXd full = Eigen::VectorXd::Zero(n);
      const double scale = static_cast<double>(n) / static_cast<double>(n1);
      for (Eigen::Index r = 0; r < n1; ++r) {
        full(kept[static_cast<std::size_t>(r)]) = scale * cell.influence(r);
      }
      inf_cols.push_back(std::move(full));
    }
  }

  const auto n_cells = static_cast<Eigen::Index>(tab.att.size());
  Eigen::MatrixXd inf(n, n_cells);
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    inf.col(j) = inf_cols[static_cast<std::size_t>(j)];
  }
  finish_estimation(result, inf, sample, options);
  return result;
}

StaggeredResult callaway_santanna_long(const StaggeredLongData& data,
                                       const StaggeredOptions& options) {
  const Eigen::Index n_obs = data.outcome.size();
  const auto n_ids = static_cast<Eigen::Index>(data.first_treated.size());
  const auto n_periods_all = static_cast<int>(data.periods.size());
  if (n_obs == 0 || n_ids == 0 || n_periods_all == 0) {
    throw InvalidInput("callaway_santanna: the data are empty");
  }
  if (n_periods_all < 2) {
    throw InvalidInput("callaway_santanna: at least 2 periods are needed, got " +
                       std::to_string(n_periods_all));
  }
  for (int t = 1; t < n_periods_all; ++t) {
    if (!(data.periods[static_cast<std::size_t>(t)] >
          data.periods[static_cast<std::size_t>(t - 1)])) {
      throw InvalidInput("callaway_santanna: periods must increase strictly; period " +
                         format_value(data.periods[static_cast<std::size_t>(t)]) + " follows " +
                         format_value(data.periods[static_cast<std::size_t>(t - 1)]));
    }
  }
  const auto n_rows = static_cast<std::size_t>(n_obs);
  if (data.period.size() != n_rows || data.id.size() != n_rows) {
    throw InvalidInput("callaway_santanna: outcome, period and id differ in length");
  }
  if (!data.weights.empty() && data.weights.size() != n_rows) {
    throw InvalidInput("callaway_santanna: weights has " + std::to_string(data.weights.size()) +
                       " entries for " + std::to_string(n_rows) + " observations");
  }
  if (!data.cluster.empty() && static_cast<Eigen::Index>(data.cluster.size()) != n_ids) {
    throw InvalidInput("callaway_santanna: cluster has " + std::to_string(data.cluster.size()) +
                       " entries for " + std::to_string(n_ids) + " ids");
  }
  const Eigen::Index k_cov = data.covariates.rows() == n_obs ? data.covariates.cols() : 0;
  if (data.covariates.size() != 0 && data.covariates.rows() != n_obs) {
    throw InvalidInput("callaway_santanna: covariates have " +
                       std::to_string(data.covariates.rows()) + " rows for " +
                       std::to_string(n_obs) + " observations");
  }
  std::vector<double> id_weight_sum(static_cast<std::size_t>(n_ids), 0.0);
  std::vector<int> id_count(static_cast<std::size_t>(n_ids), 0);
  for (std::size_t r = 0; r < n_rows; ++r) {
    const int t = data.period[r];
    const int i = data.id[r];
    if (t < 0 || t >= n_periods_all || i < 0 || i >= n_ids) {
      throw InvalidInput("callaway_santanna: observation " + std::to_string(r) +
                         " has a period or id index out of range");
    }
    if (!std::isfinite(data.outcome(static_cast<Eigen::Index>(r)))) {
      throw InvalidInput("callaway_santanna: outcome of observation " + std::to_string(r) +
                         " in period " + format_value(data.periods[static_cast<std::size_t>(t)]) +
                         " is missing or not finite");
    }
    const double wr = data.weights.empty() ? 1.0 : data.weights[r];
    if (!(wr >= 0.0) || !std::isfinite(wr)) {
      throw InvalidInput("callaway_santanna: weight of observation " + std::to_string(r) + " is " +
                         format_value(wr) + "; weights must be finite and non-negative");
    }
    id_weight_sum[static_cast<std::size_t>(i)] += wr;
    id_count[static_cast<std::size_t>(i)] += 1;
  }
  if (k_cov > 0 && !data.covariates.allFinite()) {
    throw InvalidInput("callaway_santanna: a covariate is missing or not finite");
  }
  std::vector<double> id_weight(static_cast<std::size_t>(n_ids), 1.0);
  for (Eigen::Index i = 0; i < n_ids; ++i) {
    const double g = data.first_treated[static_cast<std::size_t>(i)];
    if (!(g >= 0.0) || !std::isfinite(g)) {
      throw InvalidInput("callaway_santanna: first-treated period of id " + std::to_string(i) +
                         " is " + format_value(g) + "; use 0 for never-treated units");
    }
    if (id_count[static_cast<std::size_t>(i)] == 0) {
      throw InvalidInput("callaway_santanna: id " + std::to_string(i) + " has no observation");
    }
    id_weight[static_cast<std::size_t>(i)] =
        id_weight_sum[static_cast<std::size_t>(i)] / id_count[static_cast<std::size_t>(i)];
  }
  if (options.anticipation < 0 || !(options.alpha > 0.0 && options.alpha < 1.0) ||
      options.n_boot < 0) {
    throw InvalidInput(
        "callaway_santanna: anticipation and n_boot must be >= 0 and alpha in (0, 1)");
  }
  if (options.method == EstMethod::kDoublyRobustImproved) {
    throw InvalidInput(
        "callaway_santanna: method 'dr_improved' is available for balanced panels only; "
        "use 'dr', 'reg' or 'ipw' with repeated cross-sections or unbalanced panels");
  }

  StaggeredResult result;
  const double delta = options.anticipation;
  const Sample sample =
      select_sample(data.first_treated, data.weights.empty() ? std::vector<double>() : id_weight,
                    data.cluster, data.periods, options, result);
  const std::vector<double>& tlist = sample.tlist;
  const auto n = static_cast<Eigen::Index>(sample.units.size());
  const auto nT = static_cast<Eigen::Index>(tlist.size());
  result.n_units = static_cast<int>(n);
  result.n_clusters = sample.n_clusters;
  // Kept-id position of every input id (-1: dropped).
  std::vector<int> position(static_cast<std::size_t>(n_ids), -1);
  for (Eigen::Index k = 0; k < n; ++k) {
    position[static_cast<std::size_t>(sample.units[static_cast<std::size_t>(k)])] =
        static_cast<int>(k);
  }
  // Observations of every used period (periods dropped for lack of never-treated units are
  // past the end of tlist), restricted to kept ids.
  std::vector<std::vector<int>> rows_of(static_cast<std::size_t>(nT));
  for (std::size_t r = 0; r < n_rows; ++r) {
    const int t = data.period[r];
    if (t < nT && position[static_cast<std::size_t>(data.id[r])] >= 0) {
      rows_of[static_cast<std::size_t>(t)].push_back(static_cast<int>(r));
    }
  }

  const bool universal = options.base_period == BasePeriod::kUniversal;
  const bool never = options.control_group == ControlGroup::kNeverTreated;
  std::vector<Eigen::VectorXd> inf_cols;
  AttGtTable& tab = result.att_gt;
  for (double g : sample.glist) {
    int pret_g = -1;
    for (Eigen::Index t = 0; t < nT; ++t) {
      if (tlist[static_cast<std::size_t>(t)] + delta < g) {
        pret_g = static_cast<int>(t);
      }
    }
    if (pret_g < 0) {
      continue;
    }
    const Eigen::Index t_first = universal ? 0 : 1;
    for (Eigen::Index tc = t_first; tc < nT; ++tc) {
      const double current = tlist[static_cast<std::size_t>(tc)];
      const bool is_post = g <= current;
      int base = universal ? pret_g : static_cast<int>(tc) - 1;
      if (is_post) {
        base = pret_g;
      }
      tab.group.push_back(g);
      tab.time.push_back(current);
      tab.base_time.push_back(tlist[static_cast<std::size_t>(base)]);
      tab.post.push_back(is_post ? 1 : 0);
      if (universal && base == static_cast<int>(tc)) {
        tab.att.push_back(0.0);
        tab.n_treated.push_back(0);
        tab.n_control.push_back(0);
        inf_cols.emplace_back(Eigen::VectorXd::Zero(n));
        continue;
      }
      const double threshold = std::max(current, tlist[static_cast<std::size_t>(base)]) + delta;
      std::vector<int> cell_rows;
      std::vector<double> cell_d, cell_post;
      int n_t = 0;
      for (const int period_index : {base, static_cast<int>(tc)}) {
        for (int r : rows_of[static_cast<std::size_t>(period_index)]) {
          const double gi =
              data.first_treated[static_cast<std::size_t>(data.id[static_cast<std::size_t>(r)])];
          const bool is_treated = gi == g;
          const bool is_control = never ? gi == 0.0 : (gi == 0.0 || (gi > threshold && gi != g));
          if (is_treated || is_control) {
            cell_rows.push_back(r);
            cell_d.push_back(is_treated ? 1.0 : 0.0);
            cell_post.push_back(period_index == static_cast<int>(tc) ? 1.0 : 0.0);
            n_t += is_treated ? 1 : 0;
          }
        }
      }
      const auto n1 = static_cast<Eigen::Index>(cell_rows.size());
      Eigen::VectorXd y(n1);
      Eigen::MatrixXd x(n1, 1 + k_cov);
      Eigen::VectorXd cell_weights;
      if (!data.weights.empty()) {
        cell_weights.resize(n1);
      }
      for (Eigen::Index r = 0; r < n1; ++r) {
        const auto row = static_cast<std::size_t>(cell_rows[static_cast<std::size_t>(r)]);
        y(r) = data.outcome(static_cast<Eigen::Index>(row));
        x(r, 0) = 1.0;
        if (k_cov > 0) {
          x.row(r).tail(k_cov) = data.covariates.row(static_cast<Eigen::Index>(row));
        }
        if (!data.weights.empty()) {
          cell_weights(r) = data.weights[row];
        }
      }
      const Eigen::VectorXd d = Eigen::Map<const Eigen::VectorXd>(cell_d.data(), n1);
      const Eigen::VectorXd post = Eigen::Map<const Eigen::VectorXd>(cell_post.data(), n1);
      TwoByTwoCell cell;
      try {
        cell = rc_did_2x2(y, post, d, x, options.method, cell_weights);
      } catch (const NumericalError& error) {
        throw NumericalError("callaway_santanna: ATT(g,t) for group " + format_value(g) +
                             ", period " + format_value(current) + ": " + error.what());
      } catch (const InvalidInput& error) {
        throw InvalidInput("callaway_santanna: ATT(g,t) for group " + format_value(g) +
                           ", period " + format_value(current) + " (base period " +
                           format_value(tlist[static_cast<std::size_t>(base)]) +
                           "): " + error.what());
      }
      tab.att.push_back(cell.att);
      tab.n_treated.push_back(n_t);
      tab.n_control.push_back(static_cast<int>(n1) - n_t);
      // Influence per kept id: n/n1 times the sum over the id's observations (R did).
      Eigen::VectorXd full = Eigen::VectorXd::Zero(n);
      const double scale = static_cast<double>(n) / static_cast<double>(n1);
      for (Eigen::Index r = 0; r < n1; ++r) {
        const int id = data.id[static_cast<std::size_t>(cell_rows[static_cast<std::size_t>(r)])];
        full(position[static_cast<std::size_t>(id)]) += scale * cell.influence(r);
      }
      inf_cols.push_back(std::move(full));
    }
  }
  const auto n_cells = static_cast<Eigen::Index>(tab.att.size());
  Eigen::MatrixXd inf(n, n_cells);
  for (Eigen::Index j = 0; j < n_cells; ++j) {
    inf.col(j) = inf_cols[static_cast<std::size_t>(j)];
  }
  finish_estimation(result, inf, sample, options);
  return result;
}

}  // namespace innozone::did
