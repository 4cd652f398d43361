// polytrain-cli: argument parsing and dispatch only; the work is in core/.
#include "app/cli/commands.h"
#include "core/runtime/torch_runtime.h"
#include "polytrain/version.h"

#include <iostream>

int main(int argc, char** argv) {
  using namespace polytrain;
  CLI::App app{std::string(kProductName) +
                   " command line: annotate, convert, train, evaluate and infer without the GUI",
               "polytrain-cli"};
  app.require_subcommand(0, 1);
  app.set_version_flag("-V,--version", std::string("polytrain-cli ") + kVersion);

  cli::GlobalOptions global;
  app.add_option("--threads", global.threads, "intra-op threads for torch (default: one per core)")
      ->check(CLI::NonNegativeNumber);

  cli::PendingCommand pending;
  cli::registerDoctorCommand(app, global, pending);
  cli::registerDatasetCommand(app, global, pending);
  cli::registerEvalCommand(app, global, pending);
  cli::registerLabelmeCommands(app, global, pending);
  cli::registerTrainCommand(app, global, pending);
  cli::registerInferCommand(app, global, pending);
  cli::registerBenchCommand(app, global, pending);
  cli::registerExportCommand(app, global, pending);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  if (!pending) {
    std::cout << app.help();
    return 0;
  }
  runtime::configureTorch({global.threads});
  return pending();
}
