// Serves the built web application (web/dist) from the API's origin.
//
// GET paths that are not the API's: a file under the root when one exists,
// otherwise index.html, so that the single-page application's own routes
// (/needs/7) load it. Paths under /api/ never fall back: they answer the
// API's 404. A path with a ".." or "." segment, a backslash, a NUL or a
// symbolic link leading out of the root answers 404: nothing outside the
// root is ever read.
//
// Headers: a Content-Type by extension; files under /assets/ (named by their
// content hash by Vite) are cached for a year as immutable, everything else
// is revalidated (no-cache). HTML carries the strict Content-Security-Policy
// below: scripts, styles and images only from the same origin, no inline
// script, no framing.
#pragma once

#include <filesystem>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace tallinn::http {

inline constexpr std::string_view kHtmlContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

class StaticSite {
 public:
  // `root` need not exist yet (the web build may come later); requests then
  // answer 404. Thread-safe: serve() only reads the file system.
  explicit StaticSite(std::filesystem::path root);

  Response serve(const Request& request) const;

 private:
  Response file_response(const std::filesystem::path& file, bool immutable) const;
  std::filesystem::path root_;
};

// The Content-Type for a file name's extension; application/octet-stream
// when unknown.
std::string_view content_type_for(std::string_view file_name);

}  // namespace tallinn::http
