#pragma once
// Lead triage: every lead ATF receives, whatever its source, waits in one queue and is
// opened in order of a random key that makes the chance of being opened before another
// lead proportional to the lead's expected value (an exponential race). The value of a
// lead is a weight per source (how often such a lead becomes a trafficking case), its
// size (guns it implicates) to a power, and its freshness (it decays with age):
//   value(t) = weight[source] × size^size_elasticity × exp(-(t - created) / age_days).
// With E ~ Exp(1) drawn once per lead (keyed by the lead, so a policy that adds leads
// cannot move another lead's number), the lead with the smallest E / value(t) is
// opened first. Since exp(-(t - created)/age_days) has the same factor exp(-t/age_days)
// for every lead, the order never changes with t: the key
//   log E − log weight − size_elasticity × log size − created / age_days
// is fixed at creation, and the queue is a heap on it.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gunflow/core/catalog.hpp"

namespace gunflow {

/// Where a lead comes from.
enum class LeadSource : std::uint8_t {
  kRefusal,       ///< a compliant dealer refused a multi-gun sale and reported the buyer
  kTrace,         ///< a crime gun recovered in Mexico traced to a named purchaser
  kMultipleSale,  ///< a multiple-sale report of handguns (federal Form 3310.4, since 1975)
  kAmmunition,    ///< a flagged bulk ammunition purchase
  kTip,           ///< a referral from a southbound seizure: the courier points at the network
  kRifleReport,   ///< a multiple-sale report of listed rifles (Form 3310.12, under a reporting policy)
};
inline constexpr std::size_t kNumLeadSources = 6;
inline constexpr std::array<std::string_view, kNumLeadSources> kLeadSourceNames = {
    "refusal", "trace", "multiple_sale", "ammunition", "tip", "rifle_report"};
/// Whether a lead of this source is a multiple-sale report (of either form).
constexpr bool is_report(LeadSource s) { return s == LeadSource::kMultipleSale || s == LeadSource::kRifleReport; }
constexpr std::size_t index_of(LeadSource s) { return static_cast<std::size_t>(s); }

/// A straw-buyer lead targets one recruit; a network lead targets the network's use of
/// one channel (unlicensed sellers, a corrupt dealer, thefts).
enum class LeadKind : std::uint8_t { kStrawBuyer, kNetwork };

struct Lead {
  LeadKind kind = LeadKind::kStrawBuyer;
  Channel channel = Channel::kStraw;
  LeadSource source = LeadSource::kTrace;
  std::uint16_t guns = 1;  ///< guns the lead implicates (its size), at least 1
  std::int32_t trafficker = -1;
  std::uint32_t generation = 0;  ///< the network generation the lead is about
  std::int32_t buyer = -1;
  std::uint32_t buyer_person = 0;  ///< the person named: a straw buyer, or an unlicensed dealer (0: none)
  std::int32_t created_day = 0;
};

/// How leads are valued (EnforcementSettings' triage keys, in source order).
struct TriageWeights {
  std::array<double, kNumLeadSources> weight{};
  double size_elasticity = 0;
  double age_days = 1;
  double report_yield = 1;  ///< what an opened multiple-sale report yields, relative to a trace
};

/// The lead's fixed place in the queue (smaller is opened first); `e` is its Exp(1)
/// draw. +infinity for a source of weight 0 (never worth opening).
double triage_key(const TriageWeights& w, const Lead& lead, double e);

/// What an opened lead of `source` yields, relative to a named trace (a case cannot be more
/// than the investigation's own success):
/// - a refusal, a trace or a tip: 1;
/// - a multiple-sale report of either form: `report_yield`. ATF screens the reports it
///   receives and opens an investigation on few of them; the public count of what the
///   rifle reports' investigations led to puts their yield near a trace's (docs/ODD.md
///   "Lead triage"), so how rarely a report is opened is its weight's business, not its yield's;
/// - an ammunition flag: its weight over the trace's, at most 1 (a flag names no buyer and
///   no public figure gives its yield; without a trace weight, over the largest weight).
double lead_yield(const TriageWeights& w, LeadSource source);

/// The leads waiting to be opened, smallest key first. Ties are broken by arrival
/// order, so the order is a function of the keys and arrivals alone.
class LeadQueue {
 public:
  void push(const Lead& lead, double key);
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// Removes and returns the lead with the smallest key.
  Lead pop();
  /// Keeps only the leads for which keep(lead) is true (the queue's order is kept).
  template <class Keep>
  void prune(Keep keep) {
    std::size_t n = 0;
    for (const Entry& e : heap_)
      if (keep(e.lead)) heap_[n++] = e;
    heap_.resize(n);
    rebuild();
  }
  void clear() { heap_.clear(); }

 private:
  struct Entry {
    double key;
    std::uint64_t seq;
    Lead lead;
  };
  void rebuild();
  std::vector<Entry> heap_;
  std::uint64_t seq_ = 0;
};

}  // namespace gunflow
