// The series of lead triage and the border search: their catalogue entries, rows and
// derived shares, kept apart from metrics.cpp so each part of the model owns its block.
#include <algorithm>
#include <string>
#include <string_view>

#include "gunflow/model/lead_triage.hpp"
#include "gunflow/model/metrics.hpp"
#include "metric_reductions.hpp"

namespace gunflow {
namespace {
constexpr const char* kOneSeries = "total";
constexpr const char* kSourceKey = "lead source: refusal, trace, multiple_sale, ammunition, tip, rifle_report";
constexpr const char* kCrossingIdKey = "crossing id (data.crossings)";
constexpr const char* kCaseSizeKey = "guns attributed to the case: 0, 1, 2-5, 6-10, 11-50, 51+";
constexpr std::string_view kCaseSizeNames[kCaseSizeBins] = {"0", "1", "2-5", "6-10", "11-50", "51+"};
using metric_text::kRatio;
using metric_text::kSum;

const std::vector<MetricInfo> kTriageBorderCatalogue = {
    {"leads_by_source", "flow", "leads", kSourceKey,
     "leads by where they came from: a dealer's refusal, a trace naming a purchaser, a multiple-sale report of "
     "handguns (Form 3310.4), a bulk-ammunition flag, a tip (the referral of a southbound seizure) or a "
     "multiple-sale report of listed rifles (Form 3310.12, under multiple_rifle_reporting). Sums to leads.",
     kSum},
    {"leads_investigated_by_source", "flow", "leads", kSourceKey,
     "leads_investigated by source: investigations opened from the triaged queue (docs/ODD.md, lead triage).", kSum},
    {"arrests_by_source", "flow", "people", kSourceKey,
     "arrests by the source of the lead whose investigation ended in the arrest.", kSum},
    {"arrests_network_gone", "flow", "people", kOneSeries,
     "arrests of people named in a lead (straw buyers, unlicensed dealers who sold a traced gun bought new) whose "
     "network had folded, left the market or been dismantled by then, with enforcement.charge_former_buyers (a "
     "subset of arrests): the person is charged, but no network is left to disrupt.",
     kSum},
    {"cases_by_guns", "flow", "cases", kCaseSizeKey,
     "cases by the guns attributed to each (guns_in_cases per case): a straw buyer's guns, or the guns a network "
     "bought lately through the lead's channel. Sums to cases.",
     kSum},
    {"case_share_five_or_fewer_guns", "share", "share (0-1)", kOneSeries,
     "cases_by_guns of 0 to 5 guns / cases of the same year (ATF's trafficking investigations of 2017-2021: "
     "nearly 58%, with a mean of 16 guns per case).",
     kRatio},
    {"us_port_seizures", "flow", "guns", kOneSeries,
     "Guns found in southbound inspections at official ports of entry (CBP), a subset of us_border_seizures.", kSum},
    {"border_seizures_by_crossing", "flow", "guns", kCrossingIdKey,
     "us_border_seizures by crossing: the guns found in the vehicles inspected there.", kSum},
    {"border_vehicles_inspected", "flow", "vehicles", kOneSeries,
     "Vehicles carrying guns south that were selected for inspection (at a port) or stopped (between ports).", kSum},
    {"border_vehicles_found", "flow", "vehicles", kOneSeries,
     "Inspected vehicles whose hidden guns were found (the rest crossed with their guns).", kSum},
    {"guns_by_staging_city", "flow", "guns", "staging city id (data.staging_cities)",
     "Guns in loads shipped south from each staging city, seized or not (where the networks that shipped them "
     "stage).",
     kSum},
    {"us_seizure_share", "share", "share (0-1)", kOneSeries,
     "(us_border_seizures + us_investigation_seizures) / guns_trafficked of the same year, at most 1: every US-side "
     "seizure, the quantity the public estimate of the US-seized share (about 2%) measures.",
     kRatio},
};
}  // namespace

const std::vector<MetricInfo>& triage_border_catalogue() { return kTriageBorderCatalogue; }

void add_triage_border_rows(const World& w, MetricLayout& L, MetricRows& m) {
  m.leads_by_source.clear();
  m.leads_investigated_by_source.clear();
  m.arrests_by_source.clear();
  for (const auto name : kLeadSourceNames) m.leads_by_source.push_back(L.add("leads_by_source", std::string(name)));
  for (const auto name : kLeadSourceNames)
    m.leads_investigated_by_source.push_back(L.add("leads_investigated_by_source", std::string(name)));
  for (const auto name : kLeadSourceNames) m.arrests_by_source.push_back(L.add("arrests_by_source", std::string(name)));
  m.arrests_network_gone = L.add("arrests_network_gone");
  m.cases_by_guns.clear();
  for (const auto name : kCaseSizeNames) m.cases_by_guns.push_back(L.add("cases_by_guns", std::string(name)));
  m.case_share_five_or_fewer_guns = L.add("case_share_five_or_fewer_guns");
  m.us_port_seizures = L.add("us_port_seizures");
  m.border_seizures_by_crossing.clear();
  for (const auto& c : w.crossings) m.border_seizures_by_crossing.push_back(L.add("border_seizures_by_crossing", c.id));
  m.border_vehicles_inspected = L.add("border_vehicles_inspected");
  m.border_vehicles_found = L.add("border_vehicles_found");
  m.shipped_by_staging.clear();
  for (const auto& c : w.staging) m.shipped_by_staging.push_back(L.add("guns_by_staging_city", c.id));
  m.us_seizure_share = L.add("us_seizure_share");
}

void finalize_triage_border(const MetricRows& m, Eigen::ArrayXXd& v) {
  for (Eigen::Index y = 0; y < v.cols(); ++y) {
    const auto r = [&](std::size_t row) -> double& { return v(static_cast<Eigen::Index>(row), y); };
    const double seized = r(m.us_border_seizures) + r(m.us_investigation_seizures);
    r(m.us_seizure_share) = r(m.guns_trafficked) > 0 ? std::min(1.0, seized / r(m.guns_trafficked)) : 0.0;
    double few = 0;
    for (std::size_t b = 0; b <= case_size_bin(5); ++b) few += r(m.cases_by_guns[b]);
    r(m.case_share_five_or_fewer_guns) = r(m.cases) > 0 ? few / r(m.cases) : 0.0;
  }
}

}  // namespace gunflow
