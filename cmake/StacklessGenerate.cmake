# stackless_generate(<target> SOURCES <files...> [OUTPUT_DIR <dir>] [OPTIONS <args...>])
#
# One custom command per file runs the stackless tool on it; the lowered file
# is written under the build tree and compiled in place of the input (an input
# listed among the target's own sources is not compiled itself). The target's
# include directories, definitions and C++ standard are passed to the tool.
function(stackless_generate target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;OPTIONS" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "stackless_generate(${target}): SOURCES is required")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/stackless_generated/${target}")
  endif()
  file(MAKE_DIRECTORY "${ARG_OUTPUT_DIR}")

  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(std "$<IF:$<BOOL:$<TARGET_PROPERTY:${target},CXX_STANDARD>>,$<TARGET_PROPERTY:${target},CXX_STANDARD>,17>")

  foreach(src IN LISTS ARG_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    get_filename_component(name "${src}" NAME)
    set(out "${ARG_OUTPUT_DIR}/${name}")
    add_custom_command(
      OUTPUT "${out}"
      COMMAND Stackless::stackless "${abs}" -o "${out}" -MD -MF "${out}.d" ${ARG_OPTIONS} --
              "-std=c++${std}"
              "$<$<BOOL:${includes}>:-I$<JOIN:${includes},;-I>>"
              "$<$<BOOL:${defines}>:-D$<JOIN:${defines},;-D>>"
      DEPENDS "${abs}" Stackless::stackless
      DEPFILE "${out}.d"
      COMMENT "stackless: lowering ${name}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    set_source_files_properties("${abs}" PROPERTIES HEADER_FILE_ONLY ON)
    target_sources(${target} PRIVATE "${out}")
  endforeach()
endfunction()
