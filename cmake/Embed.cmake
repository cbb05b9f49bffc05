# sprout_embed(TARGET_SOURCE_VAR OUTPUT NAME FILES... BASE DIR)
# Compiles files into a C++ source as {relative path, contents} pairs, so the binary carries its
# schema, default templates, theme and starter toolkit and works from any folder.
function(sprout_embed out_var)
  cmake_parse_arguments(E "" "OUTPUT;NAME;BASE" "FILES" ${ARGN})
  # '|' separates files: a ';' list would be split into separate command arguments.
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAME=${E_NAME} -DBASE=${E_BASE}
            "-DFILES=${files_arg}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
  set(${out_var} ${E_OUTPUT} PARENT_SCOPE)
endfunction()
