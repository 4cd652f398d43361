#pragma once
// Helpers for tests that ask Labelme's own Python code (the oracle) for reference results.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace polytrain::annotation::testing {

// The Python that has labelme (POLYTRAIN_ORACLE_PYTHON, set by CMake; /usr/bin/python3 on Debian).
std::string oraclePython();

// Fails the current test (with a message saying what to install) when python3 or labelme is missing.
::testing::AssertionResult oracleAvailable();

// Runs `python script args...` (script relative to tests/core/annotation/oracle); returns its exit code and
// fills `output` with stdout+stderr.
int runOracle(const std::string& script, const std::vector<std::string>& args, std::string* output = nullptr);

// A fresh, empty folder under the test output dir, named after the running test.
std::filesystem::path freshTestDir(const std::string& suffix = "");

std::string sourcePath(const std::string& relative); // POLYTRAIN_SOURCE_DIR / relative
std::string examplesDir();                           // labelme-examples' examples folder
std::vector<std::string> exampleLabelmeFiles();      // every Labelme JSON in labelme-examples
std::vector<std::string> fixtureLabelmeFiles();      // every JSON under tests/fixtures/labelme

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& bytes);

std::string shellQuote(const std::string& text);

} // namespace polytrain::annotation::testing
