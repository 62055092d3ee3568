// Synthetic control: predictors, the nested V/W search and in-space placebos.
#include "innozone/synth/synthetic_control.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"

namespace innozone::synth {

Eigen::MatrixXd predictor_matrix(const std::vector<Eigen::MatrixXd>& variables,
                                 const std::vector<PredictorSpec>& specs) {
  if (variables.empty()) {
    throw InvalidInput("predictor_matrix: no variables given");
  }
  const Eigen::Index t = variables.front().rows();
  const Eigen::Index n = variables.front().cols();
  for (std::size_t v = 0; v < variables.size(); ++v) {
    if (variables[v].rows() != t || variables[v].cols() != n) {
      throw InvalidInput("predictor_matrix: variable " + std::to_string(v) + " is " +
                         std::to_string(variables[v].rows()) + "x" +
                         std::to_string(variables[v].cols()) + ", expected " + std::to_string(t) +
                         "x" + std::to_string(n) + " (periods x units)");
    }
  }
  Eigen::MatrixXd out(static_cast<Eigen::Index>(specs.size()), n);
  for (std::size_t p = 0; p < specs.size(); ++p) {
    const PredictorSpec& spec = specs[p];
    if (spec.variable < 0 || static_cast<std::size_t>(spec.variable) >= variables.size()) {
      throw OutOfRange("predictor '" + spec.name + "': variable index " +
                       std::to_string(spec.variable) + " outside 0.." +
                       std::to_string(variables.size() - 1));
    }
    if (spec.periods.empty()) {
      throw InvalidInput("predictor '" + spec.name + "': no periods to average over");
    }
    const Eigen::MatrixXd& values = variables[static_cast<std::size_t>(spec.variable)];
    for (Eigen::Index i = 0; i < n; ++i) {
      double sum = 0.0;
      int count = 0;
      for (const int period : spec.periods) {
        if (period < 0 || period >= t) {
          throw OutOfRange("predictor '" + spec.name + "': period row " + std::to_string(period) +
                           " outside 0.." + std::to_string(t - 1));
        }
        const double x = values(period, i);
        if (std::isfinite(x)) {
          sum += x;
          ++count;
        }
      }
      if (count == 0) {
        throw InvalidInput("predictor '" + spec.name + "': every value is missing for unit " +
                           std::to_string(i) + " in its periods");
      }
      out(static_cast<Eigen::Index>(p), i) = sum / count;
    }
  }
  return out;
}

namespace {

/// Nelder-Mead minimisation (Lagarias et al. 1998 coefficients) with one restart from the
/// best vertex. Returns the best point; `evaluations` counts function calls.
Eigen::VectorXd nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f,
                            Eigen::VectorXd x0, double step, int max_evaluations, double tol,
                            double* f_best, int* evaluations) {
  const Eigen::Index d = x0.size();
  int evals = 0;
  double best_value = f(x0);
  ++evals;
  Eigen::VectorXd best = x0;
  for (int round = 0; round < 3 && evals < max_evaluations; ++round) {
    std::vector<Eigen::VectorXd> simplex(static_cast<std::size_t>(d + 1), best);
    std::vector<double> values(static_cast<std::size_t>(d + 1), best_value);
    for (Eigen::Index i = 0; i < d; ++i) {
      simplex[static_cast<std::size_t>(i + 1)][i] += step;
      values[static_cast<std::size_t>(i + 1)] = f(simplex[static_cast<std::size_t>(i + 1)]);
      ++evals;
    }
    std::vector<std::size_t> order(simplex.size());
    while (evals < max_evaluations) {
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(),
                [&values](std::size_t x, std::size_t y) { return values[x] < values[y]; });
      const double lo = values[order.front()];
      const double hi = values[order.back()];
      double spread = 0.0;
      for (std::size_t i = 1; i < order.size(); ++i) {
        spread = std::max(spread, (simplex[order[i]] - simplex[order[0]]).cwiseAbs().maxCoeff());
      }
      if (hi - lo <= tol * (std::abs(lo) + 1e-300) && spread < 1e-6) {
        break;
      }
      if (spread < 1e-9) {
        break;
      }
      Eigen::VectorXd centroid = Eigen::VectorXd::Zero(d);
      for (std::size_t i = 0; i + 1 < order.size(); ++i) {
        centroid += simplex[order[i]];
      }
      centroid /= static_cast<double>(d);
      const std::size_t worst = order.back();
      const double second_worst = values[order[order.size() - 2]];
      const Eigen::VectorXd reflected = centroid + (centroid - simplex[worst]);
      const double fr = f(reflected);
      ++evals;
      if (fr < lo) {
        const Eigen::VectorXd expanded = centroid + 2.0 * (centroid - simplex[worst]);
        const double fe = f(expanded);
        ++evals;
        if (fe < fr) {
          simplex[worst] = expanded;
          values[worst] = fe;
        } else {
          simplex[worst] = reflected;
          values[worst] = fr;
        }
        continue;
      }
      if (fr < second_worst) {
        simplex[worst] = reflected;
        values[worst] = fr;
        continue;
      }
      const bool outside = fr < values[worst];
      const Eigen::VectorXd contracted =
          outside ? Eigen::VectorXd(centroid + 0.5 * (reflected - centroid))
                  : Eigen::VectorXd(centroid + 0.5 * (simplex[worst] - centroid));
      const double fc = f(contracted);
      ++evals;
      if (fc < (outside ? fr : values[worst])) {
        simplex[worst] = contracted;
        values[worst] = fc;
        continue;
      }
      const Eigen::VectorXd anchor = simplex[order.front()];
      for (std::size_t i = 1; i < order.size(); ++i) {
        simplex[order[i]] = anchor + 0.5 * (simplex[order[i]] - anchor);
        values[order[i]] = f(simplex[order[i]]);
        ++evals;
      }
    }
    std::size_t arg = 0;
    for (std::size_t i = 1; i < values.size(); ++i) {
      if (values[i] < values[arg]) {
        arg = i;
      }
    }
    const bool improved = values[arg] < best_value * (1.0 - tol) - 1e-300;
    if (values[arg] <= best_value) {
      best_value = values[arg];
      best = simplex[arg];
    }
    if (!improved && round > 0) {
      break;
    }
  }
  *f_best = best_value;
  *evaluations = evals;
  return best;
}

/// diag(V) from the unconstrained parameters: softmax with the last logit fixed at 0.
Eigen::VectorXd v_of_theta(const Eigen::VectorXd& theta, Eigen::Index k) {
  Eigen::VectorXd logits = Eigen::VectorXd::Zero(k);
  logits.head(k - 1) = theta;
  const double top = logits.maxCoeff();
  Eigen::VectorXd v = (logits.array() - top).exp().matrix();
  return v / v.sum();
}

Eigen::VectorXd theta_of_v(const Eigen::VectorXd& v) {
  const Eigen::Index k = v.size();
  const double floor = 1e-8;
  Eigen::VectorXd theta(k - 1);
  const double last = std::log(std::max(v[k - 1], floor));
  for (Eigen::Index i = 0; i + 1 < k; ++i) {
    theta[i] = std::log(std::max(v[i], floor)) - last;
  }
  return theta;
}

/// Inner problem at a given V: donor weights, and the outer loss.
struct Inner {
  const Eigen::MatrixXd& x0;
  const Eigen::VectorXd& x1;
  const Eigen::VectorXd& z1;
  const Eigen::MatrixXd& z0;
  Eigen::VectorXd warm;

  SimplexQpResult solve(const Eigen::VectorXd& v) {
    const Eigen::VectorXd root = v.cwiseSqrt();
    const Eigen::MatrixXd a = root.asDiagonal() * x0;
    const Eigen::VectorXd b = root.cwiseProduct(x1);
    SimplexQpResult qp = simplex_least_squares(a, b, SimplexQpOptions{}, warm);
    warm = qp.weights;
    return qp;
  }
  double loss(const Eigen::VectorXd& w) const {
    return (z1 - z0 * w).squaredNorm() / static_cast<double>(z1.size());
  }
};

/// R Synth's regression start: regress each outcome period on the predictors (with an
/// intercept) across all units; diag(V) proportional to the row sums of squared slopes.
Eigen::VectorXd regression_v(const Eigen::VectorXd& x1, const Eigen::MatrixXd& x0,
                             const Eigen::VectorXd& z1, const Eigen::MatrixXd& z0) {
  const Eigen::Index k = x0.rows();
  const Eigen::Index n = x0.cols() + 1;
  if (n <= k + 1) {
    return Eigen::VectorXd();
  }
  Eigen::MatrixXd design(n, k + 1);
  design.col(0).setOnes();
  design.block(0, 1, 1, k) = x1.transpose();
  design.block(1, 1, n - 1, k) = x0.transpose();
  Eigen::MatrixXd response(n, z1.size());
  response.row(0) = z1.transpose();
  response.block(1, 0, n - 1, z1.size()) = z0.transpose();
  const Eigen::MatrixXd beta = design.colPivHouseholderQr().solve(response);
  Eigen::VectorXd v = beta.bottomRows(k).rowwise().squaredNorm();
  if (!v.allFinite() || v.sum() <= 0.0) {
    return Eigen::VectorXd();
  }
  return v / v.sum();
}

}  // namespace

VSearch parse_v_search(const std::string& name) {
  if (name == "local") {
    return VSearch::kLocal;
  }
  if (name == "global") {
    return VSearch::kGlobal;
  }
  throw InvalidInput("v_search must be 'local' or 'global', got '" + name + "'");
}

namespace {

/// One synthetic-control problem, validated and with normalised predictors, and the
/// starting points of its V search.
struct ScProblem {
  Eigen::VectorXd x1;
  Eigen::MatrixXd x0;
  Eigen::VectorXd z1;
  Eigen::MatrixXd z0;
  std::vector<std::pair<std::string, Eigen::VectorXd>> starts;
  /// True when V is fixed (custom V or a single predictor): no search.
  bool fixed = false;
};

ScProblem prepare_problem(const Eigen::VectorXd& x_treated, const Eigen::MatrixXd& x_donors,
                          const Eigen::VectorXd& z_treated, const Eigen::MatrixXd& z_donors,
                          const ScOptions& options) {
  const Eigen::Index k = x_donors.rows();
  const Eigen::Index j = x_donors.cols();
  if (k == 0) {
    throw InvalidInput("synthetic control: no predictors (the predictor matrix has 0 rows)");
  }
  if (j < 1) {
    throw InvalidInput("synthetic control: the donor pool is empty");
  }
  if (x_treated.size() != k) {
    throw InvalidInput("synthetic control: treated predictors have " +
                       std::to_string(x_treated.size()) + " entries, donors " + std::to_string(k));
  }
  if (z_donors.cols() != j || z_donors.rows() != z_treated.size() || z_treated.size() == 0) {
    throw InvalidInput("synthetic control: outcome matrices do not match (" +
                       std::to_string(z_treated.size()) + " periods for the treated unit, " +
                       std::to_string(z_donors.rows()) + "x" + std::to_string(z_donors.cols()) +
                       " for the donors)");
  }
  if (!x_treated.allFinite() || !x_donors.allFinite()) {
    throw InvalidInput("synthetic control: predictors contain NaN or inf");
  }
  if (!z_treated.allFinite() || !z_donors.allFinite()) {
    throw InvalidInput(
        "synthetic control: outcomes in the optimisation periods contain NaN or inf");
  }
  if (options.n_random_starts < 0 || options.n_global_starts < 0) {
    throw InvalidInput("synthetic control: the numbers of random starts must be >= 0, got " +
                       std::to_string(options.n_random_starts) + " and " +
                       std::to_string(options.n_global_starts));
  }
  if (options.max_evaluations < 1) {
    throw InvalidInput("synthetic control: max_evaluations must be >= 1, got " +
                       std::to_string(options.max_evaluations));
  }
  ScProblem problem{x_treated, x_donors, z_treated, z_donors, {}, false};
  // Normalise each predictor by its standard deviation over all units.
  if (options.normalize_predictors) {
    for (Eigen::Index p = 0; p < k; ++p) {
      const double mean = (problem.x0.row(p).sum() + problem.x1[p]) / static_cast<double>(j + 1);
      const double ss = (problem.x0.row(p).array() - mean).square().sum() +
                        (problem.x1[p] - mean) * (problem.x1[p] - mean);
      const double sd = std::sqrt(ss / static_cast<double>(j));
      if (sd > 0.0) {
        problem.x0.row(p) /= sd;
        problem.x1[p] /= sd;
      }
    }
  }
  if (options.custom_v.size() > 0) {
    if (options.custom_v.size() != k || options.custom_v.minCoeff() < 0.0 ||
        options.custom_v.sum() <= 0.0) {
      throw InvalidInput("synthetic control: custom_v must have " + std::to_string(k) +
                         " non-negative entries with a positive sum");
    }
    problem.fixed = true;
    problem.starts.emplace_back("custom", options.custom_v / options.custom_v.sum());
    return problem;
  }
  if (k == 1) {
    problem.fixed = true;
    problem.starts.emplace_back("single predictor", Eigen::VectorXd::Ones(1));
    return problem;
  }
  if (options.equal_start) {
    problem.starts.emplace_back("equal",
                                Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k)));
  }
  if (options.regression_start) {
    const Eigen::VectorXd v = regression_v(problem.x1, problem.x0, problem.z1, problem.z0);
    if (v.size() == k) {
      problem.starts.emplace_back("regression", v);
    }
  }
  // Random starting points are drawn here, in order, so that the parallel loop over
  // starts gives the same answer for every thread count.
  Philox rng(options.seed, 0);
  const int n_random =
      options.v_search == VSearch::kGlobal ? options.n_global_starts : options.n_random_starts;
  for (int r = 0; r < n_random; ++r) {
    Eigen::VectorXd v(k);
    for (Eigen::Index p = 0; p < k; ++p) {
      v[p] = -std::log(rng.uniform());  // Dirichlet(1, ..., 1) draw
    }
    problem.starts.emplace_back("random " + std::to_string(r + 1), v / v.sum());
  }
  if (problem.starts.empty()) {
    throw InvalidInput(
        "synthetic control: no starts for the V search (enable equal, "
        "regression or random starts)");
  }
  return problem;
}

/// Refine one start of the V search by Nelder-Mead (or evaluate a fixed V).
ScStart run_start(const ScProblem& problem, std::size_t s, const ScOptions& options) {
  const auto& [label, v0] = problem.starts[s];
  const Eigen::Index k = problem.x0.rows();
  Inner inner{problem.x0, problem.x1, problem.z1, problem.z0, Eigen::VectorXd()};
  if (problem.fixed) {
    const Eigen::VectorXd w = inner.solve(v0).weights;
    return ScStart{label, v0, w, inner.loss(w), 1};
  }
  const auto objective = [&](const Eigen::VectorXd& theta) {
    const Eigen::VectorXd v = v_of_theta(theta, k);
    return inner.loss(inner.solve(v).weights);
  };
  double best = 0.0;
  int evals = 0;
  const Eigen::VectorXd theta = nelder_mead(objective, theta_of_v(v0), 1.0, options.max_evaluations,
                                            options.tolerance, &best, &evals);
  const Eigen::VectorXd v = v_of_theta(theta, k);
  inner.warm = Eigen::VectorXd();
  const Eigen::VectorXd w = inner.solve(v).weights;
  return ScStart{label, v, w, inner.loss(w), evals};
}

/// The best start, the disagreement flag and the inner QP at the chosen V.
ScFit finish_fit(const ScProblem& problem, std::vector<ScStart> starts, const ScOptions& options) {
  ScFit fit;
  fit.starts = std::move(starts);
  std::size_t best = 0;
  for (std::size_t s = 1; s < fit.starts.size(); ++s) {
    if (fit.starts[s].loss_v < fit.starts[best].loss_v) {
      best = s;
    }
  }
  // The best loss is confirmed when at least two starts reach it (within the tolerance).
  const double best_loss = fit.starts[best].loss_v;
  int confirming = 0;
  for (const ScStart& s : fit.starts) {
    if (s.loss_v <= best_loss * (1.0 + options.disagreement_rtol) + 1e-12) {
      ++confirming;
    }
  }
  fit.starts_disagree = !problem.fixed && fit.starts.size() > 1 && confirming < 2;
  Inner inner{problem.x0, problem.x1, problem.z1, problem.z0, Eigen::VectorXd()};
  fit.v = fit.starts[best].v;
  fit.qp = inner.solve(fit.v);
  fit.w = fit.qp.weights;
  fit.loss_v = inner.loss(fit.w);
  const Eigen::VectorXd diff = problem.x1 - problem.x0 * fit.w;
  fit.loss_w = diff.cwiseProduct(fit.v).dot(diff);
  return fit;
}

}  // namespace

ScFit fit_synthetic_control(const Eigen::VectorXd& x_treated, const Eigen::MatrixXd& x_donors,
                            const Eigen::VectorXd& z_treated, const Eigen::MatrixXd& z_donors,
                            const ScOptions& options, const ParallelOptions& parallel) {
  const ScProblem problem = prepare_problem(x_treated, x_donors, z_treated, z_donors, options);
  std::vector<ScStart> starts(problem.starts.size());
  parallel_for(
      starts.size(), [&](std::size_t s) { starts[s] = run_start(problem, s, options); }, parallel);
  return finish_fit(problem, std::move(starts), options);
}

ScPanelResult fit_synthetic_control_panel(const ScPanel& panel, const ScOptions& options,
                                          bool placebo, const ParallelOptions& parallel) {
  const Eigen::Index t = panel.outcome.rows();
  const Eigen::Index n = panel.outcome.cols();
  if (panel.predictors.cols() != n) {
    throw InvalidInput("synthetic control panel: predictors have " +
                       std::to_string(panel.predictors.cols()) + " units, outcome " +
                       std::to_string(n));
  }
  if (panel.treated.empty()) {
    throw InvalidInput("synthetic control panel: no treated unit");
  }
  if (panel.first_treated.size() != panel.treated.size() ||
      panel.optimize_periods.size() != panel.treated.size()) {
    throw InvalidInput(
        "synthetic control panel: need one first treated period and one list of "
        "optimisation periods per treated unit");
  }
  if (panel.donors.empty()) {
    throw InvalidInput("synthetic control panel: the donor pool is empty");
  }
  auto check_unit = [n](int unit, const char* what) {
    if (unit < 0 || unit >= n) {
      throw OutOfRange(std::string("synthetic control panel: ") + what + " column " +
                       std::to_string(unit) + " outside 0.." + std::to_string(n - 1));
    }
  };
  for (const int d : panel.donors) {
    check_unit(d, "donor");
  }
  std::map<int, std::vector<int>> periods_by_start;
  for (std::size_t i = 0; i < panel.treated.size(); ++i) {
    check_unit(panel.treated[i], "treated");
    if (std::find(panel.donors.begin(), panel.donors.end(), panel.treated[i]) !=
        panel.donors.end()) {
      throw InvalidInput("synthetic control panel: unit column " +
                         std::to_string(panel.treated[i]) + " is both treated and a donor");
    }
    const int start = panel.first_treated[i];
    if (start < 1 || start > t - 1) {
      throw OutOfRange(
          "synthetic control panel: first treated period row " + std::to_string(start) +
          " of treated column " + std::to_string(panel.treated[i]) +
          " leaves no pre-period or no post-period (periods 0.." + std::to_string(t - 1) + ")");
    }
    for (const int p : panel.optimize_periods[i]) {
      if (p < 0 || p >= start) {
        throw OutOfRange("synthetic control panel: optimisation period row " + std::to_string(p) +
                         " is not before the first treated period row " + std::to_string(start) +
                         " of treated column " + std::to_string(panel.treated[i]));
      }
    }
    if (panel.optimize_periods[i].empty()) {
      throw InvalidInput("synthetic control panel: no optimisation periods for treated column " +
                         std::to_string(panel.treated[i]));
    }
    periods_by_start.emplace(start, panel.optimize_periods[i]);
  }

  struct Task {
    int unit;
    int start;
    bool is_placebo;
    std::vector<int> donors;
    std::vector<int> periods;
  };
  std::vector<Task> tasks;
  for (std::size_t i = 0; i < panel.treated.size(); ++i) {
    tasks.push_back(Task{panel.treated[i], panel.first_treated[i], false, panel.donors,
                         panel.optimize_periods[i]});
  }
  if (placebo) {
    if (panel.donors.size() < 2) {
      throw InvalidInput("synthetic control panel: placebo inference needs at least 2 donors");
    }
    for (const auto& [start, periods] : periods_by_start) {
      for (const int unit : panel.donors) {
        std::vector<int> others;
        for (const int d : panel.donors) {
          if (d != unit) {
            others.push_back(d);
          }
        }
        tasks.push_back(Task{unit, start, true, others, periods});
      }
    }
  }
  // Phase 1: the problem of every fit (predictors, outcomes, starting points of V).
  const auto n_tasks = tasks.size();
  std::vector<ScProblem> problems(n_tasks);
  {
    ParallelOptions quiet = parallel;
    quiet.progress = nullptr;
    parallel_for(
        n_tasks,
        [&](std::size_t index) {
          const Task& task = tasks[index];
          const auto jd = static_cast<Eigen::Index>(task.donors.size());
          const auto tp = static_cast<Eigen::Index>(task.periods.size());
          Eigen::MatrixXd x0(panel.predictors.rows(), jd);
          Eigen::MatrixXd z0(tp, jd);
          Eigen::VectorXd z1(tp);
          for (Eigen::Index c = 0; c < jd; ++c) {
            x0.col(c) = panel.predictors.col(task.donors[static_cast<std::size_t>(c)]);
            for (Eigen::Index r = 0; r < tp; ++r) {
              z0(r, c) = panel.outcome(task.periods[static_cast<std::size_t>(r)],
                                       task.donors[static_cast<std::size_t>(c)]);
            }
          }
          for (Eigen::Index r = 0; r < tp; ++r) {
            z1[r] = panel.outcome(task.periods[static_cast<std::size_t>(r)], task.unit);
          }
          ScOptions local = options;
          local.seed =
              derive_stream(options.seed, derive_stream(static_cast<std::uint64_t>(task.unit),
                                                        static_cast<std::uint64_t>(task.start)));
          problems[index] = prepare_problem(panel.predictors.col(task.unit), x0, z1, z0, local);
        },
        quiet);
  }
  // Phase 2: every (fit, start) pair in one parallel loop, so that a single fit with
  // several starts also uses every thread.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::vector<ScStart>> starts(n_tasks);
  for (std::size_t index = 0; index < n_tasks; ++index) {
    starts[index].resize(problems[index].starts.size());
    for (std::size_t s = 0; s < problems[index].starts.size(); ++s) {
      pairs.emplace_back(index, s);
    }
  }
  parallel_for(
      pairs.size(),
      [&](std::size_t p) {
        const auto [index, s] = pairs[p];
        starts[index][s] = run_start(problems[index], s, options);
      },
      parallel);
  // Phase 3: the chosen V of every fit, its weights, paths and RMSPEs.
  std::vector<ScUnitFit> fits(n_tasks);
  {
    ParallelOptions quiet = parallel;
    quiet.progress = nullptr;
    parallel_for(
        n_tasks,
        [&](std::size_t index) {
          const Task& task = tasks[index];
          const auto jd = static_cast<Eigen::Index>(task.donors.size());
          ScUnitFit out;
          out.unit = task.unit;
          out.first_treated = task.start;
          out.placebo = task.is_placebo;
          out.donors = task.donors;
          out.fit = finish_fit(problems[index], std::move(starts[index]), options);
          Eigen::MatrixXd y0(t, jd);
          for (Eigen::Index c = 0; c < jd; ++c) {
            y0.col(c) = panel.outcome.col(task.donors[static_cast<std::size_t>(c)]);
          }
          out.synthetic = y0 * out.fit.w;
          out.gap = panel.outcome.col(task.unit) - out.synthetic;
          const Eigen::VectorXd pre = out.gap.head(task.start);
          const Eigen::VectorXd post = out.gap.tail(t - task.start);
          out.pre_rmspe = std::sqrt(pre.squaredNorm() / static_cast<double>(pre.size()));
          out.post_rmspe = std::sqrt(post.squaredNorm() / static_cast<double>(post.size()));
          out.ratio = out.pre_rmspe > 0.0 ? out.post_rmspe / out.pre_rmspe
                                          : std::numeric_limits<double>::infinity();
          fits[index] = std::move(out);
        },
        quiet);
  }

  ScPanelResult result;
  for (auto& f : fits) {
    (f.placebo ? result.placebos : result.treated).push_back(std::move(f));
  }
  for (const ScUnitFit& tr : result.treated) {
    int count = 0;
    int at_least = 0;
    for (const ScUnitFit& pl : result.placebos) {
      if (pl.first_treated == tr.first_treated) {
        ++count;
        if (pl.ratio >= tr.ratio) {
          ++at_least;
        }
      }
    }
    result.p_values.push_back(placebo ? static_cast<double>(1 + at_least) / (1 + count)
                                      : std::numeric_limits<double>::quiet_NaN());
  }
  return result;
}

}  // namespace innozone::synth
