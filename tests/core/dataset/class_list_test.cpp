#include "core/common/atomic_file.h"
#include "core/dataset/class_list.h"

#include <gtest/gtest.h>

using namespace polytrain::dataset;

TEST(ClassListTest, LabelsFileIdsFollowLabelme2coco) {
  // labelme2coco.py: class_id = line index - 1, the first line must be __ignore__, _background_ is 0.
  const ClassList classes = classesFromLabelLines({"__ignore__", "_background_", "cat", "dog ", "", "bird"});
  EXPECT_EQ(classes.names, (std::vector<std::string>{"_background_", "cat", "dog", "bird"}));
  EXPECT_TRUE(classes.backgroundListed);
  EXPECT_EQ(classes.idOf("cat"), 1);
  EXPECT_EQ(classes.idOf("dog"), 2);
  EXPECT_EQ(classes.idOf("bird"), 3);
  EXPECT_EQ(classes.idOf("__ignore__"), std::nullopt);
  EXPECT_EQ(classes.idOf("_background_"), std::nullopt);
  EXPECT_EQ(classes.idOf("horse"), std::nullopt);
}

TEST(ClassListTest, CollectedLabelsAreSortedAndExtendingKeepsIds) {
  const ClassList first = classesFromLabels({"zebra", "ant", "__ignore__", "moth"});
  EXPECT_EQ(first.names, (std::vector<std::string>{"_background_", "ant", "moth", "zebra"}));
  const ClassList later = extendClasses(first, {"bee", "zebra", "ant"});
  EXPECT_EQ(later.names, (std::vector<std::string>{"_background_", "ant", "moth", "zebra", "bee"}));
}

TEST(ClassListTest, ClassesFileRoundTripsAndRejectsGaps) {
  const ClassList classes = classesFromLabels({"b", "a"});
  const std::string path = std::string(POLYTRAIN_TEST_OUTPUT_DIR) + "/classes_roundtrip.json";
  ASSERT_FALSE(polytrain::writeFileAtomically(path, classesToJson(classes)));
  polytrain::Error error;
  const auto read = readClassesFile(path, &error);
  ASSERT_TRUE(read) << error.message();
  EXPECT_EQ(read->names, classes.names);
  ASSERT_FALSE(polytrain::writeFileAtomically(path, R"({"classes": [{"id": 2, "name": "a"}]})"));
  EXPECT_FALSE(readClassesFile(path, &error));
  EXPECT_EQ(error.pointer, "/classes/0/id");
}
