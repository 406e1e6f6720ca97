#pragma once
// The criminal groups' stock on the calendar: the path demand aims for, and the path the
// model's own flows give, from which a run takes its initial stock and violence its
// reference. Nothing here depends on when a run starts, so neither do its results
// (docs/ODD.md §5, §7.1, §7.15).
//
// Two paths:
// - the target, reference_stock(): `mexico.initial_stock` on 1 January of
//   `mexico.stock_year`, growing at `demand.target_growth` a year before and after;
// - the flows' path, StockPath: the mean-field law of the national stock, month by month
//   from kSpinUpYears before the first simulated day, with each year's settings:
//     dS/dt = ρ · guns_per_year · relative_level · (1 − onward_share) · p(T/S)
//             + foreign_inflow_per_year + legal_exports_per_year · export_diversion − λ S,
//   p = clamp((T/S)^arsenal_feedback, 0, 3) as in demand, T the target, λ = attrition +
//   recovery × (1 − corruption), ρ = `demand.delivered_share` (the share of orders that
//   networks deliver: the one quantity the agents decide that the law takes as given).
//   Policies are not applied to it. A run starts from its stock on the first day, with
//   the ages its monthly cohorts give, and violence is scaled to its stock in the year of
//   the homicide baseline.
#include <array>
#include <vector>

#include "gunflow/core/by_year.hpp"
#include "gunflow/core/catalog.hpp"
#include "gunflow/core/date.hpp"
#include "gunflow/scenario/settings.hpp"

namespace gunflow {

/// 1 January of `mexico.stock_year`: the day `mexico.initial_stock` describes.
Date reference_stock_date(const Settings& s);
/// 2 July 2010, the middle of the year of the 2010 homicide counts: the day
/// `violence.reference_stock` describes, and the armament a year's firearm share is
/// measured against when a yearly homicide table is named (mexico.hpp). StockPath always
/// covers it, spun up before it.
Date violence_anchor_day();

/// The national stock criminal groups aim for on `date`:
/// initial_stock × (1 + target_growth)^((date − reference_stock_date) / 365.25).
double reference_stock(const Settings& s, Date date);

/// Expected class weight (violence.class_weight) of one gun of the initial stock: the
/// class mix, with the foreign share's kits counted as handguns (mexico.cpp
/// init_arsenals). Violence's reference armed stock is this times the flows' path.
double initial_class_weight(const std::array<double, kNumClasses>& mix, double us_share,
                            const std::array<double, kNumClasses>& class_weight);

/// The national stock as the model's mean-field flows give it, by month (see above).
class StockPath {
 public:
  /// Years simulated by the mean-field law before the first day: the law forgets its
  /// start at the loss rate and faster (e^(−0.1 × 60) < 0.3%).
  static constexpr int kSpinUpYears = 60;

  StockPath() = default;
  /// From 1 January kSpinUpYears before `first_day`'s year (or before 2010, if earlier:
  /// violence reads the path's 2010) to 1 January after `last_day`, with the settings of
  /// each year (`s` may hold year-by-year keys). `inflow_weight` is the mean class weight
  /// (violence.class_weight) of a gun arriving in each calendar year (held outside its
  /// years); with one value or none (1) every gun of the path weighs the same.
  StockPath(const Settings& s, Date first_day, Date last_day, const ByYear<double>& inflow_weight = {});

  /// The stock on `date` (linear between months; held outside the path).
  [[nodiscard]] double stock(Date date) const;
  /// The mean class weight of a gun of the path's stock on `date`: the years' inflow
  /// weights, each month's arrivals thinned by the losses since (the single weight itself,
  /// exactly, when every year's is the same). Times stock(date), the path's armed stock
  /// weighted by class, which violence reads against (mexico.cpp violence_day).
  [[nodiscard]] double class_weight(Date date) const;
  /// Days in Mexico of a gun held on the first day, from a uniform `u` in (0, 1): the
  /// month it arrived by the surviving share of each month's inflow, then a uniform day.
  [[nodiscard]] double days_in_mexico(double u, double u_day) const;
  /// Mean of days_in_mexico (for tests and the docs).
  [[nodiscard]] double mean_days_in_mexico() const;

 private:
  /// A series kept at the start of each month (stock_, weighted_) on `date`: linear
  /// between months, held outside the path.
  [[nodiscard]] double on_path(const std::vector<double>& by_month, Date date) const;

  Date start_;                    // 1 January of the first year of the path
  std::vector<double> stock_;     // at the start of each month
  std::vector<double> weighted_;  // the same weighted by class; empty when every gun weighs one_weight_
  double one_weight_ = 1.0;
  std::vector<double> survivors_;        // by months before the first day: the inflow of that month still held
  std::vector<double> cumulative_;       // running sums of survivors_ (the law of the month of arrival)
  std::vector<std::int32_t> month_day_;  // Date::days() of the start of each month
};

}  // namespace gunflow
