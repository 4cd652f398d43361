#include "oracle_support.h"
#include "tests/support/test_output.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace polytrain::annotation::testing {
namespace fs = std::filesystem;

std::string oraclePython() {
  return POLYTRAIN_ORACLE_PYTHON;
}

std::string shellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

static int runCommand(const std::string& command, std::string* output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe)
    return -1;
  std::string text;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    text.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  if (output)
    *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

::testing::AssertionResult oracleAvailable() {
  std::string output;
  const int code =
      runCommand(shellQuote(oraclePython()) + " -c 'import labelme, numpy, PIL; print(labelme.__version__)'", &output);
  if (code != 0)
    return ::testing::AssertionFailure()
           << "the Labelme oracle is missing: '" << oraclePython()
           << " -c \"import labelme\"' failed. Install the Debian packages python3 and labelme "
              "(packaging/install-deps.sh) or point -DPOLYTRAIN_ORACLE_PYTHON at a Python with labelme. Output: "
           << output;
  return ::testing::AssertionSuccess();
}

int runOracle(const std::string& script, const std::vector<std::string>& args, std::string* output) {
  std::string command =
      shellQuote(oraclePython()) + " " + shellQuote(sourcePath("tests/core/annotation/oracle/" + script));
  for (const std::string& arg : args)
    command += " " + shellQuote(arg);
  return runCommand(command, output);
}

fs::path freshTestDir(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string("annotation/") + info->test_suite_name() + "." + info->name() + suffix;
  std::replace(name.begin(), name.end(), '/', '_');
  const fs::path dir = polytrain::testing::emptiedTestOutput(fs::path("annotation") / name);
  fs::create_directories(dir);
  return dir;
}

std::string sourcePath(const std::string& relative) {
  return (fs::path(POLYTRAIN_SOURCE_DIR) / relative).string();
}

std::string examplesDir() {
  return "/usr/share/doc/labelme-examples/examples";
}

static std::vector<std::string> labelmeJsonUnder(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code error;
  if (!fs::is_directory(root, error))
    return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json")
      continue;
    const std::string text = readFile(entry.path().string());
    if (text.find("\"shapes\"") != std::string::npos) // skips COCO annotations.json and other non-Labelme JSON
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> exampleLabelmeFiles() {
  return labelmeJsonUnder(examplesDir());
}

std::vector<std::string> fixtureLabelmeFiles() {
  return labelmeJsonUnder(sourcePath("tests/fixtures/labelme"));
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

} // namespace polytrain::annotation::testing
