#include "serve.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "demo_lessons.hpp"
#include "demo_page.hpp"
#include "demo_result.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema_policies.hpp"
#include "serve_jobs.hpp"
#include "serve_request.hpp"

// Last: httplib pulls in <resolv.h>, whose `_res` macro breaks Eigen headers included after it.
#include <httplib.h>

namespace gunflow::cli {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

/// Scenario files the page may offer: YAML under the scenarios directory, by relative name.
/// A symlink is never offered (nor followed into a directory): it could lead anywhere.
std::vector<std::string> list_scenarios(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (!e.is_symlink() && e.is_regular_file() && e.path().extension() == ".yaml" &&
        e.path().string().find("/sweeps/") == std::string::npos &&
        e.path().string().find("/calibration/") == std::string::npos)
      out.push_back(fs::relative(e.path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

/// The next free results_dir/run-N, created with an exclusive mkdir: a directory that
/// exists (an earlier server's run, or another server's) is never reused.
fs::path claim_run_dir(const fs::path& results, int& counter) {
  fs::create_directories(results);
  for (;;) {
    const fs::path dir = results / ("run-" + std::to_string(++counter));
    if (::mkdir(dir.c_str(), 0777) == 0) return dir;
    if (errno != EEXIST) throw IoError(dir.string(), std::strerror(errno));
  }
}

/// `text` with every occurrence of the given paths removed.
std::string without_paths(std::string text, const std::vector<std::string>& paths) {
  for (const std::string& p : paths)
    for (std::size_t at; !p.empty() && (at = text.find(p)) != std::string::npos;) text.replace(at, p.size(), "…");
  return text;
}

/// A message for the page: the located problems without the server's file names (a
/// request's scenario is checked from a temporary file whose path means nothing to a
/// student, and a message naming a data table would show the server's layout).
std::string page_message(const InputError& e, const std::vector<std::string>& server_paths) {
  std::string out;
  for (const InputProblem& p : e.problems())
    out += (p.key_path.empty() ? "" : p.key_path + ": ") + without_paths(p.message, server_paths) + "\n";
  return out.empty() ? std::string("the scenario is not valid") : out;
}

constexpr const char* kQueueFull = "the queue is full (200 runs waiting); try again in a few minutes";

/// Loads the overlay from a private temporary file (outside the results directory, so an
/// invalid request leaves nothing behind); InputError with the located problems. A policy
/// that would change nothing (its dates miss the run) is refused too: on the page it would
/// show effects of zero with no word of why.
void validate_overlay(const std::string& overlay) {
  std::string name = (fs::temp_directory_path() / "gunflow-serve-XXXXXX.yaml").string();
  const int fd = ::mkstemps(name.data(), 5);
  if (fd < 0) throw IoError(name, std::strerror(errno));
  const bool written = ::write(fd, overlay.data(), overlay.size()) == static_cast<ssize_t>(overlay.size());
  ::close(fd);
  try {
    if (!written) throw IoError(name, "cannot write the request's scenario");
    const LoadedScenario loaded = load_scenario(name);
    if (!loaded.warnings.empty()) throw InputError(loaded.warnings);
  } catch (...) {
    ::unlink(name.c_str());
    throw;
  }
  ::unlink(name.c_str());
}

json policy_catalogue(const std::vector<PolicyDefaults>& defaults) {
  json out = json::array();
  for (const PolicyDefaults& d : defaults) {
    const auto lesson = std::find_if(policy_lessons().begin(), policy_lessons().end(),
                                     [&](const PolicyLesson& l) { return d.name == l.name; });
    json params = json::array();
    for (const auto& [key, v] : d.params) {
      json value = v.kind == ParamValue::Kind::kNumber ? json(v.number)
                   : v.kind == ParamValue::Kind::kBool ? json(v.flag)
                                                       : json(v.list);
      const char* kind = v.kind == ParamValue::Kind::kNumber ? "number"
                         : v.kind == ParamValue::Kind::kBool ? "bool"
                                                             : "list";
      params.push_back({{"key", key}, {"kind", kind}, {"default", value}});
    }
    const bool known = lesson != policy_lessons().end();
    out.push_back({{"name", d.name},
                   {"title", known ? lesson->title : d.name},
                   {"description", known ? lesson->description : ""},
                   {"notice", known ? lesson->notice : ""},
                   {"file", d.file},
                   {"start", d.start},
                   {"params", params}});
  }
  return out;
}

PolicyParams request_params(const std::vector<PolicyDefaults>& defaults) {
  PolicyParams out;
  for (const PolicyDefaults& d : defaults) out.emplace_back(d.name, d.params);
  return out;
}

/// One demo run: the base scenario against the overlay, paired; the result as HTML.
std::string run_demo(const fs::path& scenario, const fs::path& dir, std::uint64_t reps, int threads,
                     const std::string& start, const JobQueue::Progress& progress) {
  const fs::path file = dir / "scenario.yaml";
  // The demo always keeps the origin–destination tally: its maps are drawn from it.
  const std::vector<std::string> od = {"simulation.origin_destination=true"};
  std::vector<LoadedScenario> scenarios = {load_scenario(scenario.string(), od), load_scenario(file.string(), od)};
  scenarios[1].settings.simulation.name = "with-policies";
  const DataSettings& data = scenarios[0].settings.data;
  const geo::Places places = geo::read_places(data.us_states, data.crossings, data.mx_states);
  (void)compare_job(scenarios, RunPlan{1, reps}, ExecutionConfig{threads, (dir / "out").string(), true, true},
                    single_process(), progress);
  return demo_result_html(json::parse(read_file((dir / "out" / "compare.json").string())), places, start);
}

bool loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }
}  // namespace

int serve(const ServeOptions& o) {
  const fs::path root = fs::absolute(o.scenarios_dir);
  if (!fs::is_directory(root)) {
    std::cerr << "gunflow serve: " << root.string() << ": no scenarios directory (use --scenarios)\n";
    return static_cast<int>(ExitCode::kInput);
  }
  if (!loopback(o.host) && !o.classroom) {
    std::cerr << "gunflow serve: --host " << o.host
              << " would serve other machines; add --classroom to do that deliberately\n";
    return static_cast<int>(ExitCode::kInput);
  }
  if (o.host == "0.0.0.0" || o.host == "::") {
    std::cerr << "gunflow serve: bind the classroom address itself (e.g. --host 192.168.1.5 --classroom): the page "
                 "checks that requests name the address it serves\n";
    return static_cast<int>(ExitCode::kInput);
  }
  const std::vector<std::string> scenarios = list_scenarios(root);
  std::vector<std::string> registry;
  for (const PolicyInfo& p : policy_registry()) registry.push_back(p.name);
  const std::vector<PolicyDefaults> defaults = read_policy_defaults(root / "policies", registry);
  const json catalogue = policy_catalogue(defaults);
  const PolicyParams params = request_params(defaults);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = o.parallel_runs > 0 ? static_cast<std::size_t>(o.parallel_runs) : std::max(1u, cores / 2);
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max<std::size_t>(1, cores / workers));
  const fs::path results = fs::absolute(o.results_dir);
  const std::vector<std::string> server_paths = {results.string(), root.string()};  // kept out of messages
  std::mutex dir_mutex;
  int counter = 0;  // under dir_mutex
  JobQueue queue(workers, 200);
  httplib::Server server;
  // A request is a few hundred bytes of JSON: refuse a large body before reading it all.
  server.set_payload_max_length(kMaxRequestBytes);
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kDemoPage, "text/html; charset=utf-8");
  });
  server.Get("/api/scenarios", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json(scenarios).dump(), "application/json");
  });
  server.Get("/api/policies", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(catalogue.dump(), "application/json");
  });
  server.Get("/api/limits", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"min_replications", kMinServeReplications},
                         {"max_replications", kMaxServeReplications},
                         {"parallel_runs", workers},
                         {"threads_per_run", threads}}
                        .dump(),
                    "application/json");
  });
  // Only pages served by this server start runs: another web site open in the same
  // browser (a cross-site fetch or form, or DNS rebinding) is refused before routing.
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (request_origin_allowed(req.get_header_value("Host"), req.get_header_value("Origin"), o.host, o.port))
      return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content("forbidden: requests must come from this server's own page (Host/Origin http://localhost:" +
                        std::to_string(o.port) + ")",
                    "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_exception_handler([&](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + without_paths(e.what(), server_paths);
    } catch (...) {
    }
    res.status = 500;
    res.set_content(what, "text/plain");
  });
  server.Post("/api/run", [&](const httplib::Request& req, httplib::Response& res) {
    RunRequest request;
    try {
      request = parse_run_request(req.body, scenarios, params);
    } catch (const RequestError& e) {
      res.status = 400;
      return res.set_content(e.what(), "text/plain");
    }
    // The scenario is a YAML document built from the checked values, never request text.
    const std::string overlay = overlay_yaml((root / request.scenario).string(), request);
    // Validate before queueing, so the page gets the located message at once, and before
    // any run directory exists, so an invalid request leaves none.
    try {
      validate_overlay(overlay);
    } catch (const InputError& e) {
      res.status = 400;
      return res.set_content(page_message(e, server_paths), "text/plain");
    }
    std::string start;
    for (const PolicyChoice& p : request.policies)
      if (start.empty() || p.start < start) start = p.start;
    if (queue.full()) {  // refused before a run directory exists (submit below checks again)
      res.status = 503;
      return res.set_content(kQueueFull, "text/plain");
    }
    fs::path dir;
    {
      const std::lock_guard lock(dir_mutex);
      dir = claim_run_dir(results, counter);
    }
    write_file_atomic((dir / "scenario.yaml").string(), overlay);
    const fs::path base = root / request.scenario;
    const std::uint64_t reps = request.replications;
    const std::string id = queue.submit(2 * reps, [=, &server_paths](const JobQueue::Progress& progress) {
      try {
        return run_demo(base, dir, reps, threads, start, progress);
      } catch (const InputError& e) {
        throw std::runtime_error(page_message(e, server_paths));
      } catch (const std::exception& e) {
        throw std::runtime_error("the run failed: " + without_paths(e.what(), server_paths));
      }
    });
    if (id.empty()) {
      std::error_code ec;
      fs::remove_all(dir, ec);  // filled between the check above and now: leave no stray directory
      res.status = 503;
      return res.set_content(kQueueFull, "text/plain");
    }
    const JobStatus s = queue.status(id);
    res.set_content(json{{"started", true}, {"job", id}, {"position", s.position}}.dump(), "application/json");
  });
  server.Get("/api/status", [&](const httplib::Request& req, httplib::Response& res) {
    const JobStatus s = queue.status(req.get_param_value("job"));
    if (s.state == "unknown") res.status = 404;  // the body still says so, for the page
    res.set_content(json{{"state", s.state},
                         {"position", s.position},
                         {"done", s.done},
                         {"total", s.total},
                         {"error", s.error},
                         {"parallel_runs", queue.workers()}}
                        .dump(),
                    "application/json");
  });
  server.Get("/api/result", [&](const httplib::Request& req, httplib::Response& res) {
    const JobStatus s = queue.status(req.get_param_value("job"));
    if (s.state == "unknown") {
      res.status = 404;
      return res.set_content(s.error, "text/plain");
    }
    res.set_content(s.result_html, "text/html; charset=utf-8");
  });
  // Exclusive: cpp-httplib's default options include SO_REUSEPORT, with which a second
  // server on the same port starts and shares the requests. SO_REUSEADDR alone still lets
  // a restart bind while old connections linger, and bind fails with EADDRINUSE while
  // another socket listens on the port.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  errno = 0;
  if (!server.bind_to_port(o.host, o.port)) {
    const int err = errno;
    std::cerr << "gunflow serve: cannot listen on " << o.host << ":" << o.port
              << (err == EADDRINUSE ? ": the port is already in use (another gunflow serve?); choose one with --port"
                  : err != 0        ? std::string(": ") + std::strerror(err)
                                    : std::string())
              << "\n";
    return static_cast<int>(ExitCode::kIo);
  }
  const bool ipv6 = o.host.find(':') != std::string::npos;  // a literal IPv6 address goes in brackets
  std::cout << "gunflow serve: http://" << (ipv6 ? "[" + o.host + "]" : o.host) << ":" << o.port << "/ (" << workers
            << " run" << (workers == 1 ? "" : "s") << " at once, " << threads << " thread" << (threads == 1 ? "" : "s")
            << " each; Ctrl-C to stop)" << std::endl;
  // Ctrl-C or SIGTERM stops the server (and the demo runs in flight). The handlers only
  // set a flag — the same one the jobs watch, since they install the same handlers — so
  // a watcher thread turns it into server.stop(); without it the jobs' handlers would
  // swallow the signal and the server would never exit.
  const std::atomic<bool>& stop = install_stop_handlers();
  std::atomic<bool> serving{true};
  std::thread watcher([&] {
    while (serving.load() && !stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  server.listen_after_bind();
  serving.store(false);
  watcher.join();
  return stop.load() ? static_cast<int>(ExitCode::kInterrupted) : 0;
}

}  // namespace gunflow::cli
