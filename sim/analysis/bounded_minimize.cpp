#include "gunflow/analysis/bounded_minimize.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <stdexcept>
#include <vector>

#include <nlopt.h>

namespace gunflow {
namespace {
struct Objective {
  const std::function<double(const Eigen::VectorXd&)>* f = nullptr;
  int evaluations = 0;
  Eigen::VectorXd best;
  double best_value = 0;
  std::exception_ptr error;
  nlopt_opt opt = nullptr;
};

// NLopt is a C library: an exception must not unwind through it, so it is kept and the
// search is stopped; bounded_minimize rethrows it.
double call_objective(unsigned n, const double* x, double* /*gradient: derivative-free*/, void* data) {
  auto* o = static_cast<Objective*>(data);
  try {
    const Eigen::VectorXd point = Eigen::Map<const Eigen::VectorXd>(x, static_cast<Eigen::Index>(n));
    const double value = (*o->f)(point);
    if (o->evaluations == 0 || value < o->best_value) {
      o->best = point;
      o->best_value = value;
    }
    ++o->evaluations;
    return value;
  } catch (...) {
    o->error = std::current_exception();
    nlopt_force_stop(o->opt);
    return 0;
  }
}
}  // namespace

MinimizeResult bounded_minimize(const std::function<double(const Eigen::VectorXd&)>& f, const Eigen::VectorXd& start,
                                const Eigen::VectorXd& step, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                int max_evaluations, double f_tolerance) {
  const auto n = static_cast<unsigned>(start.size());
  const nlopt_algorithm algorithm = n >= 2 ? NLOPT_LN_BOBYQA : NLOPT_LN_SBPLX;
  std::unique_ptr<nlopt_opt_s, decltype(&nlopt_destroy)> opt(nlopt_create(algorithm, n), &nlopt_destroy);
  if (!opt) throw std::runtime_error("NLopt could not create an optimiser");
  Objective o;
  o.f = &f;
  o.opt = opt.get();
  nlopt_set_lower_bounds(opt.get(), lower.data());
  nlopt_set_upper_bounds(opt.get(), upper.data());
  nlopt_set_min_objective(opt.get(), call_objective, &o);
  nlopt_set_maxeval(opt.get(), max_evaluations);
  nlopt_set_ftol_abs(opt.get(), f_tolerance);
  std::vector<double> x(n), dx(n);
  for (unsigned i = 0; i < n; ++i) {
    x[i] = std::min(std::max(start(i), lower(i)), upper(i));
    // BOBYQA needs its first trust region inside the box on every side it steps to.
    dx[i] = std::min(step(i), 0.5 * (upper(i) - lower(i)));
  }
  nlopt_set_initial_step(opt.get(), dx.data());
  double value = 0;
  const nlopt_result code = nlopt_optimize(opt.get(), x.data(), &value);
  if (o.error) std::rethrow_exception(o.error);
  if (code < 0 && code != NLOPT_ROUNDOFF_LIMITED && o.evaluations == 0)
    throw std::runtime_error(std::string("NLopt failed: ") + nlopt_result_to_string(code));
  MinimizeResult r;
  r.x = o.best;
  r.value = o.best_value;
  r.evaluations = o.evaluations;
  r.converged = code == NLOPT_FTOL_REACHED || code == NLOPT_XTOL_REACHED || code == NLOPT_SUCCESS;
  r.algorithm = algorithm == NLOPT_LN_BOBYQA ? "BOBYQA" : "Sbplx";
  return r;
}

}  // namespace gunflow
