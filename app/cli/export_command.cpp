// `polytrain-cli export CHECKPOINT --format torchvision --out FILE.pth`: our checkpoint (or a run folder's best one)
// -> a plain state dict that torchvision's builder for the model loads strictly. The work is in core/inference.
#include "app/cli/class_names_option.h"
#include "app/cli/commands.h"
#include "core/inference/predictor.h"

#include <iostream>

namespace polytrain::cli {
namespace {

struct ExportArguments {
  std::string input;
  std::string format = "torchvision";
  std::string out;
  std::string model;
  std::string classes;
};

int runExport(const ExportArguments& args) {
  inference::PredictorOptions options;
  options.weightsPath = args.input;
  options.modelName = args.model;
  options.classNames = parseClassNames(args.classes);
  options.device = "cpu";
  auto loaded = inference::Predictor::load(options);
  if (auto* error = std::get_if<Error>(&loaded)) {
    std::cerr << "export: " << error->message() << "\n";
    return 1;
  }
  const auto& predictor = *std::get<std::unique_ptr<inference::Predictor>>(loaded);
  auto written = inference::exportTorchvisionWeights(predictor, args.out);
  if (auto* error = std::get_if<Error>(&written)) {
    std::cerr << "export: " << error->message() << "\n";
    return 1;
  }
  const auto& classes = predictor.classNames();
  const auto& exported = std::get<inference::TorchvisionExport>(written);
  std::cout << "Exported " << predictor.modelName() << " (" << exported.tensors << " tensors) from "
            << inference::resolveWeightsPath(args.input) << " to " << args.out << "\n";
  std::cout << "Labels 1.." << classes.size() << ":";
  for (const std::string& name : classes)
    std::cout << " " << name;
  std::cout << "\n";
  if (!exported.pythonBuilder.empty())
    std::cout << "In Python: model = " << exported.pythonBuilder << "; model.load_state_dict(torch.load(\"" << args.out
              << "\"))\n";
  return 0;
}

} // namespace

void registerExportCommand(CLI::App& app, const GlobalOptions& /*global*/, PendingCommand& pending) {
  auto* command = app.add_subcommand(
      "export", "write a model's weights for other tools: a plain torchvision state dict (.pth) that torchvision's "
                "builder for the model (num_classes = classes + 1) loads strictly");
  auto args = std::make_shared<ExportArguments>();
  command->add_option("checkpoint", args->input, "our checkpoint (.pt), a run folder, or a torchvision .pth")
      ->required();
  command->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"torchvision"}))
      ->capture_default_str();
  command->add_option("--out", args->out, "the .pth file to write")->required();
  command->add_option("--model", args->model, "model name; needed for torchvision .pth files");
  command->add_option("--classes", args->classes,
                      "class names, comma-separated or a classes.txt (rename a checkpoint's, or name a .pth's)");
  command->callback([&pending, args] { pending = [args] { return runExport(*args); }; });
}

} // namespace polytrain::cli
