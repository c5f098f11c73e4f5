// Running the real lockstep binary from a test: its exit code, stdout and
// stderr, optionally under a memory limit, with stdout redirected to a
// device, or interrupted by a signal once its stderr shows some text.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace lockstep::testing {

struct CliRun {
  int code = -1;   // the exit code; -1 if it ended by a signal
  int signal = 0;  // the signal that ended it, if one did
  std::string out, err;
};

struct CliOptions {
  std::string stdout_path;    // default: a scratch file, read back into CliRun::out
  bool close_stdout = false;  // start with fd 1 closed
  std::string stdin_path;     // default: /dev/null
  rlim_t address_space = 0;   // RLIMIT_AS in bytes, 0: none
  // Send `signal` once stderr contains `signal_after`;
  // the child must print it, or the test waits for its end.
  std::string signal_after;
  int signal = SIGINT;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files unique to this process: ctest runs the tests of a binary in parallel
// processes that share TempDir(). Removed first: a file left by an earlier
// process of the same pid must not pass for what this test's child wrote.
inline std::string Scratch(const std::string& name) {
  std::string path = ::testing::TempDir() + "/lockstep_cli_" + std::to_string(getpid()) + "_" + name;
  std::remove(path.c_str());
  return path;
}

inline std::vector<std::string> Words(const std::string& args) {
  std::vector<std::string> words;
  std::istringstream in(args);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Runs lockstep with exactly these arguments (no shell).
inline CliRun LockstepArgs(const std::vector<std::string>& args, const CliOptions& o = {}) {
  const std::string out = o.stdout_path.empty() ? Scratch("out") : o.stdout_path, err = Scratch("err");
  // $LOCKSTEP_TEST_BINARY runs the tests against another build (an older
  // one, to see them fail).
  const char* binary = std::getenv("LOCKSTEP_TEST_BINARY");
  std::vector<std::string> argv_text{binary != nullptr ? binary : LOCKSTEP_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int in_fd = open(o.stdin_path.empty() ? "/dev/null" : o.stdin_path.c_str(), O_RDONLY);
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) _exit(127);
    dup2(in_fd, 0);
    dup2(err_fd, 2);
    if (o.close_stdout) {
      close(1);
    } else {
      dup2(out_fd, 1);
    }
    if (o.address_space != 0) {
      const rlimit limit{o.address_space, o.address_space};
      setrlimit(RLIMIT_AS, &limit);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  bool reaped = false;
  if (!o.signal_after.empty()) {
    // Poll the child's stderr; no fixed sleep decides anything.
    while (!(reaped = waitpid(pid, &status, WNOHANG) == pid)) {
      if (ReadAll(err).find(o.signal_after) != std::string::npos) {
        kill(pid, o.signal);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  if (!reaped) waitpid(pid, &status, 0);
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  r.out = o.stdout_path.empty() ? ReadAll(out) : "";
  r.err = ReadAll(err);
  if (o.stdout_path.empty()) std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

inline CliRun Lockstep(const std::string& args, const CliOptions& o = {}) {
  return LockstepArgs(Words(args), o);
}

inline int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }
inline bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace lockstep::testing
