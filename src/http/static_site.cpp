#include "http/static_site.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "http/errors.h"

namespace tallinn::http {
namespace {

namespace fs = std::filesystem;

// The decoded segments of a request path, or nullopt when one of them could
// step outside the root or is not a plain file name.
std::optional<std::vector<std::string>> safe_segments(std::string_view path) {
  std::vector<std::string> segments;
  path.remove_prefix(1);
  while (!path.empty()) {
    size_t slash = path.find('/');
    auto decoded = percent_decode(path.substr(0, slash), /*plus_is_space=*/false);
    if (!decoded) return std::nullopt;
    const std::string& segment = *decoded;
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string_view("/\\\0:", 4)) != std::string::npos) {
      return std::nullopt;
    }
    if (!segment.empty()) segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz";
}

// True when `file` resolves (symbolic links followed) to a place inside `root`.
bool inside(const fs::path& root, const fs::path& file) {
  std::error_code error;
  fs::path real_root = fs::canonical(root, error);
  if (error) return false;
  fs::path real_file = fs::canonical(file, error);
  if (error) return false;
  auto [root_end, file_it] =
      std::mismatch(real_root.begin(), real_root.end(), real_file.begin(), real_file.end());
  return root_end == real_root.end();
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (file_name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

StaticSite::StaticSite(std::filesystem::path root) : root_(std::move(root)) {}

Response StaticSite::serve(const Request& request) const {
  if (is_api_path(request.path)) return error_response(not_found());
  auto segments = safe_segments(request.path);
  if (!segments) return error_response(not_found());

  fs::path file = root_;
  for (const std::string& segment : *segments) file /= segment;
  std::error_code error;
  if (!segments->empty() && fs::is_regular_file(file, error) && inside(root_, file)) {
    bool immutable = segments->size() > 1 && segments->front() == "assets";
    return file_response(file, immutable);
  }
  // A missing asset is a 404, not the application: a broken script tag must
  // not receive HTML.
  if (!segments->empty() &&
      (segments->front() == "assets" || segments->back().find('.') != std::string::npos)) {
    return error_response(not_found());
  }
  fs::path index = root_ / "index.html";
  if (!fs::is_regular_file(index, error)) return error_response(not_found());
  return file_response(index, /*immutable=*/false);
}

Response StaticSite::file_response(const std::filesystem::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return error_response(not_found());
  Response response;
  response.status = 200;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::string name = file.filename().string();
  response.content_type = std::string(content_type_for(name));
  response.set_header("Cache-Control",
                      immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (name.ends_with(".html")) {
    response.set_header("Content-Security-Policy", std::string(kHtmlContentSecurityPolicy));
  }
  return response;
}

}  // namespace tallinn::http
