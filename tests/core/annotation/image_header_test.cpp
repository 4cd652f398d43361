// The header reader against full decoding (cv::imread + our EXIF turn, itself tested against Labelme): same size
// and orientation on every image we have, an answer only for layouts it knows, and nothing worse than "don't know"
// on cut or hostile bytes. probeDocumentImage must then say exactly what loadDocumentImage says.
#include "core/annotation/base64.h"
#include "core/annotation/exif_orientation.h"
#include "core/annotation/image_header.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "oracle_support.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <random>

namespace polytrain::annotation {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// What a full decode says: the displayed size and the orientation.
void expectHeaderMatchesDecoding(const std::string& file, bool headerExpected) {
  SCOPED_TRACE(file);
  const std::string bytes = readFile(file);
  int orientation = 0;
  const cv::Mat decoded = decodeImageBytes(bytes, true, &orientation);
  ASSERT_FALSE(decoded.empty());
  const std::optional<ImageHeader> fromFile = readImageFileHeader(file);
  const std::optional<ImageHeader> fromBytes = readImageHeader(bytes);
  ASSERT_EQ(fromFile.has_value(), headerExpected);
  ASSERT_EQ(fromBytes.has_value(), headerExpected);
  if (!headerExpected)
    return;
  EXPECT_EQ(fromFile->displayed(), decoded.size());
  EXPECT_EQ(fromFile->orientation, orientation);
  EXPECT_EQ(fromBytes->displayed(), decoded.size());
  EXPECT_EQ(fromBytes->orientation, orientation);
}

std::vector<std::string> imagesUnder(const std::string& folder) {
  std::vector<std::string> images;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".jpg" || extension == ".jpeg" || extension == ".png")
      images.push_back(entry.path().string());
  }
  std::sort(images.begin(), images.end());
  return images;
}

TEST(ImageHeader, EveryLabelmeExampleImageMatchesDecoding) {
  const std::vector<std::string> images = imagesUnder(examplesDir());
  ASSERT_GE(images.size(), 10u);
  for (const std::string& image : images)
    expectHeaderMatchesDecoding(image, true); // plain camera JPEGs and PNGs: the header must tell
}

TEST(ImageHeader, AllEightExifOrientationsMatchDecoding) {
  ASSERT_TRUE(oracleAvailable());
  const auto dir = freshTestDir();
  std::string output;
  ASSERT_EQ(runOracle("exif_reference.py", {dir.string()}, &output), 0) << output;
  for (int orientation = 1; orientation <= 8; ++orientation) {
    const std::string file = (dir / ("exif_" + std::to_string(orientation) + ".jpg")).string();
    expectHeaderMatchesDecoding(file, true);
    const std::optional<ImageHeader> header = readImageFileHeader(file);
    ASSERT_TRUE(header);
    EXPECT_EQ(header->orientation, orientation);
    if (orientation >= 5) { // turned a quarter: width and height trade places
      EXPECT_EQ(header->displayed(), cv::Size(header->stored.height, header->stored.width));
    }
  }
  expectHeaderMatchesDecoding((dir / "exif_png_6.png").string(), true); // PNG eXIf chunk
  EXPECT_EQ(readImageFileHeader((dir / "exif_png_6.png").string())->orientation, 6);
}

TEST(ImageHeader, FixtureImagesMatchDecoding) {
  for (const char* name : {"exif_3.jpg", "exif_6.jpg", "exif_8.jpg", "small.png", "图像 ÿ.png", "images/small.png"})
    expectHeaderMatchesDecoding(sourcePath(std::string("tests/fixtures/labelme/") + name), true);
}

TEST(ImageHeader, OtherFormatsAreLeftToTheDecoder) {
  const auto dir = freshTestDir();
  cv::Mat image(5, 7, CV_8UC3, cv::Scalar(10, 20, 30));
  for (const char* extension : {".png", ".bmp", ".tiff", ".jpg"}) {
    const std::string file = (dir / (std::string("seven_by_five") + extension)).string();
    ASSERT_TRUE(cv::imwrite(file, image));
    const bool known = std::string(extension) == ".png" || std::string(extension) == ".jpg";
    expectHeaderMatchesDecoding(file, known);

    // probeDocumentImage decodes what the header does not tell, with the same answer.
    LabelmeDocument document;
    document.imagePath = fs::path(file).filename().string();
    document.imageWidth = 7;
    const ImageProbeResult probed = probeDocumentImage(document, (dir / "a.json").string());
    EXPECT_TRUE(probed.errors.empty());
    EXPECT_TRUE(probed.warnings.empty());
    EXPECT_EQ(probed.size, cv::Size(7, 5));
    EXPECT_EQ(probed.decoded, !known);
  }
  // A 16-bit grey PNG and a palette PNG are still PNGs the header tells.
  const std::string grey16 = (dir / "grey16.png").string();
  ASSERT_TRUE(cv::imwrite(grey16, cv::Mat(3, 9, CV_16UC1, cv::Scalar(1000))));
  expectHeaderMatchesDecoding(grey16, true);
}

TEST(ImageHeader, CutOrHostileBytesNeverAnswerWrongly) {
  const std::string jpeg = readFile(sourcePath("tests/fixtures/labelme/exif_6.jpg"));
  const std::string png = readFile(sourcePath("tests/fixtures/labelme/small.png"));
  for (const std::string* whole : {&jpeg, &png}) {
    const cv::Size truth = readImageHeader(*whole)->displayed();
    for (size_t cut = 0; cut < whole->size(); cut += cut < 600 ? 1 : 97) {
      // A cut file lacks its end marker: "don't know" (the decoder then judges it), never a wrong size.
      const std::optional<ImageHeader> header = readImageHeader(std::string_view(*whole).substr(0, cut));
      EXPECT_FALSE(header) << "cut at " << cut;
      // The head alone (as readImageFileHeader reads it) with the real tail gives the truth or "don't know".
      const std::optional<ImageHeader> head = readImageHeader(
          std::string_view(*whole).substr(0, cut), std::string_view(*whole).substr(whole->size() - 16), whole->size());
      if (head) {
        EXPECT_EQ(head->displayed(), truth) << "head of " << cut;
      }
    }
  }
  std::mt19937 random(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes = trial % 2 ? jpeg.substr(0, 200) : png.substr(0, 40);
    for (int flips = 0; flips < 4; ++flips)
      bytes[random() % bytes.size()] = char(random());
    bytes += trial % 2 ? std::string("\xff\xd9") : png.substr(png.size() - 12);
    const std::optional<ImageHeader> header = readImageHeader(bytes);
    if (header) { // a plausible header: sizes in range, orientation 1..8
      EXPECT_GT(header->stored.width, 0);
      EXPECT_GT(header->stored.height, 0);
      EXPECT_GE(header->orientation, 1);
      EXPECT_LE(header->orientation, 8);
    }
  }
  // Segment lengths pointing past the end, zero sizes, a frame type libjpeg may not decode.
  EXPECT_FALSE(readImageHeader(std::string("\xff\xd8\xff\xe1\xff\xff", 6) + "\xff\xd9"));
  EXPECT_FALSE(readImageHeader(std::string("\xff\xd8\xff\xc0\x00\x11\x08\x00\x00\x00\x10\x03", 12) + "\xff\xd9"));
  EXPECT_FALSE(readImageHeader(std::string("\xff\xd8\xff\xc3\x00\x11\x08\x00\x10\x00\x10\x03", 12) + "\xff\xd9"));
  EXPECT_FALSE(readImageFileHeader("/nonexistent/x.jpg"));
  EXPECT_FALSE(readImageFileHeader(sourcePath("tests/fixtures/labelme"))); // a folder
}

// probeDocumentImage and loadDocumentImage agree on everything but the pixels.
void expectProbeMatchesLoad(const LabelmeDocument& document, const std::string& json) {
  const ImageLoadResult loaded = loadDocumentImage(document, json);
  const ImageProbeResult probed = probeDocumentImage(document, json);
  EXPECT_EQ(probed.size, loaded.image.size());
  EXPECT_EQ(probed.resolvedPath, loaded.resolvedPath);
  EXPECT_EQ(probed.fromImageData, loaded.fromImageData);
  EXPECT_EQ(probed.exifOrientation, loaded.exifOrientation);
  auto messages = [](const std::vector<Error>& errors) {
    std::vector<std::string> out;
    for (const Error& e : errors)
      out.push_back(e.message());
    return out;
  };
  EXPECT_EQ(messages(probed.errors), messages(loaded.errors));
  EXPECT_EQ(messages(probed.warnings), messages(loaded.warnings));
}

TEST(ImageProbe, SaysWhatLoadingSaysOnEveryExampleAndFixture) {
  std::vector<std::string> files = exampleLabelmeFiles();
  for (const std::string& fixture : fixtureLabelmeFiles())
    files.push_back(fixture);
  ASSERT_GE(files.size(), 20u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const LoadResult loaded = readLabelmeFile(file);
    if (!loaded.ok())
      continue; // broken on purpose
    expectProbeMatchesLoad(*loaded.document, file);
    LabelmeDocument wrongSize = *loaded.document; // the size warnings too
    wrongSize.imageHeight = 3;
    wrongSize.imageWidth = 4;
    expectProbeMatchesLoad(wrongSize, file);
  }
}

TEST(ImageProbe, SaysWhatLoadingSaysOnBrokenImages) {
  const auto dir = freshTestDir();
  const std::string json = (dir / "a.json").string();
  LabelmeDocument missing;
  missing.imagePath = "nope.png";
  expectProbeMatchesLoad(missing, json);

  LabelmeDocument notImage;
  notImage.imageData = encodeBase64("this is not an image");
  expectProbeMatchesLoad(notImage, json);
  EXPECT_NE(probeDocumentImage(notImage, json).errors.at(0).what.find("not a decodable image"), std::string::npos);

  LabelmeDocument badBase64;
  badBase64.imageData = "@@@";
  expectProbeMatchesLoad(badBase64, json);

  LabelmeDocument embedded; // an EXIF-turned JPEG embedded: shown as stored, by both
  embedded.imageData = encodeBase64(readFile(sourcePath("tests/fixtures/labelme/exif_6.jpg")));
  expectProbeMatchesLoad(embedded, json);

  // Files cut short, garbage with an image name, an empty file: both give the same error (or the same size).
  const std::string png = readFile(sourcePath("tests/fixtures/labelme/small.png"));
  const std::string jpeg = readFile(sourcePath("tests/fixtures/labelme/exif_8.jpg"));
  writeFile((dir / "cut.png").string(), png.substr(0, png.size() / 2));
  writeFile((dir / "cut.jpg").string(), jpeg.substr(0, jpeg.size() / 2));
  writeFile((dir / "garbage.jpg").string(), "\xff\xd8\xff not really");
  writeFile((dir / "empty.png").string(), "");
  for (const char* name : {"cut.png", "cut.jpg", "garbage.jpg", "empty.png"}) {
    SCOPED_TRACE(name);
    LabelmeDocument document;
    document.imagePath = name;
    expectProbeMatchesLoad(document, json);
    LabelmeDocument inline_;
    inline_.imageData = encodeBase64(readFile((dir / name).string()));
    expectProbeMatchesLoad(inline_, json);
  }
}

} // namespace
} // namespace polytrain::annotation
