// Images load as Labelme shows them: EXIF orientation applied (all eight), imageData first, paths resolved.
#include "core/annotation/base64.h"
#include "core/annotation/exif_orientation.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "oracle_support.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace polytrain::annotation {
namespace {

using namespace testing;
namespace fs = std::filesystem;

cv::Mat readReference(const fs::path& stem) {
  int height = 0, width = 0;
  std::ifstream(stem.string() + ".size") >> height >> width;
  const std::string bytes = readFile(stem.string() + ".rgb");
  EXPECT_EQ(bytes.size(), size_t(height) * width * 3);
  cv::Mat rgb(height, width, CV_8UC3);
  std::memcpy(rgb.data, bytes.data(), std::min(bytes.size(), rgb.total() * 3));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return bgr;
}

TEST(ImageLoading, AllEightExifOrientationsMatchLabelme) {
  ASSERT_TRUE(oracleAvailable());
  const auto dir = freshTestDir();
  std::string output;
  ASSERT_EQ(runOracle("exif_reference.py", {dir.string()}, &output), 0) << output;
  std::vector<std::string> stems;
  for (int orientation = 1; orientation <= 8; ++orientation)
    stems.push_back("exif_" + std::to_string(orientation));
  stems.push_back("exif_png_6");
  for (const std::string& stem : stems) {
    SCOPED_TRACE(stem);
    const std::string image = (dir / (stem + (stem.find("png") != std::string::npos ? ".png" : ".jpg"))).string();
    const std::string bytes = readFile(image);
    const int expectedOrientation = stem == "exif_png_6" ? 6 : stem.back() - '0';
    EXPECT_EQ(exifOrientation(bytes), expectedOrientation);
    int orientation = 0;
    const cv::Mat ours = decodeImageBytes(bytes, true, &orientation);
    const cv::Mat expected = readReference(dir / stem);
    ASSERT_EQ(ours.size(), expected.size());
    // Same libjpeg-turbo decoder on both sides; allow a tiny difference for IDCT/upsampling settings.
    cv::Mat difference;
    cv::absdiff(ours, expected, difference);
    double worst = 0;
    cv::minMaxLoc(difference.reshape(1), nullptr, &worst);
    EXPECT_LE(worst, 8.0);
    EXPECT_LT(cv::mean(difference)[0], 1.5);
  }
}

TEST(ImageLoading, FixturesFindTheirImages) {
  for (const char* name : {"v4_0.json", "backslash_path.json", "标注 ÿ.json", "exif_3.json", "exif_6.json",
                           "exif_8.json", "v7_extra_keys.json"}) {
    SCOPED_TRACE(name);
    const std::string path = sourcePath(std::string("tests/fixtures/labelme/") + name);
    const LoadResult loaded = readLabelmeFile(path);
    ASSERT_TRUE(loaded.ok());
    const ImageLoadResult image = loadDocumentImage(*loaded.document, path);
    ASSERT_TRUE(image.errors.empty()) << image.errors.front().message();
    EXPECT_TRUE(image.warnings.empty()) << image.warnings.front().message(); // sizes agree: EXIF applied
    EXPECT_EQ(image.image.type(), CV_8UC3);
    EXPECT_EQ(image.image.rows, *loaded.document->imageHeight);
  }
}

TEST(ImageLoading, ImageDataWinsAndIsShownAsStored) {
  const std::string path = sourcePath("tests/fixtures/labelme/v7_extra_keys.json");
  LoadResult loaded = readLabelmeFile(path);
  ASSERT_TRUE(loaded.ok());
  loaded.document->imagePath = "does-not-exist.png";
  const ImageLoadResult image = loadDocumentImage(*loaded.document, path);
  EXPECT_TRUE(image.errors.empty());
  EXPECT_TRUE(image.fromImageData);
  EXPECT_EQ(image.image.size(), cv::Size(24, 16));
}

TEST(ImageLoading, FallsBackToTheFileNameNextToTheJson) {
  LabelmeDocument document;
  document.imagePath = "C:\\Users\\someone\\Pictures\\small.png";
  const std::string json = sourcePath("tests/fixtures/labelme/x.json");
  EXPECT_EQ(fs::path(resolveImagePath(document, json)).filename(), "small.png");
}

TEST(ImageLoading, ProblemsAreErrorsOrWarnings) {
  const std::string json = "dir/a.json";
  LabelmeDocument missing;
  missing.imagePath = "nope.png";
  ImageLoadResult result = loadDocumentImage(missing, json);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].message(), "dir/a.json: /imagePath: image \"nope.png\" not found");

  LabelmeDocument notImage;
  notImage.imageData = encodeBase64("this is not an image");
  result = loadDocumentImage(notImage, json);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].pointer, "/imageData");
  EXPECT_NE(result.errors[0].what.find("not a decodable image"), std::string::npos);

  LabelmeDocument badBase64;
  badBase64.imageData = "@@@";
  result = loadDocumentImage(badBase64, json);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].what.find("invalid base64"), std::string::npos);

  // Wrong size: a warning, and the real size is used (as Labelme 5 does).
  const std::string fixture = sourcePath("tests/fixtures/labelme/v4_0.json");
  LoadResult loaded = readLabelmeFile(fixture);
  ASSERT_TRUE(loaded.ok());
  loaded.document->imageHeight = 99;
  result = loadDocumentImage(*loaded.document, fixture);
  EXPECT_TRUE(result.errors.empty());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].pointer, "/imageHeight");
  EXPECT_NE(result.warnings[0].what.find("is 99 but the image is 16 pixels high"), std::string::npos);
  EXPECT_EQ(result.image.rows, 16);
}

TEST(ImageLoading, EmbeddingATurnedImageStoresTheDisplayedFrame) {
  const std::string jpeg = sourcePath("tests/fixtures/labelme/exif_6.jpg");
  const std::optional<std::string> bytes = imageBytesForEmbedding(jpeg);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(exifOrientation(*bytes), 1);
  EXPECT_EQ(decodeImageBytes(*bytes, false).size(), cv::Size(16, 24));
  const std::string png = sourcePath("tests/fixtures/labelme/small.png");
  EXPECT_EQ(imageBytesForEmbedding(png), readFile(png)) << "an upright image is embedded byte for byte";
}

TEST(ExifOrientation, SurvivesTruncatedAndHostileBytes) {
  const std::string good = readFile(sourcePath("tests/fixtures/labelme/exif_8.jpg"));
  ASSERT_EQ(exifOrientation(good), 8);
  for (size_t cut = 0; cut < std::min<size_t>(good.size(), 200); ++cut)
    (void)exifOrientation(good.substr(0, cut)); // must not read out of bounds (ASan in the fuzzer build)
  std::string hostile = good;
  for (size_t i = 4; i < std::min<size_t>(hostile.size(), 120); i += 7)
    hostile[i] = '\xff';
  const int value = exifOrientation(hostile);
  EXPECT_GE(value, 1);
  EXPECT_LE(value, 8);
}

} // namespace
} // namespace polytrain::annotation
