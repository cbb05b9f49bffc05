// Atomic output under the worst conditions: a build killed with SIGKILL at several moments,
// and a build that runs out of disk space. Either way the previous site must still be there,
// complete and byte-identical.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <sys/mount.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace sprout;
using namespace sprout::test;

namespace {

std::vector<std::string> staging_leftovers(const fs::path& parent) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(parent))
        if (e.path().filename().string().find(".staging-") != std::string::npos) out.push_back(e.path().filename());
    return out;
}

// A toolkit big enough for a build to take a while: the starter plus `n` more interventions.
void write_large_toolkit(const fs::path& dir, int n) {
    write_starter(dir);
    const std::string base = read(dir / "content/interventions/shared-reading.toml");
    for (int i = 0; i < n; ++i) {
        std::string text = base;
        const std::string from = "name = \"Shared reading sessions (example)\"";
        const auto p = text.find(from);
        REQUIRE(p != std::string::npos);
        text.replace(p, from.size(), "name = \"Synthetic intervention " + std::to_string(i) + "\"");
        write(dir / ("content/interventions/synthetic-" + std::to_string(i) + ".toml"), text);
    }
}

// Starts `sprout build -q` in `cwd` without waiting for it.
pid_t spawn_build(const fs::path& cwd) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0) ::_exit(126);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execl(SPROUT_BINARY, SPROUT_BINARY, "build", "-q", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("a build killed with SIGKILL at any moment leaves a complete site", "[output][build][kill]") {
    TempDir tmp;
    write_large_toolkit(tmp.path(), 120);
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    const auto old_site = snapshot(tmp.path() / "site");
    REQUIRE(old_site.size() > 120);

    // The builds killed below change every page, with the last build's cache and the check's
    // memo to hand: one such build, timed, gives the site they make and how long they take.
    // Builds without a cache, like the first, or without a memo, like the first edit after it,
    // take longer, and kills timed by them would land after the end: one edit is made and
    // undone before the timed one.
    const std::string site_toml = read(tmp.path() / "content/site.toml");
    std::string edited = site_toml;
    edited.replace(edited.find("title = \""), 9, "title = \"Edited: ");
    write(tmp.path() / "content/site.toml", edited);
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    write(tmp.path() / "content/site.toml", site_toml);
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    REQUIRE(snapshot(tmp.path() / "site") == old_site);
    write(tmp.path() / "content/site.toml", edited);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    const double build_time = seconds_since(t0);
    const auto new_site = snapshot(tmp.path() / "site");
    REQUIRE(new_site != old_site);
    write(tmp.path() / "content/site.toml", site_toml);
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    REQUIRE(snapshot(tmp.path() / "site") == old_site);
    write(tmp.path() / "content/site.toml", edited);

    int killed = 0;
    for (const double fraction : {0.05, 0.25, 0.5, 0.75, 0.95}) {
        INFO("killed at " << fraction * 100 << "% of a " << build_time << " s build");
        const pid_t pid = spawn_build(tmp.path());
        REQUIRE(pid > 0);
        std::this_thread::sleep_for(std::chrono::duration<double>(fraction * build_time));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        const auto now = snapshot(tmp.path() / "site");
        if (WIFSIGNALED(status)) {
            ++killed;
            // Killed before the swap: the old site; killed after it: the new one. Never a mix.
            const bool whole = now == old_site || now == new_site;
            CHECK(whole);
        } else {
            CHECK(WEXITSTATUS(status) == 0);
            CHECK(now == new_site);
        }
        if (now == old_site) continue;
        // The build got through: put the old site back for the next kill.
        write(tmp.path() / "content/site.toml", site_toml);
        REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
        REQUIRE(snapshot(tmp.path() / "site") == old_site);
        write(tmp.path() / "content/site.toml", edited);
    }
    CHECK(killed >= 3);  // most kills land during the build, whatever the machine's speed
    // Whatever happened, the site rebuilds cleanly, and the builds killed left no staging folder
    // behind: each build clears those of builds that are no longer running.
    REQUIRE(run_sprout("build -q", tmp.path()).exit_code == 0);
    CHECK(snapshot(tmp.path() / "site") == new_site);
    CHECK(staging_leftovers(tmp.path()).empty());
}

TEST_CASE("a full disk fails the build clearly and keeps the previous site", "[output][build][disk]") {
    if (::geteuid() != 0) {
        WARN("skipped: mounting a small tmpfs needs root");
        return;
    }
    TempDir tmp;
    write_large_toolkit(tmp.path(), 40);
    // How much room one site takes, in 4 KiB blocks as tmpfs counts them.
    REQUIRE(run_sprout("build -q --out measure", tmp.path()).exit_code == 0);
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path() / "measure"))
        bytes += e.is_regular_file() ? (e.file_size() + 4095) / 4096 * 4096 : 4096;
    fs::remove_all(tmp.path() / "measure");

    // Room for one site and a half: the first build fits, the second cannot be staged beside it.
    const fs::path disk = tmp.path() / "disk";
    fs::create_directories(disk);
    const std::string opts = "size=" + std::to_string(bytes + bytes / 2 + 64 * 1024);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, opts.c_str()) != 0) {
        WARN("skipped: cannot mount a tmpfs here (" << std::strerror(errno) << ")");
        return;
    }
    struct Unmount {
        fs::path p;
        ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
    } unmount{disk};

    REQUIRE(run_sprout("build -q --out disk/site", tmp.path()).exit_code == 0);
    const auto before = snapshot(disk / "site");
    // A new title changes every page, so the next build cannot reuse (hard-link) the old files.
    std::string site_toml = read(tmp.path() / "content/site.toml");
    site_toml.replace(site_toml.find("title = \""), 9, "title = \"Changed: ");
    write(tmp.path() / "content/site.toml", site_toml);
    const auto r = run_sprout("build -q --out disk/site", tmp.path(), 600);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("No space left on device") != std::string::npos);
    CHECK(r.err.find("disk/site was not changed") != std::string::npos);
    CHECK(snapshot(disk / "site") == before);
    CHECK(staging_leftovers(disk).empty());
}
