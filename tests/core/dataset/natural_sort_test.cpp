#include "core/dataset/natural_sort.h"

#include <gtest/gtest.h>

using polytrain::dataset::naturalLess;
using polytrain::dataset::naturalSort;

TEST(NaturalSortTest, DigitRunsCompareByValue) {
  std::vector<std::string> names = {"img10.png", "img2.png", "img1.png", "a/img1.png", "img02.png", "img1b.png"};
  naturalSort(names);
  EXPECT_EQ(names,
            (std::vector<std::string>{"a/img1.png", "img1.png", "img1b.png", "img2.png", "img02.png", "img10.png"}));
}

TEST(NaturalSortTest, IsAStrictOrder) {
  EXPECT_FALSE(naturalLess("x5", "x5"));
  EXPECT_TRUE(naturalLess("x", "x0"));
  EXPECT_FALSE(naturalLess("x0", "x"));
  EXPECT_TRUE(naturalLess("x9", "x10"));
  EXPECT_TRUE(naturalLess("x99999999999999999999999", "x100000000000000000000000")); // beyond 64 bits
}
