#[=======================================================================[.rst:
StacklessGenerate
-----------------

Lowers C++ sources holding async functions, generators and streams with the
``stackless`` tool at build time, and compiles the lowered files instead.
``find_package(Stackless)`` and ``add_subdirectory(stackless)`` both include
this file.

.. command:: stackless_generate

  ::

    stackless_generate(<target>
                       SOURCES <file>...
                       [OUTPUT_DIR <dir>]
                       [OPTIONS <tool option>...]
                       [COMPILER_ARGS <compiler arg>...])

  ``<target>``
    An executable or library created in the same directory (``CMakeLists.txt``)
    as this call, so that CMake can attach the generation rules to it.
  ``SOURCES``
    The files to lower, relative to the current source directory or absolute.
    Each gets its own custom command and its own output. An input that is also
    listed among the target's sources is not compiled itself (it is marked
    ``HEADER_FILE_ONLY``): its output replaces it, so

    .. code-block:: cmake

      add_executable(app main.cpp)
      stackless_generate(app SOURCES main.cpp)

    just works. (``HEADER_FILE_ONLY`` is a property of the file in this
    directory: another target of the same directory that lists it does not
    compile it either.)
  ``OUTPUT_DIR``
    Where the lowered files go; default
    ``${CMAKE_CURRENT_BINARY_DIR}/stackless_generated/<target>``. An input
    under the current source directory keeps its relative path below it
    (``src/a.cpp`` -> ``<dir>/src/a.cpp``), any other its file name.
  ``OPTIONS``
    Extra options for the tool itself (they come before its ``--``; see
    ``stackless --help``).
  ``COMPILER_ARGS``
    Extra arguments for the Clang the tool parses with (after its ``--``),
    e.g. ``-Wno-unknown-attributes``. They come last, so a ``-std=`` here
    overrides the one worked out from the target.

  What the tool is told (the same as the compiler is, less the options):

  * the target's include directories, those inherited from the targets it
    links (``Stackless::runtime``'s among them) included: the
    ``INCLUDE_DIRECTORIES`` target property, which CMake evaluates with the
    usage requirements of the link closure;
  * its compile definitions, likewise (``COMPILE_DEFINITIONS``);
  * its C++ standard: the highest of C++17, ``CXX_STANDARD`` and any
    ``cxx_std_NN`` compile feature of the closure, with GNU extensions
    unless ``CXX_EXTENSIONS`` is off (as CMake does).

  Compile options (warnings, ``-f`` flags...) are not passed: they are for the
  compiler that builds the output. All this goes through a response file,
  ``<dir>/stackless.rsp`` (``stackless-<CONFIG>.rsp`` under multi-config
  generators), written by ``file(GENERATE)``, as the tool's ``--extra-arg=``
  options, except definitions holding a quote or a backslash, which go on the
  command line, where CMake quotes them:

  .. code-block:: sh

    stackless <in> -o <out> -MD -MF <out>.d [OPTIONS] @<dir>/stackless.rsp -- [-DX="y"...] [COMPILER_ARGS]

  (``--extra-arg`` because the tool's Clang does not expand an ``@file``
  given after ``--``. An include path holding ``"`` or ``\`` is not
  supported.)

  When it runs again:

  * the input changes, or any file it includes: the tool writes a depfile
    (``-MD -MF``) and the command has ``DEPFILE``, as Qt's AUTOMOC does;
  * the tool is rebuilt (the command ``DEPENDS`` on ``Stackless::stackless``),
    or the response file changes (include directories, definitions, standard).

  A lowered file lives in the build tree but keeps finding the headers beside
  its input: the input's directory is searched for ``#include "..."`` when
  compiling it (``-iquote``, or an include directory for MSVC).

  The target is linked to ``Stackless::runtime`` (the lowered code includes
  it), by appending to its ``LINK_LIBRARIES`` property rather than by
  ``target_link_libraries``, so that your own calls keep whichever signature
  style they use; linking it yourself as well does no harm.
#]=======================================================================]
include_guard(GLOBAL)

# The tool's depfile names the output as given (-o, an absolute path), which
# Ninja matches only under CMP0116's NEW behaviour; the function records
# this setting where it is defined, whatever the caller's minimum version.
if(POLICY CMP0116)
  cmake_policy(SET CMP0116 NEW)
endif()

function(stackless_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "SOURCES;OPTIONS;COMPILER_ARGS")
  set(fn "stackless_generate(${target})")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${fn}: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "${fn}: SOURCES is required")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${fn}: no target named ${target}")
  endif()
  get_target_property(target_dir ${target} SOURCE_DIR)
  if(NOT target_dir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
    message(FATAL_ERROR "${fn}: call it in the directory that creates ${target} "
                        "(${target_dir}), so that CMake attaches the generation rules to it")
  endif()
  if(NOT TARGET Stackless::stackless)
    message(FATAL_ERROR "${fn}: the stackless tool is not available (Stackless::stackless); "
                        "build it (STACKLESS_BUILD_TOOL=ON) or install a package that has it")
  endif()

  # The lowered code includes the runtime (a header-only INTERFACE library).
  if(TARGET Stackless::runtime)
    get_target_property(linked ${target} LINK_LIBRARIES)
    if(NOT "Stackless::runtime" IN_LIST linked)
      set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES Stackless::runtime)
      get_target_property(type ${target} TYPE)
      if(type STREQUAL "STATIC_LIBRARY")  # its users link what it needs (threads)
        set_property(TARGET ${target} APPEND PROPERTY
                     INTERFACE_LINK_LIBRARIES "$<LINK_ONLY:Stackless::runtime>")
      endif()
    endif()
  endif()

  set(out_dir "${arg_OUTPUT_DIR}")
  if(NOT out_dir)
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/stackless_generated/${target}")
  endif()
  get_filename_component(out_dir "${out_dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  # The response file: the target's C++ standard, include directories and
  # definitions, as the tool's --extra-arg-before/--extra-arg options, one
  # per line, quoted. A definition holding a quote or a backslash (which the
  # response file would need escaped) goes on the command line instead.
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi_config)
    set(rsp "${out_dir}/stackless-$<CONFIG>.rsp")
  else()
    set(rsp "${out_dir}/stackless.rsp")
  endif()
  set(asked "cxx_std_$<TARGET_PROPERTY:${target},CXX_STANDARD>;$<TARGET_PROPERTY:${target},COMPILE_FEATURES>")
  set(std 17)
  foreach(n 20 23 26)  # nests: the outermost test is the newest standard
    set(std "$<IF:$<IN_LIST:cxx_std_${n},${asked}>,${n},${std}>")
  endforeach()
  set(ext "$<TARGET_PROPERTY:${target},CXX_EXTENSIONS>")
  set(dialect "$<IF:$<OR:$<STREQUAL:${ext},>,$<BOOL:${ext}>>,gnu,c>")
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(plain_defines "$<FILTER:${defines},EXCLUDE,[\"\\\\]>")
  set(quoted_defines "$<FILTER:${defines},INCLUDE,[\"\\\\]>")
  # "--extra-arg=<prefix><item>" for each item of a list, one per line
  set(each_include "\"--extra-arg=-I$<JOIN:${includes},\"\n\"--extra-arg=-I>\"\n")
  set(each_define "\"--extra-arg=-D$<JOIN:${plain_defines},\"\n\"--extra-arg=-D>\"\n")
  file(GENERATE OUTPUT "${rsp}" CONTENT
    "--extra-arg-before=-std=${dialect}++${std}\n\
$<$<NOT:$<STREQUAL:${includes},>>:${each_include}>\
$<$<NOT:$<STREQUAL:${plain_defines},>>:${each_define}>")
  set(cmdline_defines "$<$<NOT:$<STREQUAL:${quoted_defines},>>:-D$<JOIN:${quoted_defines},;-D>>")

  set(outputs "")
  foreach(src IN LISTS arg_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${abs}")
    if(rel MATCHES "^\\.\\./" OR IS_ABSOLUTE "${rel}")
      get_filename_component(rel "${abs}" NAME)
    endif()
    set(out "${out_dir}/${rel}")
    if(out IN_LIST outputs)
      message(FATAL_ERROR "${fn}: two inputs lower to ${out}; give them different names")
    endif()
    list(APPEND outputs "${out}")
    get_filename_component(parent "${out}" DIRECTORY)
    file(MAKE_DIRECTORY "${parent}")

    add_custom_command(
      OUTPUT "${out}"
      COMMAND Stackless::stackless "${abs}" -o "${out}" -MD -MF "${out}.d"
              ${arg_OPTIONS} "@${rsp}"
              -- "${cmdline_defines}" ${arg_COMPILER_ARGS}
      DEPENDS "${abs}" "${rsp}" Stackless::stackless
      DEPFILE "${out}.d"
      COMMENT "stackless: lowering ${rel}"
      COMMAND_EXPAND_LISTS
      VERBATIM)

    # The input is shown with the target's sources but not compiled; the
    # output is compiled, finding the headers beside its input.
    target_sources(${target} PRIVATE "${abs}" "${out}")
    set_source_files_properties("${abs}" PROPERTIES HEADER_FILE_ONLY ON)
    get_filename_component(src_dir "${abs}" DIRECTORY)
    if(MSVC)
      set_property(SOURCE "${out}" APPEND PROPERTY INCLUDE_DIRECTORIES "${src_dir}")
    else()
      set_property(SOURCE "${out}" APPEND PROPERTY COMPILE_OPTIONS "-iquote" "${src_dir}")
    endif()
  endforeach()
endfunction()
