#pragma once
// Each group of polytrain-cli subcommands lives in its own cli/*_command.cpp and registers itself here.
#include <CLI/CLI.hpp>
#include <functional>

namespace polytrain::cli {

// Options every subcommand shares, parsed before the subcommand runs.
struct GlobalOptions {
  int threads = 0; // 0 = one per core
};

// A subcommand's callback stores its work here; main runs it after parsing and after torch is configured.
// The work returns the process exit code.
using PendingCommand = std::function<int()>;

void registerDoctorCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerDatasetCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerEvalCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerLabelmeCommands(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerInferCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerBenchCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerTrainCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);
void registerExportCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending);

} // namespace polytrain::cli
