#include "serve_request.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "gunflow/core/date.hpp"

namespace gunflow::cli {
using nlohmann::json;
namespace {

/// A value for a message: JSON-quoted, ASCII, its first 100 characters.
std::string shown(const std::string& s) {
  // Cut on a whole character of the original (never inside an escape), and say so.
  constexpr std::size_t kShown = 100;
  std::size_t cut = std::min(s.size(), kShown);
  while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  const std::string quoted = json(s.substr(0, cut)).dump(-1, ' ', true, json::error_handler_t::replace);
  return cut < s.size() ? quoted + "…" : quoted;
}

/// A date the way the schema writes them: exactly YYYY-MM-DD, a real calendar day.
std::string checked_date(const std::string& policy, const json& v) {
  if (!v.is_string()) throw RequestError("policies." + policy + ": the start date must be a string \"YYYY-MM-DD\"");
  const std::string& s = v.get_ref<const std::string&>();
  const bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                     std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  const std::optional<Date> d = shape ? Date::parse(s) : std::nullopt;
  if (!d) throw RequestError("policies." + policy + ": " + shown(s) + " is not a date YYYY-MM-DD");
  return d->to_string();
}

const std::vector<std::pair<std::string, ParamValue>>* params_of(const PolicyParams& all, const std::string& policy) {
  for (const auto& [name, params] : all)
    if (name == policy) return &params;
  return nullptr;
}

/// A parameter value of the default's kind, or RequestError.
ParamValue checked_param(const std::string& where, const ParamValue& def, const json& v) {
  ParamValue out;
  out.kind = def.kind;
  if (def.kind == ParamValue::Kind::kNumber) {
    if (!v.is_number() || !std::isfinite(v.get<double>())) throw RequestError(where + ": must be a number");
    out.number = v.get<double>();
  } else if (def.kind == ParamValue::Kind::kBool) {
    if (!v.is_boolean()) throw RequestError(where + ": must be true or false");
    out.flag = v.get<bool>();
  } else {
    if (!v.is_array() || v.size() > 64) throw RequestError(where + ": must be a list of at most 64 codes");
    for (const json& e : v) {
      const bool code = e.is_string() && !e.get_ref<const std::string&>().empty() &&
                        e.get_ref<const std::string&>().size() <= 40 &&
                        std::all_of(e.get_ref<const std::string&>().begin(), e.get_ref<const std::string&>().end(),
                                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
      if (!code) throw RequestError(where + ": each entry must be a code of letters, digits and '_'");
      out.list.push_back(e.get<std::string>());
    }
  }
  return out;
}

PolicyChoice checked_policy(const std::string& p, const json& v, const PolicyParams& all) {
  const auto* defaults = params_of(all, p);
  if (defaults == nullptr) throw RequestError("unknown policy " + shown(p) + " (see /api/policies)");
  PolicyChoice choice{p, "", {}};
  if (v.is_string()) {
    choice.start = checked_date(p, v);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.items()) {
      if (k == "start") {
        choice.start = checked_date(p, x);
      } else if (k == "params" && !x.is_object()) {
        throw RequestError("policies." + p + ".params: must be an object {\"name\": value, ...}");
      } else if (k == "params") {
        for (const auto& [k2, value] : x.items()) {
          const std::string& key = k2;  // clang before 16 cannot capture a structured binding
          const auto it =
              std::find_if(defaults->begin(), defaults->end(), [&](const auto& d) { return d.first == key; });
          if (it == defaults->end()) throw RequestError("policies." + p + ".params: unknown parameter " + shown(key));
          choice.params.emplace_back(key, checked_param("policies." + p + "." + key, it->second, value));
        }
      } else {
        throw RequestError("policies." + p + ": unknown field " + shown(k) + " (start and params are accepted)");
      }
    }
    if (choice.start.empty()) throw RequestError("policies." + p + ": the start date is missing");
  } else {
    throw RequestError("policies." + p +
                       ": the start date must be a string \"YYYY-MM-DD\" (or an object {\"start\", \"params\"})");
  }
  // Unset parameters take the policy file's values, so the overlay states them all.
  for (const auto& d : *defaults)
    if (std::none_of(choice.params.begin(), choice.params.end(), [&](const auto& q) { return q.first == d.first; }))
      choice.params.emplace_back(d.first, d.second);
  return choice;
}

}  // namespace

RunRequest parse_run_request(std::string_view body, const std::vector<std::string>& offered,
                             const std::vector<std::string>& policies) {
  PolicyParams none;
  for (const std::string& p : policies) none.emplace_back(p, std::vector<std::pair<std::string, ParamValue>>{});
  return parse_run_request(body, offered, none);
}

RunRequest parse_run_request(std::string_view body, const std::vector<std::string>& offered,
                             const PolicyParams& policies) {
  if (body.size() > kMaxRequestBytes) throw RequestError("request body is larger than 64 KiB");
  json j;
  try {
    j = json::parse(body.begin(), body.end(), nullptr, true, false);
  } catch (const json::exception&) {
    throw RequestError("request body is not JSON");
  }
  if (!j.is_object()) throw RequestError("request body must be a JSON object");
  RunRequest r;
  bool have_scenario = false;
  for (const auto& [key, v] : j.items()) {
    if (key == "scenario") {
      if (!v.is_string()) throw RequestError("scenario: must be a string (one of /api/scenarios)");
      r.scenario = v.get<std::string>();
      if (std::find(offered.begin(), offered.end(), r.scenario) == offered.end())
        throw RequestError("unknown scenario " + shown(r.scenario));  // never a path the page did not offer
      have_scenario = true;
    } else if (key == "policies") {
      if (!v.is_object()) throw RequestError("policies: must be an object of policy name → start date");
      for (const auto& [p, choice] : v.items()) r.policies.push_back(checked_policy(p, choice, policies));
    } else if (key == "replications") {
      if (!v.is_number_integer()) throw RequestError("replications: must be a whole number from 2 to 50");
      const bool in_range = v.is_number_unsigned() ? v.get<std::uint64_t>() >= kMinServeReplications &&
                                                         v.get<std::uint64_t>() <= kMaxServeReplications
                                                   : false;
      if (!in_range) throw RequestError("replications: must be a whole number from 2 to 50");
      r.replications = v.get<std::uint64_t>();
    } else {
      throw RequestError("unknown field " + shown(key) + " (scenario, policies and replications are accepted)");
    }
  }
  if (!have_scenario) throw RequestError("scenario: missing (one of /api/scenarios)");
  return r;
}

std::string overlay_yaml(const std::string& base_path, const RunRequest& request) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "extends" << YAML::Value << YAML::DoubleQuoted << base_path;
  out << YAML::Key << "simulation" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value
      << "with-policies" << YAML::EndMap;
  if (!request.policies.empty()) {
    out << YAML::Key << "policies" << YAML::Value << YAML::BeginMap;
    for (const PolicyChoice& p : request.policies) {
      out << YAML::Key << p.name << YAML::Value << YAML::BeginMap << YAML::Key << "enabled" << YAML::Value << true
          << YAML::Key << "start" << YAML::Value << YAML::DoubleQuoted << p.start;
      for (const auto& [key, v] : p.params) {
        out << YAML::Key << key << YAML::Value;
        if (v.kind == ParamValue::Kind::kNumber) {
          char text[32];
          const auto end = std::to_chars(text, text + sizeof text, v.number).ptr;  // shortest: 0.1 stays 0.1
          out << std::string(text, end);
        } else if (v.kind == ParamValue::Kind::kBool) {
          out << v.flag;
        } else {
          out << YAML::Flow << YAML::BeginSeq;
          for (const std::string& code : v.list) out << YAML::DoubleQuoted << code;
          out << YAML::EndSeq;
        }
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

bool request_origin_allowed(std::string_view host_header, std::string_view origin_header,
                            const std::string& listen_host, int port) {
  const std::string suffix = ":" + std::to_string(port);
  auto host_ok = [&](std::string_view h) {
    if (h.size() <= suffix.size() || h.substr(h.size() - suffix.size()) != suffix) return false;
    const std::string_view name = h.substr(0, h.size() - suffix.size());
    return name == "localhost" || name == "127.0.0.1" || name == "[::1]" ||
           (!listen_host.empty() && listen_host != "0.0.0.0" && listen_host != "::" && name == listen_host);
  };
  if (!host_ok(host_header)) return false;
  if (origin_header.empty()) return true;  // not sent by a browser's cross-site request, nor by curl
  const std::string_view scheme = "http://";
  return origin_header.size() > scheme.size() && origin_header.substr(0, scheme.size()) == scheme &&
         origin_header.substr(scheme.size()) == host_header;
}

}  // namespace gunflow::cli
