#include "gunflow/model/lead_triage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gunflow {

double triage_key(const TriageWeights& w, const Lead& lead, double e) {
  const double weight = w.weight[index_of(lead.source)];
  if (!(weight > 0)) return std::numeric_limits<double>::infinity();
  const double size = std::max<double>(1.0, lead.guns);
  // E / value(t) = E exp((t - created) / age_days) / (weight size^elasticity); the factor
  // exp(t / age_days) is every lead's, so it is left out and the key never changes.
  return std::log(e) - std::log(weight) - w.size_elasticity * std::log(size) -
         static_cast<double>(lead.created_day) / w.age_days;
}

double lead_yield(const TriageWeights& w, LeadSource source) {
  if (is_report(source)) return std::clamp(w.report_yield, 0.0, 1.0);
  if (source != LeadSource::kAmmunition) return 1.0;
  double reference = w.weight[index_of(LeadSource::kTrace)];
  if (!(reference > 0))
    for (double x : w.weight) reference = std::max(reference, x);
  if (!(reference > 0)) return 0.0;
  return std::min(1.0, w.weight[index_of(source)] / reference);
}

namespace {
// A max-heap comparator that puts the smallest (key, seq) on top.
struct OpenedLater {
  template <class E>
  bool operator()(const E& a, const E& b) const {
    return a.key != b.key ? a.key > b.key : a.seq > b.seq;
  }
};
}  // namespace

void LeadQueue::push(const Lead& lead, double key) {
  heap_.push_back({key, seq_++, lead});
  std::push_heap(heap_.begin(), heap_.end(), OpenedLater{});
}

Lead LeadQueue::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), OpenedLater{});
  const Lead lead = heap_.back().lead;
  heap_.pop_back();
  return lead;
}

void LeadQueue::rebuild() { std::make_heap(heap_.begin(), heap_.end(), OpenedLater{}); }

}  // namespace gunflow
