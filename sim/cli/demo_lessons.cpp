#include "demo_lessons.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace gunflow::cli {
namespace fs = std::filesystem;

const std::vector<PolicyLesson>& policy_lessons() {
  static const std::vector<PolicyLesson> lessons = {
      {"multiple_rifle_reporting", "Multiple rifle sales reporting",
       "Dealers in the listed states report a buyer who takes two or more listed rifles (AR- and AK-type) within "
       "five business days, as they already must for handguns. Each report is a lead for ATF investigators; "
       "trafficking networks at once keep each visit under ten rifles, and those caught learn to split purchases "
       "to stay under the threshold.",
       "Watch reports and leads rise. Investigators open a few in a hundred rifle reports, as ATF did in 2011-2012, "
       "and those cases take out buyers of rifles; but they take the place of other investigations, so arrests "
       "hardly move in total. The flow falls only a little: networks split purchases."},
      {"bmg50_ban", ".50-caliber rifle ban",
       "Retail and second-hand sales of .50 BMG rifles are closed in the states in scope. Networks buy elsewhere "
       "where they can, and a network whose home state bans them substitutes an AR-type rifle.",
       ".50 rifles are a small share of the flow: the total barely moves, a lesson about targeting."},
      {"assault_weapons_ban", "Assault weapons ban",
       "New sales of AR- and AK-type rifles are closed in the states in scope; with grandfathering the second-hand "
       "stock persists and decays over the years; some orders switch to other long guns.",
       "The largest cut of any single policy, at once, and more as the grandfathered stock decays; homicides respond "
       "slowly and far less than the flow."},
      {"import_ban_enforcement", "Enforce the import ban on assault rifles",
       "Enforcing the federal ban on imports of non-sporting assault rifles blocks a share of AK-type rifles; "
       "networks that ordered one buy an AR-type rifle instead.",
       "Guns switch class rather than disappear: the total hardly changes."},
      {"atf_capacity", "More ATF investigators",
       "More investigators work the queue of leads (multiple-sale reports, traces, refusals), so more straw "
       "purchasing cases close, more networks are disrupted and their guns seized.",
       "Arrests and investigation seizures rise strongly; the flow falls only a little as networks are replaced."},
      {"dealer_compliance", "Dealer compliance enforcement",
       "More ATF inspections of licensed dealers, and a higher chance that a corrupt dealer found loses its "
       "licence, cut the supply through corrupt dealers.",
       "The corrupt-dealer channel shrinks and networks move to straw purchases: displacement between channels."},
      {"universal_background_checks", "Universal background checks",
       "Private and gun-show sales in the states in scope need a background check, as in states that had them in "
       "2010, which makes the unlicensed channel much harder to use.",
       "Unlicensed sales fall sharply, but networks turn to straw buyers at dealers: the flow falls by about one "
       "percent. On the map, buying moves between US states: California, which had checks already, sells a quarter "
       "more, and states that had none, such as Nevada, sell less."},
      {"bulk_ammunition_reporting", "Bulk ammunition reporting",
       "Large-volume ammunition purchases are registered; a flagged purchase points investigators at the network "
       "behind it.",
       "With the default flag rate the effect is too small to see in a short run: a lesson about effect sizes."},
      {"kit_controls", "Controls on kits and parts",
       "Unassembled kits and parts are blocked for a share of orders (networks buy handguns instead) and the kits "
       "still sold carry serial numbers, so they can be traced.",
       "Kits become traceable: traces of US guns can rise even as the flow falls."},
      {"southbound_inspection", "Southbound inspections at the border",
       "Customs officers inspect more southbound vehicles at the listed ports of entry. Guns hidden in an inspected "
       "vehicle may be found and seized; networks learn the risk and reroute to other ports and to crossings "
       "between ports.",
       "Seizures rise at the listed ports while loads shift to other crossings: compare the two maps."},
      {"etrace_expansion", "eTrace expansion",
       "Mexican authorities submit more recovered guns to eTrace and more traces identify the purchaser, giving "
       "investigators more leads.",
       "Traces jump at once; what we observe changes far more than the flow itself."},
      {"firearm_marking", "Firearm marking",
       "Guns first sold while the policy is in force carry marks that make traces succeed more often. Older guns "
       "in the arsenals are unmarked.",
       "Nothing changes at first: only guns sold after the start are marked, and they take years to be recovered."},
      {"vetting", "Vetting of Mexican police and military",
       "Less corruption in Mexico means more recoveries of guns from criminal arsenals, and less diversion of "
       "lawfully exported guns.",
       "Recoveries and traces rise, the arsenals shrink a little, and firearm homicides follow."},
      {"suspend_export_licences", "Suspend export licences",
       "Stop licensing gun sales to Mexican military and police, so no lawful exports are diverted to criminals.",
       "Exports are a small source next to trafficking: the totals barely move."},
      {"straw_purchase_penalties", "Longer sentences for straw purchasing",
       "Straw purchasing and trafficking become federal crimes of their own with sentences up to 15 years (as in "
       "the 2022 law). Some people a network asks to buy guns for it now say no, so the network has to look again.",
       "Longer sentences deter only a little: recruits decline a few times in a hundred and the flow barely moves."},
  };
  return lessons;
}

namespace {
ParamValue value_of(const YAML::Node& n) {
  ParamValue v;
  if (n.IsSequence()) {
    v.kind = ParamValue::Kind::kList;
    for (const auto& e : n) v.list.push_back(e.as<std::string>());
  } else if (n.as<std::string>() == "true" || n.as<std::string>() == "false") {
    v.kind = ParamValue::Kind::kBool;
    v.flag = n.as<bool>();
  } else {
    v.number = n.as<double>();
  }
  return v;
}
}  // namespace

std::vector<PolicyDefaults> read_policy_defaults(const fs::path& dir, const std::vector<std::string>& registry) {
  std::vector<PolicyDefaults> out;
  for (const std::string& name : registry) out.push_back({name, "", "2011-01-01", {}});
  if (!fs::is_directory(dir)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (!e.is_symlink() && e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());  // the file named after the block wins: see below
  for (const fs::path& f : files) {
    const YAML::Node doc = YAML::LoadFile(f.string());
    if (!doc["policies"] || !doc["policies"].IsMap()) continue;
    for (const auto& block : doc["policies"]) {
      const std::string name = block.first.as<std::string>();
      auto it = std::find_if(out.begin(), out.end(), [&](const PolicyDefaults& d) { return d.name == name; });
      if (it == out.end() || (!it->file.empty() && f.stem() != name)) continue;
      it->file = "policies/" + f.filename().string();
      it->params.clear();
      for (const auto& kv : block.second) {
        const std::string key = kv.first.as<std::string>();
        if (key == "start")
          it->start = kv.second.as<std::string>();
        else if (key != "enabled" && key != "end")
          it->params.emplace_back(key, value_of(kv.second));
      }
    }
  }
  return out;
}

const std::vector<std::string>& demo_metrics() {
  static const std::vector<std::string> m = {
      "guns_trafficked", "guns_arrived_mexico", "us_border_seizures", "us_investigation_seizures",  "arrests", "traces",
      "mx_recoveries",   "arsenal_stock",       "homicides_firearm",  "trafficker_cost_per_gun_usd"};
  return m;
}

std::string metric_title(const std::string& metric) {
  static const std::vector<std::pair<std::string, std::string>> titles = {
      {"guns_trafficked", "Guns bought for trafficking"},
      {"guns_arrived_mexico", "Guns reaching Mexican states"},
      {"us_border_seizures", "Guns seized at the border (southbound)"},
      {"us_investigation_seizures", "Guns seized in US investigations"},
      {"arrests", "Arrests in US trafficking cases"},
      {"traces", "Recovered guns traced (eTrace)"},
      {"mx_recoveries", "Guns recovered in Mexico"},
      {"arsenal_stock", "Guns held by criminal groups (year end)"},
      {"homicides_firearm", "Firearm homicides in Mexico"},
      {"homicides", "Homicides in Mexico"},
      {"trafficker_cost_per_gun_usd", "Traffickers' cost per gun"}};
  for (const auto& [code, title] : titles)
    if (code == metric) return title;
  return metric;
}

}  // namespace gunflow::cli
