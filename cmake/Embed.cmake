# sprout_embed(TARGET_SOURCE_VAR OUTPUT NAME FILES... BASE DIR)
# Compiles files into a C++ source as {relative path, contents} pairs, so the binary carries its
# schema, default templates, theme and starter toolkit and works from any folder.
function(sprout_embed out_var)
  cmake_parse_arguments(E "" "OUTPUT;NAME;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAME=${E_NAME} -DBASE=${E_BASE}
            "-DFILES=${E_FILES}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${E_NAME}")
  set(${out_var} ${E_OUTPUT} PARENT_SCOPE)
endfunction()
