// Reading every Labelme flavour, and clear errors (file + JSON location) for bad input.
#include "core/annotation/base64.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "oracle_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace polytrain::annotation {
namespace {

using namespace testing;

LoadResult load(const std::string& fixture) {
  return readLabelmeFile(sourcePath("tests/fixtures/labelme/" + fixture));
}

TEST(LabelmeReader, Labelme3WithoutShapeTypeIsPolygonAndKeepsColours) {
  const LoadResult result = load("v3_polygon.json");
  ASSERT_TRUE(result.ok());
  const LabelmeDocument& doc = *result.document;
  EXPECT_EQ(doc.version, "");
  ASSERT_EQ(doc.shapes.size(), 2u);
  EXPECT_EQ(doc.shapes[0].shapeType, "polygon");
  EXPECT_EQ(doc.shapes[1].points[0], cv::Point2d(12.5, 3.25));
  EXPECT_TRUE(doc.shapes[0].extra.contains("line_color"));
  EXPECT_EQ(doc.shapes[1].extra["line_color"], nlohmann::ordered_json({0, 255, 0, 128}));
  EXPECT_EQ(doc.extra.begin().key(), "lineColor");
  EXPECT_FALSE(doc.imageHeight);
}

TEST(LabelmeReader, Labelme4GroupsFlagsAndTypes) {
  const LoadResult result = load("v4_0.json");
  ASSERT_TRUE(result.ok());
  const LabelmeDocument& doc = *result.document;
  EXPECT_EQ(doc.flags.dump(), R"({"occluded":false,"night":true})");
  ASSERT_EQ(doc.shapes.size(), 6u);
  EXPECT_EQ(doc.shapes[0].groupId, 1);
  EXPECT_FALSE(doc.shapes[2].groupId);
  EXPECT_EQ(doc.shapes[2].shapeType, "circle");
  EXPECT_EQ(doc.shapes[0].flags["truncated"], true);
  EXPECT_EQ(doc.imageWidth, 24);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(LabelmeReader, Labelme5MaskAndDescription) {
  const LoadResult result = load("v5_mask.json");
  ASSERT_TRUE(result.ok()) << result.errors.front().message();
  EXPECT_EQ(result.document->shapes[0].shapeType, "mask");
  ASSERT_TRUE(result.document->shapes[0].mask);
  EXPECT_EQ(result.document->shapes[0].description, "drawn with the AI mask tool");
  EXPECT_FALSE(result.document->shapes[1].mask);
}

TEST(LabelmeReader, XAnyLabelingKeepsItsKeys) {
  const LoadResult result = load("xanylabeling.json");
  ASSERT_TRUE(result.ok());
  const LabelmeShape& rect = result.document->shapes[0];
  EXPECT_EQ(rect.points.size(), 4u);
  EXPECT_TRUE(rect.description.is_null());
  EXPECT_EQ(rect.extra["score"], 0.8765);
  EXPECT_EQ(rect.extra["attributes"]["pose"], "standing");
  EXPECT_EQ(rect.extra.begin().key(), "kie_linking");
  EXPECT_EQ(result.document->shapes[1].shapeType, "rotation");
  EXPECT_EQ(result.document->extra["text"], "");
}

struct BadCase {
  std::string name;
  std::string json;
  std::string pointer;
  std::string what; // a part of the message
};

const char* kShape = R"({"label": "a", "points": [[1, 2], [3, 4], [5, 7]], "shape_type": "polygon"})";

std::string withShape(const std::string& shape) {
  return R"({"version": "5.1.1", "flags": {}, "shapes": [)" + std::string(kShape) + ", " + shape +
         R"(], "imagePath": "a.png", "imageData": null})";
}

TEST(LabelmeReader, BadInputGivesErrorsNamingFileAndLocation) {
  const std::vector<BadCase> cases = {
      {"empty", "", "", "the file is empty"},
      {"blank", "  \n", "", "the file is empty"},
      {"truncated", R"({"version": "5.1.1", "shapes": [{"label": "a", "poi)", "", "not valid JSON"},
      {"not an object", "[1, 2]", "", "top level must be a JSON object, got array"},
      {"no shapes", R"({"imagePath": "a.png"})", "/shapes", "missing"},
      {"shapes not a list", R"({"shapes": {}, "imagePath": "a.png"})", "/shapes", "must be a list"},
      {"no image", R"({"shapes": []})", "/imagePath", "missing, and there is no imageData"},
      {"version number", R"({"version": 5, "shapes": [], "imagePath": "a.png"})", "/version", "must be a string"},
      {"flags list", R"({"flags": [], "shapes": [], "imagePath": "a.png"})", "/flags", "must be an object"},
      {"shape not object", withShape("3"), "/shapes/1", "a shape must be an object, got number"},
      {"label missing", withShape(R"({"points": [[1, 2], [3, 4], [5, 6]]})"), "/shapes/1/label", "missing"},
      {"label number", withShape(R"({"label": 7, "points": [[1, 2], [3, 4], [5, 6]]})"), "/shapes/1/label",
       "must be a string, got number"},
      {"points string", withShape(R"({"label": "a", "points": "1,2"})"), "/shapes/1/points",
       "must be a list of [x, y] points, got string"},
      {"point of 3", withShape(R"({"label": "a", "points": [[1, 2, 3], [3, 4], [5, 6]]})"), "/shapes/1/points/0",
       "a point must be [x, y], got a list of 3"},
      {"coordinate string", withShape(R"({"label": "a", "points": [[1, "2"], [3, 4], [5, 6]]})"),
       "/shapes/1/points/0/1", "coordinate must be a number, got string"},
      {"coordinate null", withShape(R"({"label": "a", "points": [[null, 2], [3, 4], [5, 6]]})"), "/shapes/1/points/0/0",
       "coordinate must be a number, got null"},
      {"two-point polygon", withShape(R"({"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "polygon"})"),
       "/shapes/1/points", "polygon needs >= 3 points, got 2"},
      {"three-point circle", withShape(R"({"label": "a", "points": [[1, 2], [3, 4], [5, 6]], "shape_type": "circle"})"),
       "/shapes/1/points", "circle needs 2 (centre and rim) points, got 3"},
      {"huge coordinate", withShape(R"({"label": "a", "points": [[1e300, 2], [3, 4], [5, 6]]})"),
       "/shapes/1/points/0/0", "out of range"},
      {"overflowing coordinate", withShape(R"({"label": "a", "points": [[1e999, 2], [3, 4], [5, 6]]})"), "",
       "number overflow parsing '1e999'"},
      {"NaN literal", withShape(R"({"label": "a", "points": [[NaN, 2], [3, 4], [5, 6]]})"), "",
       "non-finite number NaN"},
      {"Infinity literal", withShape(R"({"label": "a", "points": [[-Infinity, 2], [3, 4], [5, 6]]})"), "",
       "non-finite number"},
      {"group id string", withShape(R"({"label": "a", "points": [[1, 2], [3, 4], [5, 6]], "group_id": "x"})"),
       "/shapes/1/group_id", "must be an integer, got string"},
      {"group id fraction", withShape(R"({"label": "a", "points": [[1, 2], [3, 4], [5, 6]], "group_id": 1.5})"),
       "/shapes/1/group_id", "must be an integer, got 1.5"},
      {"shape flags list", withShape(R"({"label": "a", "points": [[1, 2], [3, 4], [5, 6]], "flags": [true]})"),
       "/shapes/1/flags", "must be an object"},
      {"mask without bitmap", withShape(R"({"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "mask"})"),
       "/shapes/1/mask", "mask shape has no mask"},
      {"mask bad base64",
       withShape(R"({"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "mask", "mask": "%%%"})"),
       "/shapes/1/mask", "invalid base64"},
      {"mask not png",
       withShape(R"({"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "mask", "mask": "aGVsbG8="})"),
       "/shapes/1/mask", "not a decodable image"},
      {"imageData bad base64", R"({"shapes": [], "imagePath": "a.png", "imageData": "abc$"})", "/imageData",
       "invalid base64"},
      {"imageData number", R"({"shapes": [], "imagePath": "a.png", "imageData": 12})", "/imageData",
       "must be a base64 string or null"},
      {"imageHeight string", R"({"shapes": [], "imagePath": "a.png", "imageHeight": "10"})", "/imageHeight",
       "must be an integer, got string"},
      {"imageWidth negative", R"({"shapes": [], "imagePath": "a.png", "imageWidth": -4})", "/imageWidth",
       "must be positive"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult result = parseLabelmeJson(c.json, "dir/a.json");
    EXPECT_FALSE(result.ok());
    ASSERT_FALSE(result.errors.empty());
    bool found = false;
    std::string all;
    for (const Error& error : result.errors) {
      all += error.message() + "\n";
      EXPECT_EQ(error.path, "dir/a.json");
      if (error.pointer == c.pointer && error.what.find(c.what) != std::string::npos)
        found = true;
    }
    EXPECT_TRUE(found) << "expected " << c.pointer << ": ..." << c.what << "... in\n" << all;
  }
}

TEST(LabelmeReader, MessageNamesFileAndPointer) {
  const LoadResult result =
      parseLabelmeJson(withShape(R"({"label": "a", "points": [[1, 2], [3, 4]], "shape_type": "polygon"})"), "a.json");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].message(), "a.json: /shapes/1/points: polygon needs >= 3 points, got 2");
}

TEST(LabelmeReader, AllProblemsAreListedNotOnlyTheFirst) {
  const std::string json = R"({"shapes": [{"label": 1, "points": [[1, 2]]}, {"label": "b", "points": "x"}],
                               "imagePath": "a.png", "imageHeight": "x"})";
  const LoadResult result = parseLabelmeJson(json, "a.json");
  EXPECT_GE(result.errors.size(), 4u);
}

TEST(LabelmeReader, NullFlagsAndUnknownTypesAreWarnings) {
  const std::string json = R"({"flags": null, "shapes": [{"label": "a", "points": [[1, 2], [3, 4], [5, 6]],
                               "shape_type": "hexagon", "flags": null}], "imagePath": "a.png"})";
  const LoadResult result = parseLabelmeJson(json, "a.json");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.document->flags, nlohmann::ordered_json::object());
  EXPECT_EQ(result.document->shapes[0].flags, nlohmann::ordered_json::object());
  ASSERT_EQ(result.warnings.size(), 3u);
  EXPECT_EQ(result.warnings[0].message(), "a.json: /flags: is null; treated as no flags");
  EXPECT_EQ(result.warnings[2].pointer, "/shapes/0/shape_type");
}

TEST(LabelmeReader, MissingFileIsAnError) {
  const LoadResult result = readLabelmeFile("/nonexistent/x.json");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].message().find("/nonexistent/x.json: cannot open"), std::string::npos);
}

// A long embedded image is cut out of the text before parsing and put back after dumping (a speed-up): the
// result must be exactly the plain JSON parse's, including when the layout is unusual.
TEST(LabelmeReader, LongImageDataReadsAndWritesLikeThePlainParse) {
  std::string image;
  for (int i = 0; i < 3000; ++i)
    image += "QUJD";                                            // "ABC"
  image += "RA==";                                              // "D"
  const std::string decoy = "\\n  \\\"imageData\\\": \\\"\\\""; // the writer's marker, as an escaped string
  const std::vector<std::string> texts = {
      R"({"version": "5.1.1", "flags": {"imageData": "x"}, "shapes": [{"label": ")" + decoy +
          R"(", "points": [[1, 2], [3, 4], [5, 7]], "shape_type": "polygon"}], "imagePath": "a.png", "imageData": ")" +
          image + R"(", "imageHeight": 4, "imageWidth": 5, "other": {"imageData": [1, "}"]}})",
      // escapes inside the string: left to the parser
      R"({"shapes": [], "imagePath": "a.png", "imageData": ")" + image.substr(0, 5000) + R"(\/\/\/\/)" +
          image.substr(5004) + R"("})",
      // repeated key: left to the parser (and its choice of value)
      R"({"shapes": [], "imagePath": "a.png", "imageData": ")" + image + R"(", "imageData": "QUJD"})",
      // whitespace everywhere, key last
      "\n {\n\t\"shapes\" : [ ] ,\r\n \"imagePath\":\"a.png\" , \"imageData\"\n:\n\"" + image + "\"\n}\n",
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    SCOPED_TRACE("text " + std::to_string(i));
    const nlohmann::ordered_json plain = nlohmann::ordered_json::parse(texts[i]);
    const LoadResult loaded = parseLabelmeJson(texts[i], "big.json");
    ASSERT_TRUE(loaded.ok()) << loaded.errors.front().message();
    ASSERT_TRUE(loaded.document->imageData);
    EXPECT_EQ(*loaded.document->imageData, plain["imageData"].get<std::string>());
    const std::string saved = toLabelmeJson(*loaded.document);
    EXPECT_EQ(nlohmann::ordered_json::parse(saved)["imageData"], plain["imageData"]);
    EXPECT_EQ(toLabelmeJson(*parseLabelmeJson(saved, "again.json").document), saved); // stable
    if (i == 0) {
      EXPECT_EQ(loaded.document->shapes.at(0).label, plain["shapes"][0]["label"].get<std::string>());
      EXPECT_EQ(loaded.document->extra["other"], plain["other"]);
      EXPECT_NE(saved.find(image), std::string::npos);
    }
  }
  // Broken base64 in a long image is still reported, with the position in the string.
  std::string broken = image;
  broken[6001] = '=';
  const LoadResult bad =
      parseLabelmeJson(R"({"shapes": [], "imagePath": "a.png", "imageData": ")" + broken + R"("})", "bad.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors.at(0).pointer, "/imageData");
  EXPECT_NE(bad.errors.at(0).what.find("character 6001"), std::string::npos) << bad.errors.at(0).what;
  // A syntax error after the image: the message's position is the file's own.
  const std::string cut = R"({"shapes": [], "imagePath": "a.png", "imageData": ")" + image + R"(", "x": })";
  const LoadResult syntax = parseLabelmeJson(cut, "cut.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.errors.at(0).what.find(std::to_string(cut.size())), std::string::npos) << syntax.errors.at(0).what;
}

TEST(LabelmeWriter, PlainJsonTextIsPrintableAsciiWithoutQuoteOrBackslash) {
  std::mt19937 random(5);
  const std::string alphabet = std::string("aZ09+/= ~\"\\\x7f\x1f\x80\xff\t\n", 17) + std::string(1, '\0');
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text(random() % 40, 'Q');
    for (char& c : text)
      if (random() % 8 == 0)
        c = alphabet[random() % alphabet.size()];
    const bool expected = std::all_of(text.begin(), text.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 0x20 && u <= 0x7E && c != '"' && c != '\\';
    });
    ASSERT_EQ(isPlainJsonText(text), expected) << trial;
  }
}

TEST(Base64, MatchesPythonsEncodingAndRejectsGarbage) {
  EXPECT_EQ(encodeBase64(""), "");
  EXPECT_EQ(encodeBase64("f"), "Zg==");
  EXPECT_EQ(encodeBase64("fo"), "Zm8=");
  EXPECT_EQ(encodeBase64("foo"), "Zm9v");
  EXPECT_EQ(encodeBase64(std::string("\xff\x00\x7f", 3)), "/wB/");
  std::string all;
  for (int i = 0; i < 256; ++i)
    all += char(i);
  EXPECT_EQ(decodeBase64(encodeBase64(all)), all);
  EXPECT_EQ(decodeBase64("Zm9v\nYmFy"), "foobar");
  EXPECT_EQ(decodeBase64("Zg=="), "f");
  for (const char* bad : {"Zg", "Z", "Zg=", "Zm9v=", "Zg==Zg==", "Zm9$", "=Zg="}) {
    std::string problem;
    EXPECT_FALSE(decodeBase64(bad, &problem)) << bad;
    EXPECT_NE(problem.find("invalid base64"), std::string::npos) << bad;
  }
}

} // namespace
} // namespace polytrain::annotation
