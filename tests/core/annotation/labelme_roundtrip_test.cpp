// Load + save loses nothing, and what we save loads in Labelme's own LabelFile with the same shapes.
#include "core/annotation/labelme_convert.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "oracle_support.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <filesystem>

namespace polytrain::annotation {
namespace {

using namespace testing;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// Values equal up to float formatting (10 and 10.0 are the same number).
bool sameValue(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number())
    return a.get<double>() == b.get<double>();
  if (a.type() != b.type())
    return false;
  if (a.is_array()) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!sameValue(a[i], b[i]))
        return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size())
      return false;
    for (const auto& [key, value] : a.items())
      if (!b.contains(key) || !sameValue(value, b[key]))
        return false;
    return true;
  }
  return a == b;
}

// Keys the 5.x layout adds, with the value meaning "nothing there".
bool isAddedDefault(const std::string& key, const Json& value, bool shapeLevel) {
  if (shapeLevel)
    return (key == "group_id" && value.is_null()) || (key == "description" && value == "") ||
           (key == "shape_type" && value == "polygon") || (key == "flags" && value == Json::object()) ||
           (key == "mask" && value.is_null());
  return (key == "version" && value == kLabelmeWriteVersion) || (key == "flags" && value == Json::object()) ||
         (key == "imageData" && value.is_null()) || (key == "imageHeight" && value.is_null()) ||
         (key == "imageWidth" && value.is_null()) || (key == "imagePath" && value == "");
}

// Everything in `in` is in `out` with the same value (imagePath may change \ to /; null flags may become {}),
// and whatever `out` adds is an empty default.
void expectNothingLost(const Json& in, const Json& out, const std::string& where, bool shapeLevel = false) {
  for (const auto& [key, value] : in.items()) {
    ASSERT_TRUE(out.contains(key)) << where << ": key \"" << key << "\" lost";
    if (key == "shapes" && !shapeLevel) {
      ASSERT_EQ(value.size(), out[key].size()) << where;
      for (size_t i = 0; i < value.size(); ++i)
        expectNothingLost(value[i], out[key][i], where + " /shapes/" + std::to_string(i), true);
    } else if (key == "imagePath" && !shapeLevel) {
      EXPECT_EQ(forwardSlashes(value.get<std::string>()), out[key].get<std::string>()) << where;
    } else if (key == "flags" && value.is_null()) {
      EXPECT_EQ(out[key], Json::object()) << where;
    } else if (key == "shape_type" && value.is_null()) {
      EXPECT_EQ(out[key], "polygon") << where;
    } else {
      EXPECT_TRUE(sameValue(value, out[key]))
          << where << ": \"" << key << "\" was " << value.dump() << ", now " << out[key].dump();
    }
  }
  for (const auto& [key, value] : out.items()) {
    if (!in.contains(key)) {
      EXPECT_TRUE(isAddedDefault(key, value, shapeLevel)) << where << ": added \"" << key << "\" = " << value.dump();
    }
  }
}

std::vector<std::string> allFiles() {
  std::vector<std::string> files = exampleLabelmeFiles();
  const std::vector<std::string> fixtures = fixtureLabelmeFiles();
  files.insert(files.end(), fixtures.begin(), fixtures.end());
  return files;
}

TEST(LabelmeRoundTrip, FindsTheExamplesAndFixtures) {
  EXPECT_GE(exampleLabelmeFiles().size(), 18u) << "is labelme-examples installed? (packaging/install-deps.sh)";
  EXPECT_GE(fixtureLabelmeFiles().size(), 10u);
}

TEST(LabelmeRoundTrip, EveryFileLoadsAndSavesWithNothingLost) {
  for (const std::string& file : allFiles()) {
    SCOPED_TRACE(file);
    const LoadResult loaded = readLabelmeFile(file);
    ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().message());
    const std::string saved = toLabelmeJson(*loaded.document);
    const Json in = Json::parse(readFile(file));
    const Json out = Json::parse(saved);
    expectNothingLost(in, out, file);

    // The 5.x key order, then kept keys in their order.
    const std::vector<std::string> topOrder = {"version",   "flags",       "shapes",    "imagePath",
                                               "imageData", "imageHeight", "imageWidth"};
    std::vector<std::string> keys;
    for (const auto& item : out.items())
      keys.push_back(item.key());
    ASSERT_GE(keys.size(), topOrder.size());
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 7), topOrder);
    for (const Json& shape : out["shapes"]) {
      std::vector<std::string> shapeKeys;
      for (const auto& item : shape.items())
        shapeKeys.push_back(item.key());
      EXPECT_EQ(
          std::vector<std::string>(shapeKeys.begin(), shapeKeys.begin() + 7),
          (std::vector<std::string>{"label", "points", "group_id", "description", "shape_type", "flags", "mask"}));
    }

    // Saving what we loaded from our own output changes nothing.
    const LoadResult again = parseLabelmeJson(saved, file);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(toLabelmeJson(*again.document), saved);
  }
}

TEST(LabelmeRoundTrip, WrittenLikeLabelme) {
  const LoadResult loaded = readLabelmeFile(sourcePath("tests/fixtures/labelme/标注 ÿ.json"));
  ASSERT_TRUE(loaded.ok());
  const std::string text = toLabelmeJson(*loaded.document);
  EXPECT_NE(text.find("\"label\": \"猫 ü\""), std::string::npos) << "non-ASCII must be written as is";
  EXPECT_NE(text.find("\n  \"flags\": {\n    \"已检查\": true\n  },"), std::string::npos) << text;
  EXPECT_NE(text.find("        [\n          1.0,\n          1.0\n        ],"), std::string::npos) << text;
  EXPECT_EQ(text.find("\\u"), std::string::npos);

  const LoadResult backslash = readLabelmeFile(sourcePath("tests/fixtures/labelme/backslash_path.json"));
  ASSERT_TRUE(backslash.ok());
  EXPECT_EQ(backslash.document->imagePath, "images\\small.png");
  EXPECT_NE(toLabelmeJson(*backslash.document).find("\"imagePath\": \"images/small.png\""), std::string::npos);
}

TEST(LabelmeRoundTrip, SameTextAsLabelmeForItsOwnFiles) {
  // Labelme writes json.dump(indent=2, ensure_ascii=False); for a file already in the 5.x layout with floats we
  // reproduce it byte for byte.
  ASSERT_TRUE(oracleAvailable());
  const auto dir = freshTestDir();
  const std::string script =
      "import json,sys\nd=json.load(open(sys.argv[1]))\n"
      "for s in d['shapes']:\n"
      "  s['points']=[[float(x),float(y)] for x,y in s['points']]\n"
      "  s.setdefault('description','');s['mask']=None\n"
      "  d2={k:s[k] for k in ['label','points','group_id','description','shape_type','flags','mask']}\n"
      "  s.clear();s.update(d2)\n"
      "json.dump(d,open(sys.argv[2],'w'),ensure_ascii=False,indent=2)\n";
  writeFile((dir / "relayout.py").string(), script);
  for (const std::string& file : exampleLabelmeFiles()) {
    const std::string reference = (dir / fs::path(file).filename()).string();
    std::string output;
    ASSERT_EQ(std::system((shellQuote(oraclePython()) + " " + shellQuote((dir / "relayout.py").string()) + " " +
                           shellQuote(file) + " " + shellQuote(reference))
                              .c_str()),
              0);
    const LoadResult loaded = readLabelmeFile(reference);
    ASSERT_TRUE(loaded.ok()) << file;
    EXPECT_EQ(toLabelmeJson(*loaded.document), readFile(reference)) << file;
  }
}

TEST(LabelmeRoundTrip, WhatWeWriteLoadsInLabelmeWithEqualShapes) {
  ASSERT_TRUE(oracleAvailable());
  const auto dir = freshTestDir();
  std::vector<std::string> pairs;
  int index = 0;
  for (const std::string& file : allFiles()) {
    // Each file to its own folder, so equal names from different example folders do not collide.
    const fs::path out = dir / std::to_string(index++);
    const Report report = convertLabelmeFile(file, out.string(), ImageDataMode::Keep);
    ASSERT_TRUE(report.errors.empty()) << report.errors.front().message();
    pairs.push_back(file);
    pairs.push_back(report.written);
  }
  std::string output;
  EXPECT_EQ(runOracle("labelfile_compare.py", pairs, &output), 0) << output;
  EXPECT_NE(output.find("compared " + std::to_string(pairs.size() / 2) + " pair(s), 0 problem(s)"), std::string::npos)
      << output;
}

TEST(LabelmeRoundTrip, SaveIsAtomicAndReplacesTheOldFile) {
  const auto dir = freshTestDir();
  const LoadResult loaded = readLabelmeFile(sourcePath("tests/fixtures/labelme/v4_0.json"));
  ASSERT_TRUE(loaded.ok());
  const std::string target = (dir / "a.json").string();
  writeFile(target, "old");
  ASSERT_FALSE(writeLabelmeFile(target, *loaded.document));
  EXPECT_EQ(readFile(target), toLabelmeJson(*loaded.document));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir))
    ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file may stay behind";
  const auto failure = writeLabelmeFile((dir / "missing-folder" / "a.json").string(), *loaded.document);
  ASSERT_TRUE(failure);
  EXPECT_NE(failure->message().find("missing-folder/a.json"), std::string::npos);
}

} // namespace
} // namespace polytrain::annotation
