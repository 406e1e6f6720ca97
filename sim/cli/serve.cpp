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

#include "demo_page.hpp"
#include "gunflow/core/errors.hpp"
#include "gunflow/engine/compare_job.hpp"
#include "gunflow/engine/interrupt.hpp"
#include "gunflow/io/atomic_file.hpp"
#include "gunflow/io/svg_chart.hpp"
#include "gunflow/scenario/loader.hpp"
#include "gunflow/scenario/schema_policies.hpp"
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

std::vector<std::string> list_policies() {
  std::vector<std::string> out;
  for (const PolicyInfo& p : policy_registry()) out.push_back(p.name);
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

/// Loads the overlay from a private temporary file (outside the results directory, so an
/// invalid request leaves nothing behind); InputError with the located problems.
void validate_overlay(const std::string& overlay) {
  std::string name = (fs::temp_directory_path() / "gunflow-serve-XXXXXX.yaml").string();
  const int fd = ::mkstemps(name.data(), 5);
  if (fd < 0) throw IoError(name, std::strerror(errno));
  const bool written = ::write(fd, overlay.data(), overlay.size()) == static_cast<ssize_t>(overlay.size());
  ::close(fd);
  try {
    if (!written) throw IoError(name, "cannot write the request's scenario");
    (void)load_scenario(name);
  } catch (...) {
    ::unlink(name.c_str());
    throw;
  }
  ::unlink(name.c_str());
}

struct Job {
  std::mutex mutex;
  std::string state = "idle";  // idle, running, done, error
  std::string error;
  std::uint64_t done = 0, total = 0;
  std::string result_html;
  std::thread worker;
};

std::string result_fragment(const json& cmp) {
  const json& c = cmp.at("comparisons").at(0);
  const auto num = [](const json& v) { return v.is_number() ? v.get<double>() : 0.0; };
  std::string h =
      "<h2>Effect of the policies (last year, paired 95% CI)</h2><table id=\"effects\"><tr><th>metric</th>"
      "<th>without</th><th>with</th><th>change</th><th>95% CI</th></tr>";
  std::vector<svg::Bar> states, crossings, regions;
  for (const json& m : c.at("metrics")) {
    const std::string metric = m.at("metric"), key = m.at("key");
    const json& y = m.at("years").back();
    if (key == "total" && (metric == "guns_trafficked" || metric == "us_border_seizures" || metric == "traces" ||
                           metric == "arrests" || metric == "homicides" || metric == "homicides_firearm"))
      h += "<tr data-metric=\"" + metric + "\"><td>" + metric + "</td><td>" + svg::number(num(y.at("base_mean"))) +
           "</td><td>" + svg::number(num(y.at("mean"))) + "</td><td class=\"diff\" data-value=\"" +
           std::to_string(num(y.at("diff"))) + "\">" + svg::number(num(y.at("diff"))) +
           (y.at("diff_pct").is_number() ? " (" + svg::number(num(y.at("diff_pct"))) + "%)" : std::string()) +
           "</td><td>[" + svg::number(num(y.at("diff_ci_low"))) + ", " + svg::number(num(y.at("diff_ci_high"))) +
           "]</td></tr>";
    const double v = num(y.at("mean"));
    if (metric == "guns_trafficked_by_source_state") states.push_back({key, v, v, v});
    if (metric == "guns_by_crossing") crossings.push_back({key, v, v, v});
    if (metric == "guns_arrived_by_region") regions.push_back({key, v, v, v});
  }
  h += "</table>";
  auto top = [](std::vector<svg::Bar> b, std::size_t n) {
    std::sort(b.begin(), b.end(), [](const svg::Bar& x, const svg::Bar& y) { return x.value > y.value; });
    if (b.size() > n) b.resize(n);
    return b;
  };
  h += "<h2>The iron river with the policies (last year)</h2>" + svg::flow_map({{"US source states", top(states, 8)},
                                                                                {"Crossings", top(crossings, 10)},
                                                                                {"Mexican states", top(regions, 10)}});
  return h;
}

void run_job_async(Job& job, const fs::path& scenario, const std::string& overlay, std::uint64_t reps,
                   const fs::path& dir, int threads) {
  try {
    fs::create_directories(dir);
    const fs::path file = dir / "scenario.yaml";
    write_file_atomic(file.string(), overlay);
    std::vector<LoadedScenario> scenarios = {load_scenario(scenario.string()), load_scenario(file.string())};
    scenarios[1].settings.simulation.name = "with-policies";
    const CompareReport r =
        compare_job(scenarios, RunPlan{1, reps}, ExecutionConfig{threads, (dir / "out").string(), true, true},
                    single_process(), [&](std::uint64_t done, std::uint64_t total) {
                      const std::lock_guard lock(job.mutex);
                      job.done = done;
                      job.total = total;
                    });
    (void)r;
    const std::string html = result_fragment(json::parse(read_file((dir / "out" / "compare.json").string())));
    const std::lock_guard lock(job.mutex);
    job.result_html = html;
    job.state = "done";
  } catch (const std::exception& e) {
    const std::lock_guard lock(job.mutex);
    job.state = "error";
    job.error = e.what();
  }
}
}  // namespace

int serve(const ServeOptions& o) {
  const fs::path root = fs::absolute(o.scenarios_dir);
  if (!fs::is_directory(root)) {
    std::cerr << "gunflow serve: " << root.string() << ": no scenarios directory (use --scenarios)\n";
    return static_cast<int>(ExitCode::kInput);
  }
  const std::vector<std::string> scenarios = list_scenarios(root);
  const std::vector<std::string> policies = list_policies();
  Job job;
  int counter = 0;  // under job.mutex
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kDemoPage, "text/html; charset=utf-8");
  });
  server.Get("/api/scenarios", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json(scenarios).dump(), "application/json");
  });
  server.Get("/api/policies", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json(policies).dump(), "application/json");
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
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(what, "text/plain");
  });
  server.Post("/api/run", [&](const httplib::Request& req, httplib::Response& res) {
    RunRequest request;
    try {
      request = parse_run_request(req.body, scenarios, policies);
    } catch (const RequestError& e) {
      res.status = 400;
      return res.set_content(e.what(), "text/plain");
    }
    // The scenario is a YAML document built from the checked values, never request text.
    const std::string overlay = overlay_yaml((root / request.scenario).string(), request);
    const std::uint64_t reps = request.replications;
    std::lock_guard lock(job.mutex);
    if (job.state == "running") {
      res.status = 409;
      return res.set_content("a run is already in progress", "text/plain");
    }
    // Validate before starting, so the page gets the located message at once, and before
    // any run directory exists, so an invalid request leaves none.
    try {
      validate_overlay(overlay);
    } catch (const InputError& e) {
      res.status = 400;
      return res.set_content(e.what(), "text/plain");
    }
    const fs::path dir = claim_run_dir(fs::absolute(o.results_dir), counter);
    write_file_atomic((dir / "scenario.yaml").string(), overlay);
    if (job.worker.joinable()) job.worker.join();
    job.state = "running";
    job.done = 0;
    job.total = 2 * reps;
    job.error.clear();
    job.result_html.clear();
    job.worker = std::thread(run_job_async, std::ref(job), root / request.scenario, overlay, reps, dir, o.threads);
    res.set_content(json{{"started", true}}.dump(), "application/json");
  });
  server.Get("/api/status", [&](const httplib::Request&, httplib::Response& res) {
    const std::lock_guard lock(job.mutex);
    res.set_content(json{{"state", job.state}, {"done", job.done}, {"total", job.total}, {"error", job.error}}.dump(),
                    "application/json");
  });
  server.Get("/api/result", [&](const httplib::Request&, httplib::Response& res) {
    const std::lock_guard lock(job.mutex);
    res.set_content(job.result_html, "text/html; charset=utf-8");
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
  std::cout << "gunflow serve: http://" << o.host << ":" << o.port << "/ (Ctrl-C to stop)" << std::endl;
  // Ctrl-C or SIGTERM stops the server (and a demo run in flight). The handlers only set
  // a flag — the same one the jobs watch, since they install the same handlers — so a
  // watcher thread turns it into server.stop(); without it the jobs' handlers would
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
  if (job.worker.joinable()) job.worker.join();
  return stop.load() ? static_cast<int>(ExitCode::kInterrupted) : 0;
}

}  // namespace gunflow::cli
