#include "web/feeds.hpp"

#include "markdown/markdown.hpp"
#include "web/urls.hpp"

namespace sprout::web {

namespace {

std::string xml(const std::string& s) { return markdown::escape_html(s); }

std::string address(const model::Site& site, const std::string& path) {
    const std::string abs = urls::canonical(site.base_url, path);
    return abs.empty() ? path : abs;
}

// An Atom id must be a stable IRI: the page's address when the site has one, otherwise a URN
// made from the site's title, so ids do not change between builds.
std::string atom_id(const model::Site& site, const std::string& path) {
    if (auto abs = urls::canonical(site.base_url, path); !abs.empty()) return abs;
    return "urn:sprout:" + urls::slug(site.title) + ":" + path;
}

// The edition date as an Atom timestamp (midnight UTC); the only date the content has.
std::string timestamp(const model::Site& site) { return site.edition + "T00:00:00Z"; }

}  // namespace

void sitemap_xml(const model::Site& site, const std::vector<WrittenPage>& pages, output::Staging::Stream& file) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (urls::canonical(site.base_url, "").empty())
        out += "<!-- Set base_url in content/site.toml to get the absolute addresses search engines expect. -->\n";
    out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    file.append(out);
    for (const auto& p : pages) {
        if (!p.meta.in_sitemap) continue;
        file.append("  <url><loc>" + xml(address(site, p.path)) + "</loc><lastmod>" + xml(site.edition) + "</lastmod></url>\n");
    }
    file.append("</urlset>\n");
}

std::string robots_txt(const model::Site& site) {
    std::string out = "User-agent: *\nAllow: /\n";
    if (auto abs = urls::canonical(site.base_url, "sitemap.xml"); !abs.empty()) out += "Sitemap: " + abs + "\n";
    return out;
}

void atom_feed(const model::Model& m, const std::vector<WrittenPage>& pages, output::Staging::Stream& file) {
    const auto& site = m.site;
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                      xml(site.language) + "\">\n";
    out += "  <title>" + xml(site.title) + "</title>\n";
    out += "  <id>" + xml(atom_id(site, "feed.xml")) + "</id>\n";
    out += "  <updated>" + timestamp(site) + "</updated>\n";
    out += "  <author><name>" + xml(site.publisher) + "</name></author>\n";
    out += "  <link rel=\"self\" href=\"" + xml(address(site, "feed.xml")) + "\"/>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml(address(site, "index.html")) + "\"/>\n";
    // The content has no per-record dates, so the feed announces the edition and lists the
    // pages readers follow: guides and interventions.
    out += "  <entry>\n    <title>" + xml("Edition of " + site.edition) + "</title>\n    <id>" +
           xml(atom_id(site, "index.html#edition-" + site.edition)) + "</id>\n    <updated>" + timestamp(site) +
           "</updated>\n    <link href=\"" + xml(address(site, "index.html")) + "\"/>\n    <summary>" +
           xml(std::to_string(m.interventions.size()) + " interventions, " + std::to_string(m.recommendations.size()) +
               " recommendations, " + std::to_string(m.examples.size()) + " practice examples and " +
               std::to_string(m.statistics.size()) + " statistics.") +
           "</summary>\n  </entry>\n";
    file.append(out);
    for (const auto& p : pages) {
        if (p.meta.search_kind != "Intervention" && !p.path.starts_with("pages/")) continue;
        if (p.path == "pages/index.html") continue;
        file.append("  <entry>\n    <title>" + xml(p.meta.title) + "</title>\n    <id>" + xml(atom_id(site, p.path)) +
               "</id>\n    <updated>" + timestamp(site) + "</updated>\n    <link href=\"" + xml(address(site, p.path)) +
               "\"/>\n    <summary>" + xml(p.meta.description) + "</summary>\n  </entry>\n");
    }
    file.append("</feed>\n");
}

void write_feeds(const model::Model& m, const std::vector<WrittenPage>& pages, output::Staging& out) {
    auto sitemap = out.open("sitemap.xml");
    sitemap_xml(m.site, pages, sitemap);
    sitemap.close();
    out.write("robots.txt", robots_txt(m.site));
    auto feed = out.open("feed.xml");
    atom_feed(m, pages, feed);
    feed.close();
}

}  // namespace sprout::web
