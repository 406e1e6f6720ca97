// gunflow serve's request handling (sim/cli/serve_request.hpp): the JSON body of
// POST /api/run is checked field by field and the scenario is built as a YAML document,
// so request text can never become YAML keys; Host/Origin decide who may start runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <yaml-cpp/yaml.h>

#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema_policies.hpp"
#include "serve_request.hpp"

using gunflow::cli::overlay_yaml;
using gunflow::cli::parse_run_request;
using gunflow::cli::request_origin_allowed;
using gunflow::cli::RequestError;

namespace {
const std::vector<std::string> kOffered = {"baseline.yaml", "combined.yaml"};

std::vector<std::string> registry_names() {
  std::vector<std::string> out;
  for (const gunflow::PolicyInfo& p : gunflow::policy_registry()) out.push_back(p.name);
  return out;
}
const std::vector<std::string> kPolicies = registry_names();

std::string rejection(const std::string& body) {
  try {
    (void)parse_run_request(body, kOffered, kPolicies);
  } catch (const RequestError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("serve request: a valid body gives its fields") {
  const auto r = parse_run_request(
      R"({"scenario":"baseline.yaml","policies":{"kit_controls":"2011-01-01"},"replications":6})", kOffered, kPolicies);
  CHECK(r.scenario == "baseline.yaml");
  REQUIRE(r.policies.size() == 1);
  CHECK(r.policies[0].name == "kit_controls");
  CHECK(r.policies[0].start == "2011-01-01");
  CHECK(r.policies[0].params.empty());
  CHECK(r.replications == 6);
  CHECK(parse_run_request(R"({"scenario":"combined.yaml"})", kOffered, kPolicies).replications == 4);
}

TEST_CASE("serve request: YAML injected through a policy start date is refused") {
  const std::string body =
      R"({"scenario":"baseline.yaml","policies":{"kit_controls":"2011-01-01\"\nborder:\n  inspection_rate: 0.9\n#"}})";
  CHECK_THAT(rejection(body), Catch::Contains("policies.kit_controls") && Catch::Contains("not a date YYYY-MM-DD"));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","policies":{"kit_controls":"2011-02-30"}})"),
             Catch::Contains("not a date"));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","policies":{"kit_controls":" 2011-01-01"}})"),
             Catch::Contains("not a date"));
}

TEST_CASE("serve request: no data paths or other fields are taken from a request") {
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","data":{"us_states":"/etc/passwd"}})"),
             Catch::Contains("unknown field \"data\""));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","data.us_states":"/etc/passwd"})"),
             Catch::Contains("unknown field"));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","policies":{"data.us_states":"/etc/passwd"}})"),
             Catch::Contains("unknown policy"));
  CHECK_THAT(rejection(R"({"scenario":"../../etc/passwd"})"), Catch::Contains("unknown scenario"));
  CHECK_THAT(rejection(R"({"scenario":"/etc/passwd"})"), Catch::Contains("unknown scenario"));
}

TEST_CASE("serve request: wrong JSON types and ranges get a message") {
  CHECK_THAT(rejection("not json"), Catch::Contains("not JSON"));
  CHECK_THAT(rejection("[1,2]"), Catch::Contains("JSON object"));
  CHECK_THAT(rejection("{}"), Catch::Contains("scenario: missing"));
  CHECK_THAT(rejection(R"({"scenario":7})"), Catch::Contains("scenario: must be a string"));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","policies":["kit_controls"]})"),
             Catch::Contains("policies: must be"));
  CHECK_THAT(rejection(R"({"scenario":"baseline.yaml","policies":{"kit_controls":2011}})"),
             Catch::Contains("must be a string"));
  for (const char* reps : {"\"4\"", "4.5", "1", "51", "-3", "1e300", "true", "null", "18446744073709551615"})
    CHECK_THAT(rejection(std::string(R"({"scenario":"baseline.yaml","replications":)") + reps + "}"),
               Catch::Contains("replications: must be a whole number from 2 to 50"));
  CHECK_THAT(rejection(std::string(70 * 1024, ' ')), Catch::Contains("larger than"));
}

TEST_CASE("serve request: every registry policy is accepted") {
  for (const gunflow::PolicyInfo& p : gunflow::policy_registry())
    CHECK(parse_run_request(R"({"scenario":"baseline.yaml","policies":{")" + p.name + R"(":"2012-03-04"}})", kOffered,
                            kPolicies)
              .policies.size() == 1);
}

TEST_CASE("serve request: the overlay is a YAML document of exactly the checked values") {
  gunflow::cli::RunRequest r;
  r.scenario = "baseline.yaml";
  r.policies = {{"kit_controls", "2011-01-01", {}}, {"vetting", "2012-06-30", {}}};
  const std::string base = "/odd dir/with \"quotes\"\nand: newline #/baseline.yaml";
  const YAML::Node n = YAML::Load(overlay_yaml(base, r));
  CHECK(n.size() == 3);
  CHECK(n["extends"].as<std::string>() == base);
  CHECK(n["simulation"]["name"].as<std::string>() == "with-policies");
  CHECK(n["policies"].size() == 2);
  CHECK(n["policies"]["kit_controls"]["start"].as<std::string>() == "2011-01-01");
  CHECK(n["policies"]["kit_controls"]["enabled"].as<bool>());
  CHECK(n["policies"]["vetting"]["start"].as<std::string>() == "2012-06-30");
}

TEST_CASE("serve request: the overlay loads through the scenario loader") {
  gunflow::cli::RunRequest r;
  r.scenario = "baseline.yaml";
  r.policies = {{"kit_controls", "2011-01-01", {}}};
  const std::string dir = std::filesystem::temp_directory_path() / "gunflow_serve_overlay_test.yaml";
  {
    std::ofstream out(dir);
    out << overlay_yaml(std::filesystem::absolute("scenarios/baseline.yaml").string(), r);
  }
  const gunflow::LoadedScenario s = gunflow::load_scenario(dir);
  std::filesystem::remove(dir);
  CHECK(s.settings.simulation.name == "with-policies");
  CHECK(gunflow::find_policy("kit_controls")->window(s.settings.policies).enabled);
  CHECK(gunflow::find_policy("kit_controls")->window(s.settings.policies).start.to_string() == "2011-01-01");
}

namespace {
using gunflow::cli::ParamValue;
ParamValue number(double x) {
  ParamValue v;
  v.number = x;
  return v;
}
ParamValue list(std::vector<std::string> codes) {
  ParamValue v;
  v.kind = ParamValue::Kind::kList;
  v.list = std::move(codes);
  return v;
}
ParamValue flag(bool b) {
  ParamValue v;
  v.kind = ParamValue::Kind::kBool;
  v.flag = b;
  return v;
}
// The parameters the page offers, as the server reads them from scenarios/policies/.
const gunflow::cli::PolicyParams kParams = {
    {"southbound_inspection", {{"crossings", list({"laredo"})}, {"rate", number(0.1)}}},
    {"assault_weapons_ban", {{"grandfathering", flag(true)}, {"substitution", number(0.3)}}},
    {"kit_controls", {}}};
std::string param_rejection(const std::string& body) {
  try {
    (void)parse_run_request(body, kOffered, kParams);
  } catch (const RequestError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("serve request: policy parameters of the offered kinds, unset ones from the defaults") {
  const auto r = parse_run_request(
      R"({"scenario":"baseline.yaml","policies":{"southbound_inspection":{"start":"2011-03-01","params":{"rate":0.25}},)"
      R"("assault_weapons_ban":{"start":"2012-01-01","params":{"grandfathering":false}},"kit_controls":"2011-01-01"}})",
      kOffered, kParams);
  REQUIRE(r.policies.size() == 3);
  const auto policy = [&](const std::string& name) {
    for (const auto& p : r.policies)
      if (p.name == name) return p;
    FAIL("no policy " << name);
    return gunflow::cli::PolicyChoice{};
  };
  const auto south = policy("southbound_inspection");
  CHECK(south.start == "2011-03-01");
  REQUIRE(south.params.size() == 2);
  CHECK(south.params[0].first == "rate");
  CHECK(south.params[0].second.number == 0.25);
  CHECK(south.params[1].first == "crossings");  // not sent: the file's value
  CHECK(south.params[1].second.list == std::vector<std::string>{"laredo"});
  const auto awb = policy("assault_weapons_ban");
  REQUIRE(awb.params.size() == 2);
  CHECK_FALSE(awb.params[0].second.flag);
  CHECK(awb.params[1].second.number == 0.3);
  CHECK(policy("kit_controls").params.empty());
}

TEST_CASE("serve request: a parameter of another kind, name or shape is refused") {
  const std::string pre = R"({"scenario":"baseline.yaml","policies":{"southbound_inspection":{"start":"2011-01-01",)";
  CHECK_THAT(param_rejection(pre + R"("params":{"rate":"0.2"}}}})"), Catch::Contains("rate: must be a number"));
  CHECK_THAT(param_rejection(pre + R"("params":{"crossings":"laredo"}}}})"), Catch::Contains("list of at most 64"));
  CHECK_THAT(param_rejection(pre + R"("params":{"crossings":["la redo"]}}}})"), Catch::Contains("code of letters"));
  CHECK_THAT(param_rejection(pre + R"("params":{"crossings":["x\"]\nborder: {a: 1}"]}}}})"),
             Catch::Contains("code of letters"));
  CHECK_THAT(param_rejection(pre + R"("params":{"inspection_rate":0.9}}}})"), Catch::Contains("unknown parameter"));
  CHECK_THAT(param_rejection(pre + R"("end":"2012-01-01"}}})"), Catch::Contains("unknown field"));
  CHECK_THAT(param_rejection(R"({"scenario":"baseline.yaml","policies":{"southbound_inspection":{"params":{}}}})"),
             Catch::Contains("start date is missing"));
  CHECK_THAT(param_rejection(R"({"scenario":"baseline.yaml","policies":{"assault_weapons_ban":{"start":"2011-01-01",)"
                             R"("params":{"grandfathering":1}}}})"),
             Catch::Contains("true or false"));
}

TEST_CASE("serve request: parameters reach the overlay as typed values the loader accepts") {
  const auto r =
      parse_run_request(R"({"scenario":"baseline.yaml","policies":{"southbound_inspection":{"start":"2011-03-01",)"
                        R"("params":{"rate":0.25,"crossings":["laredo","nogales"]}}}})",
                        kOffered, kParams);
  const std::string file = std::filesystem::temp_directory_path() / "gunflow_serve_params_test.yaml";
  {
    std::ofstream out(file);
    out << overlay_yaml(std::filesystem::absolute("scenarios/baseline.yaml").string(), r);
  }
  const YAML::Node n = YAML::LoadFile(file);
  CHECK(n["policies"]["southbound_inspection"]["rate"].as<std::string>() == "0.25");
  CHECK(n["policies"]["southbound_inspection"]["crossings"].size() == 2);
  const gunflow::LoadedScenario s = gunflow::load_scenario(file);
  std::filesystem::remove(file);
  CHECK(s.settings.policies.southbound_inspection.rate == 0.25);
  CHECK(s.settings.policies.southbound_inspection.crossings == std::vector<std::string>{"laredo", "nogales"});
}

TEST_CASE("serve request: only this server's own pages may start runs") {
  CHECK(request_origin_allowed("127.0.0.1:8080", "", "127.0.0.1", 8080));
  CHECK(request_origin_allowed("localhost:8080", "http://localhost:8080", "127.0.0.1", 8080));
  CHECK(request_origin_allowed("[::1]:8080", "http://[::1]:8080", "127.0.0.1", 8080));
  CHECK(request_origin_allowed("10.0.0.5:8080", "http://10.0.0.5:8080", "10.0.0.5", 8080));
  CHECK_FALSE(request_origin_allowed("localhost:8080", "http://evil.example", "127.0.0.1", 8080));
  CHECK_FALSE(request_origin_allowed("localhost:8080", "null", "127.0.0.1", 8080));
  CHECK_FALSE(request_origin_allowed("localhost:8080", "http://localhost:9999", "127.0.0.1", 8080));
  CHECK_FALSE(request_origin_allowed("evil.example:8080", "http://evil.example:8080", "127.0.0.1", 8080));  // rebinding
  CHECK_FALSE(request_origin_allowed("localhost:9999", "", "127.0.0.1", 8080));
  CHECK_FALSE(request_origin_allowed("", "", "127.0.0.1", 8080));
  CHECK_FALSE(request_origin_allowed("10.0.0.5:8080", "", "0.0.0.0", 8080));
}
