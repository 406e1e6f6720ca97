#include "gunflow/model/reference_stock.hpp"

#include <algorithm>
#include <cmath>

#include "gunflow/core/power.hpp"
#include "gunflow/scenario/dated_series.hpp"

namespace gunflow {
namespace {
/// One month of the mean-field law: the stock's inflow per year and its loss hazard.
struct MonthLaw {
  double inflow = 0;  // guns per year
  double loss = 0;    // per year
};

MonthLaw month_law(const Settings& y, double stock, Date date) {
  const double target = reference_stock(y, date);
  double pressure = 1.0;
  if (target > 0 && stock > 0) pressure = std::clamp(power(target / stock, y.demand.arsenal_feedback), 0.0, 3.0);
  MonthLaw law;
  law.inflow = y.demand.delivered_share * y.demand.guns_per_year * y.demand.relative_level *
                   (1.0 - y.demand.onward_share) * pressure +
               y.mexico.foreign_inflow_per_year + y.channels.legal_exports_per_year * y.channels.export_diversion;
  law.loss = y.mexico.attrition_rate + y.mexico.recovery_rate * (1.0 - y.mexico.corruption);
  return law;
}
}  // namespace

Date violence_anchor_day() { return Date::from_ymd(2010, 7, 2); }

Date reference_stock_date(const Settings& s) { return Date::from_ymd(static_cast<int>(s.mexico.stock_year), 1, 1); }

double reference_stock(const Settings& s, Date date) {
  const double years = static_cast<double>(date - reference_stock_date(s)) / 365.25;
  return s.mexico.initial_stock * power(1.0 + s.demand.target_growth, years);
}

double initial_class_weight(const std::array<double, kNumClasses>& mix, double us_share,
                            const std::array<double, kNumClasses>& class_weight) {
  double total = 0, weight = 0;
  for (std::size_t c = 0; c < kNumClasses; ++c) {
    // A foreign gun drawn as a kit is a handgun (init_arsenals).
    const double foreign =
        c == index_of(FirearmClass::kKit) ? class_weight[index_of(FirearmClass::kHandgun)] : class_weight[c];
    weight += mix[c] * (us_share * class_weight[c] + (1.0 - us_share) * foreign);
    total += mix[c];
  }
  return total > 0 ? weight / total : 1.0;
}

// Violence measures the year's armament against the path's 2010 (violence_anchor_day), so
// the path is spun up before whichever comes first, the run or 2010: a run started in 2030
// reads the same 2010 as one started in 1995 (runs started up to 2010 are unchanged).
StockPath::StockPath(const Settings& s, Date first_day, Date last_day, const ByYear<double>& inflow_weight)
    : start_(Date::from_ymd(std::min(first_day.year(), violence_anchor_day().year()) - kSpinUpYears, 1, 1)) {
  const int last_year = last_day.year();
  double stock = reference_stock(s, start_);  // forgotten within the spin-up
  const bool weighted = inflow_weight.values.size() > 1;
  if (inflow_weight.values.size() == 1) one_weight_ = inflow_weight.values[0];
  double armed = weighted ? stock * inflow_weight.at(start_.year()) : 0.0;  // the stock weighted by class
  std::vector<double> inflow, loss;  // by month: guns arrived, loss hazard per year
  for (int year = start_.year(); year <= last_year; ++year) {
    Settings dated;  // the year's values of keys given year by year (copied only then)
    if (!s.dated.empty()) dated = settings_in_year(s, year);
    const Settings& y = s.dated.empty() ? s : dated;
    for (int month = 1; month <= 12; ++month) {
      const Date from = Date::from_ymd(year, month, 1);
      const Date to = month == 12 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, month + 1, 1);
      const double dt = static_cast<double>(to - from) / 365.25;
      const MonthLaw law = month_law(y, stock, from);
      month_day_.push_back(from.days());
      stock_.push_back(stock);
      inflow.push_back(law.inflow * dt);
      loss.push_back(law.loss * dt);
      // Exact for a constant inflow and hazard over the month.
      const double kept = std::exp(-law.loss * dt);
      const double arrived_kept = law.loss > 0 ? law.inflow * (1.0 - kept) / law.loss : law.inflow * dt;
      stock = stock * kept + arrived_kept;
      if (weighted) {
        weighted_.push_back(armed);
        armed = armed * kept + arrived_kept * inflow_weight.at(year);
      }
    }
  }
  month_day_.push_back(Date::from_ymd(last_year + 1, 1, 1).days());
  stock_.push_back(stock);
  if (weighted) weighted_.push_back(armed);
  // The first day's stock by month of arrival: each month's inflow, thinned by the
  // losses of the months since (half of its own month's, on average).
  const auto first = static_cast<std::size_t>(std::upper_bound(month_day_.begin(), month_day_.end(), first_day.days()) -
                                              month_day_.begin() - 1);
  double hazard_since = 0;
  for (std::size_t k = first; k-- > 0;) {
    survivors_.push_back(inflow[k] * std::exp(-hazard_since - loss[k] / 2));
    hazard_since += loss[k];
  }
  double sum = 0;
  for (double x : survivors_) cumulative_.push_back(sum += x);
}

double StockPath::on_path(const std::vector<double>& by_month, Date date) const {
  const auto it = std::upper_bound(month_day_.begin(), month_day_.end(), date.days());
  if (it == month_day_.begin()) return by_month.front();
  if (it == month_day_.end()) return by_month.back();
  const auto i = static_cast<std::size_t>(it - month_day_.begin()) - 1;
  const double f =
      static_cast<double>(date.days() - month_day_[i]) / static_cast<double>(month_day_[i + 1] - month_day_[i]);
  return by_month[i] + f * (by_month[i + 1] - by_month[i]);
}

double StockPath::stock(Date date) const { return stock_.empty() ? 0.0 : on_path(stock_, date); }

double StockPath::class_weight(Date date) const {
  if (weighted_.empty()) return one_weight_;
  const double guns = on_path(stock_, date);
  return guns > 0 ? on_path(weighted_, date) / guns : one_weight_;
}

double StockPath::days_in_mexico(double u, double u_day) const {
  if (cumulative_.empty() || cumulative_.back() <= 0) return 0.0;
  const auto k = static_cast<std::size_t>(
      std::upper_bound(cumulative_.begin(), cumulative_.end(), u * cumulative_.back()) - cumulative_.begin());
  // Month k before the first day (0: the month just before), about 30.44 days each.
  constexpr double kMonthDays = 365.25 / 12;
  return (static_cast<double>(std::min(k, cumulative_.size() - 1)) + u_day) * kMonthDays;
}

double StockPath::mean_days_in_mexico() const {
  if (cumulative_.empty() || cumulative_.back() <= 0) return 0.0;
  double sum = 0;
  for (std::size_t k = 0; k < survivors_.size(); ++k) sum += survivors_[k] * (static_cast<double>(k) + 0.5);
  return sum / cumulative_.back() * 365.25 / 12;
}

}  // namespace gunflow
