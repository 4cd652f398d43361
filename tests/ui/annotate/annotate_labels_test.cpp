// Labelme's predefined labels (--labels labels.txt or "a,b,c") and label flags ({"regex": ["flag", ...]}): the
// label dialog and the quick label bar offer the labels in file order; a flag shows only while the label matches
// its pattern (at the start, as Python's re.match); the saved file carries the flags, read back by Labelme.
#include "annotate_test_support.h"

#include "ui/annotate/label_dialog.h"
#include "ui/annotate/label_presets.h"
#include "ui/shell/studio_settings.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>

using namespace polytrain::ui;
using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

namespace {
QString writeFile(const QString& path, const QByteArray& text) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(text);
  return path;
}

QStringList itemTexts(const QListWidget* list) {
  QStringList out;
  for (int i = 0; i < list->count(); ++i)
    out << list->item(i)->text();
  return out;
}

QStringList comboTexts(const QComboBox* combo) {
  QStringList out;
  for (int i = 0; i < combo->count(); ++i)
    out << combo->itemText(i);
  return out;
}

QListWidgetItem* flagItem(LabelDialog* dialog, const QString& name) {
  const auto found = dialog->flagList()->findItems(name, Qt::MatchExactly);
  return found.isEmpty() ? nullptr : found.first();
}
} // namespace

TEST(AnnotateLabels, PredefinedLabelsComeInFileOrderAndAreRemembered) {
  QTemporaryDir folder;
  const QString labels = writeFile(folder.path() + "/labels.txt", "zebra\n\n  cat  \napple\nzebra\n");
  {
    Studio studio;
    QString error;
    ASSERT_TRUE(studio.mode->loadLabelList(labels, &error)) << error.toStdString();
    const QStringList expected = {"zebra", "cat", "apple"}; // as written, not sorted; blank and repeated skipped
    EXPECT_EQ(studio.mode->predefinedLabels(), expected);
    EXPECT_EQ(itemTexts(studio.mode->labelDialog()->historyList()).mid(0, 3), expected);
    EXPECT_EQ(comboTexts(studio.mode->quickLabel()), expected);
    EXPECT_TRUE(studio.mode->quickLabel()->currentText().isEmpty()); // still "ask each time"

    // Labelme's other form: a comma-separated list.
    ASSERT_TRUE(studio.mode->loadLabelList("b,a,,c"));
    EXPECT_EQ(studio.mode->predefinedLabels(), QStringList({"b", "a", "c"}));
    // A file that is not there is an error that names it, and changes nothing.
    EXPECT_FALSE(studio.mode->loadLabelList(folder.path() + "/missing.txt", &error));
    EXPECT_TRUE(error.contains("missing.txt")) << error.toStdString();
    EXPECT_EQ(studio.mode->predefinedLabels(), QStringList({"b", "a", "c"}));
  }
  {
    // Annotation > Load Label List: the file chosen in the dialog is loaded and remembered.
    Studio studio;
    EXPECT_TRUE(answerModal<QFileDialog>([&] { studio.mode->action("loadLabels")->trigger(); },
                                         [&](QFileDialog* dialog) {
                                           dialog->selectFile(labels);
                                           QMetaObject::invokeMethod(dialog, "accept"); // the Open button
                                         }));
    EXPECT_EQ(studio.mode->predefinedLabels(), QStringList({"zebra", "cat", "apple"}));
    EXPECT_EQ(StudioSettings::annotateLabelsFile(), labels);
  }
  // ... and loaded again at the next start.
  Studio again;
  EXPECT_EQ(again.mode->predefinedLabels(), QStringList({"zebra", "cat", "apple"}));
  StudioSettings::setAnnotateLabelsFile({});
}

TEST(AnnotateLabels, LabelFlagPatternsFollowPythonsReMatch) {
  const auto rules = parseLabelFlags(R"({"person-\\d+": ["male", "tall"], "dog": ["black"], ".*": ["occluded"]})");
  ASSERT_TRUE(rules.has_value());
  EXPECT_EQ(flagsForLabel(*rules, "person-12"), QStringList({"male", "tall", "occluded"}));
  EXPECT_EQ(flagsForLabel(*rules, "dogs"), QStringList({"black", "occluded"})); // re.match: a prefix is enough
  EXPECT_EQ(flagsForLabel(*rules, "a person-1"), QStringList({"occluded"}));    // but it must start there
  QString error;
  EXPECT_FALSE(parseLabelFlags(R"({"(": ["x"]})", &error));
  EXPECT_TRUE(error.contains("\"(\"")) << error.toStdString();
  EXPECT_FALSE(parseLabelFlags(R"(["x"])", &error));
}

TEST(AnnotateLabels, FlagsShowOnlyForMatchingLabelsAndAreSaved) {
  QTemporaryDir folder;
  const QString imagePath = makeImage(folder.path(), "people.png", QSize(300, 200));
  const QString flagsFile = writeFile(folder.path() + "/flags.json",
                                      R"({"person-\\d+": ["male", "tall"], "dog": ["black"], ".*": ["occluded"]})");
  Studio studio;
  QString error;
  ASSERT_TRUE(studio.mode->loadLabelFlags(flagsFile, &error)) << error.toStdString();
  ASSERT_TRUE(studio.mode->loadLabelList("person-1,dog"));
  ASSERT_TRUE(studio.open(imagePath));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText({});
  key(studio, Qt::Key_N, Qt::ControlModifier);

  bool answered = false;
  QTimer::singleShot(0, studio.mode, [&] {
    LabelDialog* dialog = studio.mode->labelDialog();
    ASSERT_TRUE(dialog->isVisible());
    EXPECT_EQ(itemTexts(dialog->historyList()).mid(0, 2), QStringList({"person-1", "dog"}));
    // Clicking a predefined label takes it, and its flags appear.
    dialog->historyList()->setCurrentRow(1);
    EXPECT_EQ(dialog->labelField()->text(), "dog");
    EXPECT_EQ(itemTexts(dialog->flagList()), QStringList({"black", "occluded"}));
    flagItem(dialog, "occluded")->setCheckState(Qt::Checked);
    dialog->labelField()->setText("cat");
    EXPECT_EQ(itemTexts(dialog->flagList()), QStringList({"occluded"}));
    EXPECT_EQ(flagItem(dialog, "occluded")->checkState(), Qt::Checked); // kept across the label change
    dialog->labelField()->setText("person-12");
    EXPECT_EQ(itemTexts(dialog->flagList()), QStringList({"male", "tall", "occluded"}));
    flagItem(dialog, "tall")->setCheckState(Qt::Checked);
    answered = true;
    QTest::keyClick(dialog->labelField(), Qt::Key_Return);
  });
  for (const QPointF& p : {QPointF(40, 40), QPointF(140, 40), QPointF(140, 140)})
    click(studio, p);
  click(studio, QPointF(41, 41)); // closes the polygon: the dialog opens
  ASSERT_TRUE(answered);
  ASSERT_EQ(studio.document()->shapeCount(), 1);
  key(studio, Qt::Key_S, Qt::ControlModifier);

  const nlohmann::json read = labelmeOracle((folder.path() + "/people.json").toStdString());
  ASSERT_EQ(read["shapes"].size(), 1u);
  EXPECT_EQ(read["shapes"][0]["label"], "person-12");
  EXPECT_EQ(read["shapes"][0]["flags"], nlohmann::json({{"male", false}, {"tall", true}, {"occluded", true}}));
}
