#include "core/common/error.h"

#include <gtest/gtest.h>

using polytrain::Error;

TEST(ErrorTest, MessageNamesFilePointerAndProblem) {
  const Error error{"a.json", "/shapes/3/points", "polygon needs >= 3 points, got 2"};
  EXPECT_EQ(error.message(), "a.json: /shapes/3/points: polygon needs >= 3 points, got 2");
}

TEST(ErrorTest, MessageOmitsMissingParts) {
  EXPECT_EQ((Error{"a.json", "", "empty file"}).message(), "a.json: empty file");
  EXPECT_EQ((Error{"", "", "out of memory"}).message(), "out of memory");
}
