// lead_triage.hpp: the triage key (an exponential race on each lead's value) and the
// queue that opens leads in key order.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "gunflow/model/lead_triage.hpp"
#include "gunflow/rng/stream.hpp"

using namespace gunflow;

namespace {
TriageWeights weights() {
  TriageWeights w;
  w.weight = {1.0, 1.0, 0.25, 0.1, 2.0, 0.5};
  w.report_yield = 0.6;
  w.size_elasticity = 0.5;
  w.age_days = 100;
  return w;
}
Lead lead_of(LeadSource source, int guns, int day) {
  Lead l;
  l.source = source;
  l.guns = static_cast<std::uint16_t>(guns);
  l.created_day = day;
  return l;
}
}  // namespace

TEST_CASE("triage_key: value by source, size and freshness; weight 0 is never opened", "[model][lead_triage]") {
  const TriageWeights w = weights();
  const double e = 1.0;  // the same draw: only the value differs
  const double trace = triage_key(w, lead_of(LeadSource::kTrace, 1, 0), e);
  CHECK(triage_key(w, lead_of(LeadSource::kTip, 1, 0), e) < trace);           // worth more
  CHECK(triage_key(w, lead_of(LeadSource::kMultipleSale, 1, 0), e) > trace);  // worth less
  CHECK(triage_key(w, lead_of(LeadSource::kTrace, 4, 0), e) == Approx(trace - 0.5 * std::log(4.0)));
  CHECK(triage_key(w, lead_of(LeadSource::kTrace, 1, 50), e) == Approx(trace - 0.5));  // newer: worth more
  TriageWeights none = w;
  none.weight[index_of(LeadSource::kAmmunition)] = 0;
  CHECK(triage_key(none, lead_of(LeadSource::kAmmunition, 3, 0), e) == std::numeric_limits<double>::infinity());
}

TEST_CASE("Newer leads of equal value are opened first: age lowers a lead's value", "[model][lead_triage]") {
  // value(t) = w exp(-(t - created) / age_days): at any t the newer lead is worth more,
  // by exp(100 / 100) = e here, so a trace 100 days newer outranks a tip (weight 2).
  const TriageWeights w = weights();
  CHECK(triage_key(w, lead_of(LeadSource::kTrace, 1, 200), 1.0) <
        triage_key(w, lead_of(LeadSource::kTrace, 1, 100), 1.0));
  CHECK(triage_key(w, lead_of(LeadSource::kTrace, 1, 200), 1.0) <
        triage_key(w, lead_of(LeadSource::kTip, 1, 100), 1.0));
}

TEST_CASE("LeadQueue pops the smallest key first, ties in arrival order, and prunes", "[model][lead_triage]") {
  LeadQueue q;
  const double keys[] = {3.0, 1.0, 2.0, 1.0, 5.0};
  for (int i = 0; i < 5; ++i) {
    Lead l;
    l.trafficker = i;
    q.push(l, keys[i]);
  }
  REQUIRE(q.size() == 5);
  q.prune([](const Lead& l) { return l.trafficker != 2; });  // drops the key-2 lead
  CHECK(q.size() == 4);
  CHECK(q.pop().trafficker == 1);  // key 1, first to arrive
  CHECK(q.pop().trafficker == 3);  // key 1, second
  CHECK(q.pop().trafficker == 0);  // key 3
  CHECK(q.pop().trafficker == 4);
  CHECK(q.empty());
}

TEST_CASE("The exponential race opens a lead first with probability proportional to its value",
          "[model][lead_triage][statistical]") {
  // Two leads, values 1 (trace) and 0.25 (report): the trace wins with probability
  // 1 / 1.25 = 0.8. 20,000 races: sd of the share sqrt(0.8 * 0.2 / 20000) = 0.0028, so
  // ±0.012 is over 4 sd.
  const TriageWeights w = weights();
  Rng rng(7, StreamId::kSelfTest, 0, 0, 0);
  int trace_first = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double a = triage_key(w, lead_of(LeadSource::kTrace, 1, 0), -std::log(rng.uniform()));
    const double b = triage_key(w, lead_of(LeadSource::kMultipleSale, 1, 0), -std::log(rng.uniform()));
    trace_first += a < b;
  }
  CHECK(static_cast<double>(trace_first) / n == Approx(0.8).margin(0.012));
}

TEST_CASE("lead_yield: a report yields report_yield whatever its weight; a flag its weight over a trace's",
          "[model][lead_triage]") {
  // Expected: a refusal, a trace and a tip yield a trace's success (1); a multiple-sale
  // report of either form yields report_yield (0.6 here), not its weight (0.25 and 0.5):
  // how rarely ATF opens a report is the weight's business, and the reports it opens yield
  // cases about as often as traces (docs/ODD.md "Lead triage"); an ammunition flag, which
  // names no buyer and has no public figure, yields its weight over the trace's (0.1).
  const TriageWeights w = weights();
  CHECK(lead_yield(w, LeadSource::kTrace) == 1.0);
  CHECK(lead_yield(w, LeadSource::kRefusal) == 1.0);
  CHECK(lead_yield(w, LeadSource::kTip) == 1.0);
  CHECK(lead_yield(w, LeadSource::kMultipleSale) == 0.6);
  CHECK(lead_yield(w, LeadSource::kRifleReport) == 0.6);
  CHECK(lead_yield(w, LeadSource::kAmmunition) == Approx(0.1));
  TriageWeights out_of_range = w;  // a yield is a probability factor
  out_of_range.report_yield = 1.5;
  CHECK(lead_yield(out_of_range, LeadSource::kMultipleSale) == 1.0);
  out_of_range.report_yield = -0.5;
  CHECK(lead_yield(out_of_range, LeadSource::kRifleReport) == 0.0);
  // A flag without a trace weight: relative to the largest (the tip's 2).
  TriageWeights no_trace = w;
  no_trace.weight[index_of(LeadSource::kTrace)] = 0;
  CHECK(lead_yield(no_trace, LeadSource::kAmmunition) == Approx(0.05));
  CHECK(lead_yield(no_trace, LeadSource::kMultipleSale) == 0.6);
  TriageWeights none{};  // no weight at all: a flag yields nothing, a trace still a trace's
  CHECK(lead_yield(none, LeadSource::kAmmunition) == 0.0);
  CHECK(lead_yield(none, LeadSource::kTrace) == 1.0);
}
