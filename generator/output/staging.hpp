#pragma once
// Writes a build into a staging folder beside the destination and swaps it into place only
// when everything succeeded, so a failed or killed build never leaves a half-written site.
#include <filesystem>
#include <string>
#include <string_view>

namespace sprout::output {

class Staging {
public:
    // Creates a fresh staging folder next to `destination` (same file system, so the swap is a rename).
    explicit Staging(std::filesystem::path destination);
    ~Staging();  // removes the staging folder unless committed
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    // Writes `data` to `relative` (a '/'-separated path inside the site). Throws std::runtime_error
    // naming the file on failure (e.g. a full disk). Rejects paths that would leave the folder.
    void write(std::string_view relative, std::string_view data) const;

    const std::filesystem::path& dir() const { return staging_; }
    const std::filesystem::path& destination() const { return destination_; }

    // Replaces the destination with the staged site in one rename (exchange when the
    // destination exists), then removes the previous site. Throws on failure.
    void commit();

private:
    std::filesystem::path destination_;
    std::filesystem::path staging_;
    bool committed_ = false;
};

}  // namespace sprout::output
