#pragma once
// Runs a shell command for a test and captures what it printed (stdout and stderr together) and its exit code.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace polytrain::testing {

struct CommandOutput {
  int exitCode = -1;
  std::string text;
};

inline CommandOutput runCommand(const std::string& command) {
  CommandOutput output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr)
    return output;
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.text.append(buffer.data(), read);
  const int status = ::pclose(pipe);
  output.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

// Quotes one argument for /bin/sh.
inline std::string shellQuote(const std::string& argument) {
  std::string quoted = "'";
  for (const char c : argument)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

} // namespace polytrain::testing
