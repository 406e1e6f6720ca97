// interrupt.hpp: Ctrl-C asks the drivers to stop; a second one kills at once. The flag
// is process-wide and cannot be cleared, so every check that raises a signal runs in a
// forked child (the suite's other jobs must not see a stop request).
#include <catch2/catch.hpp>

#include <csignal>

#include <sys/wait.h>
#include <unistd.h>

#include "gunflow/engine/interrupt.hpp"

using gunflow::install_stop_handlers;

namespace {
/// Runs `body` in a child process; returns its wait status.
template <class Body>
int in_child(Body body) {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}
}  // namespace

TEST_CASE("install_stop_handlers returns one flag, false until a signal arrives", "[engine][interrupt]") {
  const int status = in_child([] {
    const std::atomic<bool>& flag = install_stop_handlers();
    if (&flag != &install_stop_handlers()) return 2;  // idempotent: the same flag
    return flag.load() ? 3 : 0;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("the first SIGINT or SIGTERM sets the stop flag and the process carries on", "[engine][interrupt]") {
  for (const int sig : {SIGINT, SIGTERM}) {
    INFO("signal " << sig);
    const int status = in_child([sig] {
      const std::atomic<bool>& flag = install_stop_handlers();
      std::raise(sig);
      return flag.load() ? 0 : 1;
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}

TEST_CASE("a second SIGINT ends the process by that signal", "[engine][interrupt]") {
  const int status = in_child([] {
    install_stop_handlers();
    std::raise(SIGINT);
    std::raise(SIGINT);  // the default action: the child dies here
    return 0;
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
}

TEST_CASE("request_stop sets the flag and clear_stop_request clears it", "[engine][interrupt]") {
  const int status = in_child([] {
    const std::atomic<bool>& flag = install_stop_handlers();
    gunflow::request_stop();
    if (!flag.load()) return 1;
    gunflow::clear_stop_request();
    if (flag.load()) return 2;
    std::raise(SIGINT);  // after clearing, a Ctrl-C is again a first one: the process carries on
    return flag.load() ? 0 : 3;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
