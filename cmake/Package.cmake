# Distribution: the man page (generated from `sprout --help`), bash completion, the guides, and
# a Debian package through CPack:
#   cmake --build build && (cd build && cpack)        → build/sprout_<version>_<arch>.deb
# The binary has the schema, templates, theme and starter toolkit built in, so the package
# needs only the shared libraries below and the DejaVu fonts the PDF briefs embed.

find_program(GZIP_PROGRAM gzip REQUIRED)

# The man page carries the date of the last commit, not the build time, so rebuilding the same
# source gives the same page (SOURCE_DATE_EPOCH is honoured when there is no git).
execute_process(COMMAND git log -1 --format=%cs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                OUTPUT_VARIABLE SPROUT_MAN_DATE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
set(SPROUT_MAN_PAGE ${CMAKE_BINARY_DIR}/sprout.1.gz)
add_custom_command(
  OUTPUT ${SPROUT_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -DSPROUT=$<TARGET_FILE:sprout> -DOUT=${CMAKE_BINARY_DIR}/sprout.1
          -DVERSION=${PROJECT_VERSION} -DDATE=${SPROUT_MAN_DATE} -P ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
  COMMAND ${GZIP_PROGRAM} -9nf ${CMAKE_BINARY_DIR}/sprout.1
  DEPENDS sprout ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
  COMMENT "Writing the sprout(1) man page from sprout --help"
  VERBATIM)
add_custom_target(sprout_man_page ALL DEPENDS ${SPROUT_MAN_PAGE})

install(FILES ${SPROUT_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/tools/completion/sprout.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME sprout)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
foreach(doc TUTORIAL CONTENT EDITORS DIFF DEPLOY ARCHITECTURE)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/${doc}.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
endforeach()
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/img DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(SPROUT_PACKAGE_CONTACT "Sprout maintainers <sprout@example.invalid>" CACHE STRING
    "Maintainer field of the .deb (name <email>)")

# /usr/share/doc/sprout/copyright in Debian's machine-readable format (DEP-5), made from
# LICENSE so the two cannot disagree: the licence text follows its `License:` line, each line
# indented by one space and blank lines written as " .".
file(READ ${CMAKE_SOURCE_DIR}/LICENSE SPROUT_LICENSE_TEXT)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${SPROUT_LICENSE_TEXT}")
set(SPROUT_COPYRIGHT_HOLDER "${CMAKE_MATCH_1}")
string(STRIP "${SPROUT_LICENSE_TEXT}" SPROUT_LICENSE_TEXT)
string(REGEX REPLACE "\n\n" "\n.\n" SPROUT_LICENSE_TEXT "${SPROUT_LICENSE_TEXT}")
string(REPLACE "\n" "\n " SPROUT_LICENSE_TEXT "${SPROUT_LICENSE_TEXT}")
file(WRITE ${CMAKE_BINARY_DIR}/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: sprout
Upstream-Contact: ${SPROUT_PACKAGE_CONTACT}

Files: *
Copyright: ${SPROUT_COPYRIGHT_HOLDER}
License: Expat

License: Expat
 ${SPROUT_LICENSE_TEXT}
")
install(FILES ${CMAKE_BINARY_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/LICENSE)

set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_NAME sprout)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${SPROUT_PACKAGE_CONTACT})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static website and PDF brief generator for evidence toolkits")
# One string (several arguments would become a ;-separated list).
set(CPACK_PACKAGE_DESCRIPTION "Sprout builds an evidence toolkit, written as TOML records (interventions, \
evidence ratings, recommendations, statistics and their sources), into a static website that works \
without JavaScript and printable PDF briefs tailored by nation, audience and local area.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Debian 12 packages of the shared libraries the binary links (`readelf -d build/sprout` and
# `dpkg -S` on each; tests/package/deb_test.sh fails if one is missing here), and the fonts the
# PDF briefs embed.
set(SPROUT_DEB_DEPENDS
    "libc6 (>= 2.34)" "libstdc++6 (>= 12)" libgcc-s1 libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6
    libhpdf-2.3.0 libtomlplusplus3 libfmt9 libcpp-httplib0.11 fonts-dejavu-core)
if(JEMALLOC_LIBRARY)  # linked only when found (generator/CMakeLists.txt)
  list(APPEND SPROUT_DEB_DEPENDS libjemalloc2)
endif()
list(JOIN SPROUT_DEB_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git")
include(CPack)
