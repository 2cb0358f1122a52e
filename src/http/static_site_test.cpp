#include "http/static_site.h"

#include <gtest/gtest.h>

#include <fstream>

namespace tallinn::http {
namespace {

namespace fs = std::filesystem;

Request get(std::string path) {
  Request request;
  request.method = "GET";
  request.target = path;
  request.path = std::move(path);
  return request;
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

class StaticSiteTest : public ::testing::Test {
 protected:
  StaticSiteTest()
      : dir(fs::temp_directory_path() /
            ("tallinn-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             ::testing::UnitTest::GetInstance()->current_test_info()->name())),
        site(dir / "dist") {
    fs::remove_all(dir);
    write(dir / "dist/index.html", "<!doctype html><title>app</title>");
    write(dir / "dist/assets/index-abc123.js", "console.log(1)");
    write(dir / "dist/favicon.svg", "<svg/>");
    write(dir / "secret.txt", "outside");
  }
  ~StaticSiteTest() override { fs::remove_all(dir); }
  fs::path dir;
  StaticSite site;
};

TEST_F(StaticSiteTest, ServesFilesWithTypesAndCaching) {
  Response script = site.serve(get("/assets/index-abc123.js"));
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.body, "console.log(1)");
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.header("Cache-Control"), "public, max-age=31536000, immutable");

  Response icon = site.serve(get("/favicon.svg"));
  EXPECT_EQ(icon.content_type, "image/svg+xml");
  EXPECT_EQ(icon.header("Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, FallsBackToIndexWithStrictPolicy) {
  for (std::string path : {"/", "/needs/42", "/admin/users"}) {
    Response page = site.serve(get(path));
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(page.header("Content-Security-Policy"), kHtmlContentSecurityPolicy);
    EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  }
  EXPECT_EQ(site.serve(get("/api/v1/nothing")).status, 404);
  EXPECT_EQ(site.serve(get("/assets/missing.js")).status, 404);
  EXPECT_EQ(site.serve(get("/missing.png")).status, 404);
}

TEST_F(StaticSiteTest, NeverLeavesTheRoot) {
  for (std::string path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/%00"}) {
    Response response = site.serve(get(path));
    EXPECT_EQ(response.body.find("outside"), std::string::npos) << path;
    EXPECT_EQ(response.status, 404) << path;
  }
  fs::create_symlink(dir / "secret.txt", dir / "dist/link.txt");
  EXPECT_EQ(site.serve(get("/link.txt")).status, 404);
}

TEST_F(StaticSiteTest, MissingRootAnswers404) {
  StaticSite nowhere(dir / "absent");
  EXPECT_EQ(nowhere.serve(get("/")).status, 404);
}

}  // namespace
}  // namespace tallinn::http
