#include "serve/paths.hpp"

#include <algorithm>
#include <map>

namespace fs = std::filesystem;

namespace sprout::serve {

std::optional<fs::path> resolve_request(const fs::path& root, std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    if (std::any_of(path.begin(), path.end(), [](char c) { return c == '\\' || static_cast<unsigned char>(c) < 0x20; }))
        return std::nullopt;
    fs::path rel;
    std::size_t i = 1;
    while (i <= path.size()) {
        const std::size_t j = std::min(path.find('/', i), path.size());
        const std::string_view seg = path.substr(i, j - i);
        if (seg == "..") return std::nullopt;
        if (!seg.empty() && seg != ".") rel /= std::string(seg);
        i = j + 1;
    }
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    fs::path target = base / rel;
    if (fs::is_directory(target, ec)) target /= "index.html";
    const fs::path real = fs::weakly_canonical(target, ec);
    if (ec) return std::nullopt;
    // The real location must still be inside the site: symlinks may not lead out of it.
    auto [b, r] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
    if (b != base.end()) return std::nullopt;
    if (!fs::is_regular_file(real, ec)) return std::nullopt;
    return real;
}

std::string content_type(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"}, {".xml", "application/xml"}, {".csv", "text/csv; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
        {".ico", "image/x-icon"}, {".pdf", "application/pdf"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
        {".atom", "application/atom+xml"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace sprout::serve
