// The splice scan (labelme_splice.h) must be invisible: every document read equals what the plain JSON parse of the
// same text says, down to the bits of each coordinate (sign of zero included), for the shipped files and for
// number spellings and layouts the scan has to follow or leave to the parser.
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_splice.h"
#include "oracle_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

namespace polytrain::annotation {
namespace {

using namespace testing;
using Json = nlohmann::ordered_json;

bool sameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Compares the document read from `text` with the plain DOM parse of it.
void expectLikePlainParse(const std::string& text, const std::string& what) {
  SCOPED_TRACE(what);
  const LoadResult loaded = parseLabelmeJson(text, "x.json");
  Json plain;
  try {
    plain = Json::parse(text);
  } catch (const std::exception& failure) { // e.g. 1e400: nlohmann refuses it, and so must we
    EXPECT_FALSE(loaded.ok()) << failure.what();
    return;
  }
  bool valid = true;
  for (const Json& shape : plain["shapes"])
    for (const Json& point : shape["points"])
      for (const Json& v : point)
        valid = valid && std::isfinite(v.get<double>()) && std::fabs(v.get<double>()) <= 1e6;
  ASSERT_EQ(loaded.ok(), valid) << (loaded.ok() ? "" : loaded.errors.front().message());
  if (!loaded.ok())
    return;
  ASSERT_EQ(loaded.document->shapes.size(), plain["shapes"].size());
  for (size_t i = 0; i < plain["shapes"].size(); ++i) {
    const Json& points = plain["shapes"][i]["points"];
    const std::vector<cv::Point2d>& ours = loaded.document->shapes[i].points;
    ASSERT_EQ(ours.size(), points.size()) << "shape " << i;
    for (size_t k = 0; k < ours.size(); ++k) {
      EXPECT_TRUE(sameBits(ours[k].x, points[k][0].get<double>())) << i << "/" << k << ": " << ours[k].x;
      EXPECT_TRUE(sameBits(ours[k].y, points[k][1].get<double>())) << i << "/" << k << ": " << ours[k].y;
    }
  }
  if (plain.contains("imageData") && plain["imageData"].is_string()) {
    ASSERT_TRUE(loaded.document->imageData);
    EXPECT_EQ(*loaded.document->imageData, plain["imageData"].get<std::string>());
  }
}

TEST(LabelmeSplice, ShippedFilesReadLikeThePlainParse) {
  std::vector<std::string> files = exampleLabelmeFiles();
  for (const std::string& fixture : fixtureLabelmeFiles())
    files.push_back(fixture);
  int spliced = 0;
  for (const std::string& file : files) {
    const std::string text = readFile(file);
    if (!Json::accept(text))
      continue; // broken on purpose
    spliced += spliceLabelme(text).has_value();
    const Json plain = Json::parse(text);
    if (plain.is_object() && plain.contains("shapes") && plain["shapes"].is_array())
      expectLikePlainParse(text, file);
  }
  EXPECT_GE(spliced, 10); // the scan does take the common files
}

TEST(LabelmeSplice, NumberSpellingsReadLikeThePlainParse) {
  const std::vector<std::string> numbers = {"0",
                                            "-0",
                                            "-0.0",
                                            "0.0",
                                            "12",
                                            "-12",
                                            "1e2",
                                            "1E+2",
                                            "-1e-2",
                                            "123.456e1",
                                            "0.1",
                                            "1e-320",
                                            "1e-400",
                                            "1e400",
                                            "-1e400",
                                            "9007199254740993",
                                            "18446744073709551615",
                                            "18446744073709551616",
                                            "-9223372036854775808",
                                            "-9223372036854775809",
                                            "123456789012345678901234567890",
                                            "3.14159265358979323846264338327950288",
                                            "2.2250738585072011e-308",
                                            "999999.99999999999",
                                            "1000000.0000001"};
  std::mt19937 random(11);
  for (int trial = 0; trial < 400; ++trial) {
    std::string text = R"({"version": "5.1.1", "flags": {}, "shapes": [)";
    const int shapes = 1 + int(random() % 4);
    for (int s = 0; s < shapes; ++s) {
      text += std::string(s ? ", " : "") + R"({"label": "a", "points": [)";
      const int count = 3 + int(random() % 5);
      for (int k = 0; k < count; ++k) {
        const std::string& x = numbers[random() % numbers.size()];
        const std::string& y = numbers[random() % numbers.size()];
        const char* space = random() % 3 ? "" : " \n\t\r ";
        text += std::string(k ? "," : "") + space + "[" + space + x + space + "," + y + space + "]";
      }
      text += R"(], "shape_type": "polygon"})";
    }
    text += R"(], "imagePath": "a.png", "imageData": null, "imageHeight": 4, "imageWidth": 5, "pad": ")" +
            std::string(1100, 'p') + "\"}";
    expectLikePlainParse(text, "trial " + std::to_string(trial) + ": " + text.substr(0, 300));
  }
}

TEST(LabelmeSplice, LayoutsItDoesNotFollowAreLeftToTheParser) {
  const std::string pad = R"(, "pad": ")" + std::string(1100, 'p') + "\"";
  const std::string good = R"([[1.5, 2], [3, 4.25], [5, 6]])";
  const std::vector<std::string> texts = {
      // a list that is not plain pairs next to one that is
      R"({"shapes": [{"label": "a", "points": [[1, 2], [3, 4], [5, "6"]]}, {"label": "b", "points": )" + good +
          R"(}], "imagePath": "a.png")" + pad + "}",
      // repeated "points": the last one counts, as in the parser
      R"({"shapes": [{"label": "a", "points": [[9, 9], [9, 8], [8, 8]], "points": )" + good +
          R"(}], "imagePath": "a.png")" + pad + "}",
      // an escaped key that spells points
      R"({"shapes": [{"label": "a", "po\u0069nts": [[9, 9], [9, 8], [8, 8]], "points": )" + good +
          R"(}], "imagePath": "a.png")" + pad + "}",
      // repeated "shapes"
      R"({"shapes": [{"label": "a", "points": [[9, 9], [9, 8], [8, 8]]}], "shapes": [{"label": "b", "points": )" +
          good + R"(}], "imagePath": "a.png")" + pad + "}",
      // points nested deeper, a string with brackets and quotes before them
      R"({"flags": {"x": "]\"[", "shapes": []}, "shapes": [{"label": "[\"]", "other": {"points": [1]}, "points": )" +
          good + R"(}], "imagePath": "a.png")" + pad + "}",
      // three numbers in a point, an empty list
      R"({"shapes": [{"label": "a", "points": [[1, 2, 3], [3, 4], [5, 6]]}, {"label": "b", "points": []}], )"
      R"("imagePath": "a.png")" +
          pad + "}",
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    SCOPED_TRACE("layout " + std::to_string(i));
    const Json plain = Json::parse(texts[i]);
    const LoadResult loaded = parseLabelmeJson(texts[i], "x.json");
    // What the reader makes of the plain parse's points, shape by shape.
    bool pointsValid = true;
    for (const Json& shape : plain["shapes"])
      for (const Json& point : shape["points"])
        pointsValid =
            pointsValid && point.is_array() && point.size() == 2 && point[0].is_number() && point[1].is_number();
    if (!pointsValid) {
      EXPECT_FALSE(loaded.ok());
      continue;
    }
    ASSERT_TRUE(loaded.ok()) << loaded.errors.front().message();
    expectLikePlainParse(texts[i], texts[i]);
  }
}

} // namespace
} // namespace polytrain::annotation
