// libFuzzer target for `gunflow serve`'s request handling (sim/cli/serve_request.cpp):
// bytes → the JSON body of POST /api/run → parse_run_request → overlay_yaml, and the
// bytes split into Host and Origin headers → request_origin_allowed. The contract:
//  - any body gives a RunRequest or a RequestError with a non-empty message, never a
//    crash, hang, leak or another exception type (the server would answer an empty 500);
//  - an accepted request holds only offered values: an offered scenario, known policies,
//    dates that are real YYYY-MM-DD days, replications in [2, 50];
//  - its overlay, read back with yaml-cpp, is exactly extends / simulation.name /
//    policies.<name>.{enabled, start} with the request's values: nothing a request says
//    can add a key (the injection of a policy date that opened `border:` and `data:`);
//  - request_origin_allowed never admits a Host other than loopback with the port.
// Self-contained (no scenario loading): it links serve_request.cpp and core/date.cpp
// only. Built with -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt) and with the plain
// replay_main.cpp (ctest fuzz_serve_replay, tests/fixtures/fuzz_serve/).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "fuzz_support.hpp"
#include "gunflow/core/date.hpp"
#include "serve_request.hpp"

const char gunflow_fuzz::kHarnessName[] = "fuzz_serve_request";

namespace {
using gunflow_fuzz::contract_broken;

const std::vector<std::string> kOffered = {"baseline.yaml", "combined.yaml", "policies/kit_controls.yaml"};
const std::vector<std::string> kPolicies = {"kit_controls", "vetting", "southbound_inspection", "atf_capacity"};

template <class V>
bool has(const V& v, const std::string& x) {
  for (const auto& e : v)
    if (e == x) return true;
  return false;
}

void check_overlay(const gunflow::cli::RunRequest& r) {
  const std::string base = "/srv/scenarios/" + r.scenario;
  const YAML::Node n = YAML::Load(gunflow::cli::overlay_yaml(base, r));
  if (!n.IsMap()) contract_broken("the overlay is not a mapping");
  const std::size_t keys = r.policies.empty() ? 2 : 3;
  if (n.size() != keys) contract_broken("the overlay has " + std::to_string(n.size()) + " top-level keys");
  if (n["extends"].as<std::string>() != base) contract_broken("extends changed");
  if (!n["simulation"].IsMap() || n["simulation"].size() != 1 ||
      n["simulation"]["name"].as<std::string>() != "with-policies")
    contract_broken("simulation changed");
  if (r.policies.empty()) return;
  const YAML::Node p = n["policies"];
  std::vector<std::string> names;
  for (const auto& choice : r.policies)
    if (!has(names, choice.name)) names.push_back(choice.name);
  if (!p.IsMap() || p.size() != names.size()) contract_broken("policies block has other keys");
  for (const auto& kv : p) {
    const std::string name = kv.first.as<std::string>();
    if (!has(kPolicies, name)) contract_broken("policy '" + name + "' in the overlay");
    if (!kv.second.IsMap() || kv.second.size() != 2 || !kv.second["enabled"].as<bool>())
      contract_broken("policy block of '" + name + "' has other keys");
    const std::string start = kv.second["start"].as<std::string>();
    if (!gunflow::Date::parse(start)) contract_broken("start '" + start + "' is not a date");
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    const gunflow::cli::RunRequest r = gunflow::cli::parse_run_request(body, kOffered, kPolicies);
    if (!has(kOffered, r.scenario)) contract_broken("scenario '" + r.scenario + "' was not offered");
    if (r.replications < 2 || r.replications > 50) contract_broken("replications out of range");
    for (const auto& choice : r.policies) {
      const std::string& name = choice.name;
      const std::string& start = choice.start;
      if (!choice.params.empty()) contract_broken("parameters accepted where none are offered");
      if (!has(kPolicies, name)) contract_broken("unknown policy '" + name + "' accepted");
      if (start.size() != 10 || !gunflow::Date::parse(start)) contract_broken("date '" + start + "' accepted");
    }
    check_overlay(r);
  } catch (const gunflow::cli::RequestError& e) {
    if (std::string(e.what()).empty()) contract_broken("a RequestError without a message");
  }
  // Host and Origin: the input split at its first newline.
  const std::size_t nl = body.find('\n');
  const std::string_view host = body.substr(0, nl);
  const std::string_view origin = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
  if (gunflow::cli::request_origin_allowed(host, origin, "127.0.0.1", 8080) && host != "localhost:8080" &&
      host != "127.0.0.1:8080" && host != "[::1]:8080")
    contract_broken("Host '" + std::string(host) + "' admitted");
  return 0;
}
