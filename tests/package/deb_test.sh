#!/usr/bin/env bash
# Builds the .deb with cpack from a configured and built tree, checks its contents and
# dependencies, unpacks it with `dpkg -x` (no root needed) and uses the unpacked sprout to
# init, check and build a toolkit in a clean folder.
#   tests/package/deb_test.sh BUILD_DIR [CPACK]
set -euo pipefail
build=$(cd "${1:?usage: deb_test.sh BUILD_DIR [CPACK]}" && pwd)
cpack=${2:-cpack}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sprout-deb-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb_test: $*" >&2; exit 1; }
source_root=$(cd "$(dirname "$0")/../.." && pwd)

# 1. Package.
if ! "$cpack" -G DEB -B "$tmp/pkg" --config "$build/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  fail "cpack failed"
fi
deb=$(ls "$tmp"/pkg/sprout_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "cpack wrote no sprout_*.deb"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. Metadata and files.
[ "$(dpkg-deb -f "$deb" Package)" = sprout ] || fail "package name is not sprout"
depends=$(dpkg-deb -f "$deb" Depends)
depends_names=$(sed 's/ ([^)]*)//g; s/, */\n/g' <<<"$depends")   # one package name a line
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}')
for f in ./usr/bin/sprout ./usr/share/man/man1/sprout.1.gz ./usr/share/bash-completion/completions/sprout \
         ./usr/share/sprout/templates/ ./usr/share/sprout/themes/ ./usr/share/doc/sprout/README.md \
         ./usr/share/doc/sprout/TUTORIAL.md ./usr/share/doc/sprout/copyright; do
  grep -qxF "$f" <<<"$listing" || fail "$f is not in the package"
done

dpkg -x "$deb" "$tmp/root"
bin=$tmp/root/usr/bin/sprout
[ -x "$bin" ] || fail "unpacked sprout is not executable"

# The copyright file is machine-readable (DEP-5): a header naming the format, a Files paragraph
# whose licence has a stand-alone paragraph, and that paragraph's text is LICENSE, line for line.
copyright=$tmp/root/usr/share/doc/sprout/copyright
head -1 "$copyright" | grep -qxF 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  || fail "copyright lacks the DEP-5 Format line"
grep -qx 'Files: \*' "$copyright" || fail "copyright has no 'Files: *' paragraph"
grep -qx 'Copyright: .*[0-9]\{4\} .*' "$copyright" || fail "copyright names no copyright holder"
[ "$(grep -c '^License: Expat$' "$copyright")" = 2 ] || fail "copyright lacks the Files licence or its stand-alone paragraph"
diff <(awk 'n == 2 { print } /^License: Expat$/ { n++ }' "$copyright" | sed 's/^ //; s/^\.$//') "$source_root/LICENSE" >/dev/null \
  || fail "the licence text in copyright differs from LICENSE"

# 3. Every shared library the binary needs comes from a package named in Depends.
# The file each library resolves to is looked up under both its /usr and its / path, as
# Debian 12 is usr-merged but dpkg records some libraries (libc) under /lib.
owner() {
  local p
  for p in "$1" "$(readlink -f "$1")" "${1#/usr}" "/usr${1#/usr}"; do
    dpkg -S "$p" 2>/dev/null | head -1 | cut -d: -f1 && return
  done
}
# A sanitized build (SPROUT_SANITIZE, as CI builds) also needs the ASan and UBSan runtimes, which
# a release package never links, so they alone are not looked for in Depends.
for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  case "$lib" in libasan.so.*|libubsan.so.*) continue ;; esac
  path=$(ldd "$bin" | awk -v l="$lib" '$1 == l { print $3 }')
  [ -n "$path" ] || fail "$lib is not installed on this system"
  pkg=$(owner "$path")
  [ -n "$pkg" ] || fail "no Debian package provides $lib"
  grep -qxF "$pkg" <<<"$depends_names" || fail "Depends lacks $pkg (for $lib): $depends"
done
grep -qxF fonts-dejavu-core <<<"$depends_names" || fail "Depends lacks fonts-dejavu-core"

# 4. Man page and completion are usable.
zcat "$tmp/root/usr/share/man/man1/sprout.1.gz" | grep -q '^\.TH SPROUT 1' || fail "man page has no .TH header"
zcat "$tmp/root/usr/share/man/man1/sprout.1.gz" | grep -q 'sprout diff' || fail "man page lacks the diff command"
if command -v groff >/dev/null; then
  zcat "$tmp/root/usr/share/man/man1/sprout.1.gz" | groff -man -ww -z 2>"$tmp/groff.log" || true
  [ ! -s "$tmp/groff.log" ] || { cat "$tmp/groff.log" >&2; fail "groff warns about the man page"; }
fi
completion=$tmp/root/usr/share/bash-completion/completions/sprout
bash -c "source '$completion' && complete -p sprout" >/dev/null || fail "bash completion does not register"
# Completing `sprout <TAB>` and `sprout new <TAB>` with the unpacked binary.
complete_words() {
  PATH="$tmp/root/usr/bin:$PATH" bash -c 'source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sprout; echo " ${COMPREPLY[*]} "' \
    "$completion" "$@"
}
[[ $(complete_words sprout "") == *" diff "* ]] || fail "completion does not offer the diff command"
[[ $(complete_words sprout new "") == *" intervention "* ]] || fail "completion does not offer record kinds"
[[ $(complete_words sprout diff --format "") == " text json html " ]] || fail "completion does not offer --format values"

# 5. The unpacked program works from a clean folder.
"$bin" --version | grep -q '^sprout ' || fail "--version"
mkdir "$tmp/work"
cd "$tmp/work"
"$bin" init tk 2>"$tmp/init.log" || { cat "$tmp/init.log" >&2; fail "sprout init failed"; }
cd tk
"$bin" check --strict 2>"$tmp/check.log" || { cat "$tmp/check.log" >&2; fail "sprout check failed"; }
"$bin" build -q 2>"$tmp/build.log" || { cat "$tmp/build.log" >&2; fail "sprout build failed"; }
[ -s site/index.html ] || fail "no site/index.html"
ls site/briefs/*.pdf >/dev/null 2>&1 || fail "no PDF briefs in site/briefs/"
echo "ok: the unpacked sprout built $(find site -type f | wc -l) files"
