// polytrain: the studio's GUI entry. Argument parsing and wiring only.
#include "app/gui/display_check.h"
#include "app/gui/screenshot_and_quit.h"
#include "core/runtime/torch_runtime.h"
#include "polytrain/version.h"
#include "ui/annotate/annotate_mode.h"
#include "ui/modes/studio_modes.h"
#include "ui/shell/main_window.h"
#include "ui/shell/studio_settings.h"
#include "ui/shell/studio_translations.h"

#include <CLI/CLI.hpp>
#include <QApplication>
#include <iostream>

int main(int argc, char** argv) {
  using namespace polytrain;
  const app::DisplayCheck display = app::checkDisplay(argc, argv);
  if (!display.available) {
    std::cerr << "polytrain: " << display.reason << ".\n"
              << "Run the studio on a desktop, or under a virtual display: xvfb-run -a polytrain\n"
              << "Everything the studio does is also a command of polytrain-cli; try: polytrain-cli --help\n";
    return 2;
  }

  QApplication application(argc, argv); // removes the options Qt understands from argv
  ui::StudioSettings::setApplicationIdentity();
  QApplication::setApplicationVersion(kVersion);
  QApplication::setWindowIcon(QIcon(":/icons/polytrain.svg"));

  CLI::App options{std::string(kProductName) + ": annotate, train and run instance-segmentation models", "polytrain"};
  options.set_version_flag("-V,--version", std::string("polytrain ") + kVersion);
  int threads = ui::StudioSettings::torchThreads();
  options
      .add_option("--threads", threads,
                  "intra-op threads for torch (default: the Threads setting, else one per "
                  "core)")
      ->check(CLI::NonNegativeNumber);
  std::string mode;
  options.add_option("--mode", mode, "open in this mode: annotate, dataset, train or infer");
  std::string openPath;
  options.add_option("--open", openPath,
                     "open this image, Labelme JSON file or folder in the Annotate mode; with --mode dataset, open "
                     "this dataset folder or COCO file in the Dataset mode");
  std::string labels;
  options.add_option("--labels", labels,
                     "predefined labels for the Annotate mode, as labelme's: a file with one label per line, or a "
                     "comma-separated list (for this run; Annotation > Load Label List keeps one)");
  std::string labelFlags;
  options.add_option("--labelflags", labelFlags,
                     "label-specific flags, as labelme's: a JSON file or text {\"label regex\": [\"flag\", ...]}");
  std::string screenshot;
  options.add_option("--screenshot", screenshot,
                     "start, save a picture of the window to this PNG file once it has settled, and quit "
                     "(for documentation and smoke tests)");
  std::string language = ui::StudioSettings::language().toStdString();
  options
      .add_option("--language", language,
                  "the studio's language for this run: system (the locale's), en or zh_CN (default: the "
                  "Language setting, else the system locale)")
      ->check(CLI::IsMember({"system", "en", "zh_CN"}));
  try {
    options.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return options.exit(error);
  }

  ui::StudioTranslations::install(
      ui::StudioTranslations::localeFor(language == "system" ? QString() : QString::fromStdString(language)));
  const int threadsInUse = runtime::configureTorch({threads});
  ui::MainWindow window(ui::createStudioModes());
  window.setRuntimeSummary(QObject::tr("CPU · %1 threads").arg(threadsInUse));
  for (ui::Mode* each : window.modes())
    if (auto* annotate = qobject_cast<ui::annotate::AnnotateMode*>(each)) {
      QString error;
      if (!labels.empty() && !annotate->loadLabelList(QString::fromStdString(labels), &error)) {
        std::cerr << "polytrain: --labels: " << error.toStdString() << "\n";
        return 2;
      }
      if (!labelFlags.empty() && !annotate->loadLabelFlags(QString::fromStdString(labelFlags), &error)) {
        std::cerr << "polytrain: --labelflags: " << error.toStdString() << "\n";
        return 2;
      }
    }
  if (!mode.empty())
    window.switchToMode(QString::fromStdString(mode));
  if (!openPath.empty()) {
    // The chosen mode opens the path when it can (Dataset: a dataset folder or COCO file), else Annotate does.
    const QString path = QString::fromStdString(openPath);
    if (mode.empty() || !window.openInMode(QString::fromStdString(mode), path))
      window.openInMode(QStringLiteral("annotate"), path);
  }
  window.show();
  if (!screenshot.empty())
    app::saveScreenshotAndQuit(window, QString::fromStdString(screenshot));
  return QApplication::exec();
}
