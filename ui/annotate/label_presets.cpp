#include "ui/annotate/label_presets.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>

namespace polytrain::ui::annotate {
namespace {
// The messages' translation context (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(LabelPresets)
};

bool looksLikePath(const QString& text) {
  return text.endsWith(".txt", Qt::CaseInsensitive) || text.endsWith(".json", Qt::CaseInsensitive) ||
         text.contains('/');
}

std::optional<QString> readText(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error != nullptr)
      *error = Text::tr("Cannot read %1: %2").arg(path, file.errorString());
    return std::nullopt;
  }
  return QString::fromUtf8(file.readAll());
}
} // namespace

std::optional<QStringList> parseLabelList(const QString& fileOrList, QString* error) {
  QStringList labels;
  if (QFileInfo(fileOrList).isFile()) {
    const std::optional<QString> text = readText(fileOrList, error);
    if (!text)
      return std::nullopt;
    for (const QString& line : text->split('\n')) {
      const QString label = line.trimmed();
      if (!label.isEmpty() && !labels.contains(label))
        labels.append(label);
    }
    return labels;
  }
  if (looksLikePath(fileOrList) && !fileOrList.contains(',')) {
    if (error != nullptr)
      *error = Text::tr("No label file %1").arg(fileOrList);
    return std::nullopt;
  }
  for (const QString& part : fileOrList.split(',', Qt::SkipEmptyParts)) // Labelme keeps the parts as typed
    if (!labels.contains(part))
      labels.append(part);
  return labels;
}

std::optional<QList<LabelFlagRule>> parseLabelFlags(const QString& fileOrJson, QString* error) {
  const bool isFile = QFileInfo(fileOrJson).isFile();
  if (!isFile && looksLikePath(fileOrJson) && !fileOrJson.trimmed().startsWith('{')) {
    if (error != nullptr)
      *error = Text::tr("No label flags file %1").arg(fileOrJson);
    return std::nullopt;
  }
  const std::optional<QString> text = isFile ? readText(fileOrJson, error) : std::optional<QString>(fileOrJson);
  if (!text)
    return std::nullopt;
  const QString source = isFile ? fileOrJson : Text::tr("the label flags");
  const auto fail = [&](const QString& what) {
    if (error != nullptr)
      *error = QString("%1: %2").arg(source, what);
    return std::nullopt;
  };
  // ordered_json: the patterns keep the order they were written in, as Labelme's dict does.
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(text->toStdString(), nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return fail(Text::tr("expected a JSON object {\"label regex\": [\"flag\", ...]}"));
  QList<LabelFlagRule> rules;
  for (const auto& [pattern, flags] : json.items()) {
    LabelFlagRule rule;
    rule.pattern = QString::fromStdString(pattern);
    rule.regex = QRegularExpression("\\A(?:" + rule.pattern + ")");
    if (!rule.regex.isValid())
      return fail(Text::tr("pattern \"%1\": %2").arg(rule.pattern, rule.regex.errorString()));
    if (!flags.is_array())
      return fail(Text::tr("pattern \"%1\": expected a list of flag names").arg(rule.pattern));
    for (const auto& flag : flags) {
      if (!flag.is_string())
        return fail(Text::tr("pattern \"%1\": flag names must be strings").arg(rule.pattern));
      rule.flags.append(QString::fromStdString(flag.get<std::string>()));
    }
    rules.append(rule);
  }
  return rules;
}

QStringList flagsForLabel(const QList<LabelFlagRule>& rules, const QString& label) {
  QStringList out;
  for (const LabelFlagRule& rule : rules)
    if (rule.regex.match(label).hasMatch())
      for (const QString& flag : rule.flags)
        if (!out.contains(flag))
          out.append(flag);
  return out;
}

bool isLabelFlag(const QList<LabelFlagRule>& rules, const QString& flag) {
  for (const LabelFlagRule& rule : rules)
    if (rule.flags.contains(flag))
      return true;
  return false;
}

} // namespace polytrain::ui::annotate
