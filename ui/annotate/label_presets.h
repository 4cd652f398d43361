#pragma once
// Labelme's predefined labels and label flags, read as Labelme reads them:
//   --labels      a file with one label per line (trimmed, blank lines skipped), else a comma-separated list;
//   --labelflags  {"label regex": ["flag", ...]} from a file or given inline; a label is offered the flags of
//                 every pattern that matches at its start (Python's re.match), in the order the patterns come.
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace polytrain::ui::annotate {

struct LabelFlagRule {
  QString pattern;
  QRegularExpression regex; // anchored at the start, like re.match
  QStringList flags;
};

// nullopt (and `error`) when `fileOrList` names a missing file (it ends in .txt or holds a '/') or cannot be read.
std::optional<QStringList> parseLabelList(const QString& fileOrList, QString* error = nullptr);

// nullopt (and `error`, naming the file and the pattern) when the text is not such a JSON object or a pattern is
// not a valid regular expression.
std::optional<QList<LabelFlagRule>> parseLabelFlags(const QString& fileOrJson, QString* error = nullptr);

// The flags `label` is offered, each once, in rule order.
QStringList flagsForLabel(const QList<LabelFlagRule>& rules, const QString& label);
// True when some rule offers `flag` (for some label).
bool isLabelFlag(const QList<LabelFlagRule>& rules, const QString& flag);

} // namespace polytrain::ui::annotate
