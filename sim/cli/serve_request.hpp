#pragma once
// `gunflow serve`'s request handling without a socket: the JSON body of POST /api/run →
// a checked request → the overlay scenario, built as a YAML document (never by pasting
// request text into YAML), and the same-origin check. Kept apart from serve.cpp so that
// unit tests and the libFuzzer target (tests/fuzz/fuzz_serve_request.cpp) reach it.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gunflow::cli {

/// A request the server answers with 400 and this message.
class RequestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A value of a policy parameter: a number, a switch, or a list of codes (states,
/// crossings, classes).
struct ParamValue {
  enum class Kind { kNumber, kBool, kList } kind = Kind::kNumber;
  double number = 0;
  bool flag = false;
  std::vector<std::string> list;
  bool operator==(const ParamValue&) const = default;
};

/// A policy switched on by a request: its start date and the parameters it sets.
struct PolicyChoice {
  std::string name;   ///< block name from the registry
  std::string start;  ///< YYYY-MM-DD
  std::vector<std::pair<std::string, ParamValue>> params;
  bool operator==(const PolicyChoice&) const = default;
};

/// The parameters the page may set for each policy, with their defaults (the keys a
/// policy's file under scenarios/policies/ sets); a request may set only these, with
/// a value of the default's kind.
using PolicyParams = std::vector<std::pair<std::string, std::vector<std::pair<std::string, ParamValue>>>>;

struct RunRequest {
  std::string scenario;                ///< one of the offered names
  std::vector<PolicyChoice> policies;  ///< in request order
  std::uint64_t replications = 4;
};

inline constexpr std::uint64_t kMinServeReplications = 2, kMaxServeReplications = 50;
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;

/// Parses and checks a request body: a JSON object with exactly the fields `scenario`
/// (string, one of `offered`), optional `policies` (object: a name in `policies` — the
/// registry's, policy_registry() — → date string "YYYY-MM-DD") and optional
/// `replications` (integer in [2, 50]). Anything else — another field, another type, a
/// value out of range — throws RequestError.
RunRequest parse_run_request(std::string_view body, const std::vector<std::string>& offered,
                             const std::vector<std::string>& policies);
/// The same, where a policy may also be an object {"start": "YYYY-MM-DD", "params":
/// {key: value}} with keys of `params` (a number where the default is a number, true or
/// false where it is a switch, an array of at most 64 codes of letters, digits and '_'
/// where it is a list). The chosen policies' unset parameters take their defaults, so the
/// overlay states every value the run used.
RunRequest parse_run_request(std::string_view body, const std::vector<std::string>& offered,
                             const PolicyParams& params);

/// The overlay scenario of a request: `extends: <base>`, simulation.name and the chosen
/// policies switched on from their dates with their parameters, emitted by yaml-cpp.
std::string overlay_yaml(const std::string& base_path, const RunRequest& request);

/// Whether a request may start a run: its Host is the address the server listens on or a
/// loopback name (localhost, 127.0.0.1, [::1]) with the server's port, and its Origin, if
/// any, is http:// followed by that same host. Stops other web sites (DNS rebinding, a
/// cross-site form or fetch) from starting runs through a user's browser.
bool request_origin_allowed(std::string_view host_header, std::string_view origin_header,
                            const std::string& listen_host, int port);

}  // namespace gunflow::cli
