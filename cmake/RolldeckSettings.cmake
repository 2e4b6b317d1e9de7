# The strict settings every Rolldeck target gets (STYLE.md): one place, applied per target.
function(rolldeck_apply_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_FOREACH
        QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror=switch -Wnon-virtual-dtor)
    if(ROLLDECK_SANITIZE)
        # The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer (docs/fuzzing.md).
        target_compile_options(${target} PRIVATE
            -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# One Qt Test executable per class or feature, run by CTest without a display.
# rolldeck_add_test(NAME SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s] [WRAPPER cmd...])
function(rolldeck_add_test name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;WRAPPER" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
    # The paths come from a forced include rather than -D, so that a test that does not use them compiles to the
    # same preprocessed text in every checkout and compiler caches can share it.
    target_compile_options(${name} PRIVATE -include ${PROJECT_BINARY_DIR}/rolldeck_test_paths.h)
    rolldeck_apply_settings(${name})
    add_test(NAME ${name} COMMAND ${T_WRAPPER} $<TARGET_FILE:${name}>)
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(environment "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8")
    if(ROLLDECK_SANITIZE)
        math(EXPR T_TIMEOUT "${T_TIMEOUT} * 3") # instrumented code runs 2-3 times slower
        # A finding ends the test (and any Rolldeck binary it runs) with a report; docs/fuzzing.md.
        list(APPEND environment
            "ASAN_OPTIONS=check_initialization_order=1"
            "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
            "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0")
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "${environment}"
        LABELS "${T_LABELS}")
endfunction()

# ROLLDECK_SOURCE_DIR, ROLLDECK_BINARY_DIR and ROLLDECK_FIXTURES_DIR for the tests (see rolldeck_add_test).
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/rolldeck_test_paths.h CONTENT [[
#pragma once
#define ROLLDECK_SOURCE_DIR "@PROJECT_SOURCE_DIR@"
#define ROLLDECK_BINARY_DIR "@PROJECT_BINARY_DIR@"
#define ROLLDECK_FIXTURES_DIR "@PROJECT_SOURCE_DIR@/tests/fixtures"
]] @ONLY)

# Collects into `out` every target `target` links, directly or through other targets (its link closure).
function(_rolldeck_link_closure target out)
    set(seen ${${out}})
    set(items)
    get_target_property(imported ${target} IMPORTED)
    if(NOT imported)
        get_target_property(direct ${target} LINK_LIBRARIES)
        if(direct)
            list(APPEND items ${direct})
        endif()
    endif()
    get_target_property(interface ${target} INTERFACE_LINK_LIBRARIES)
    if(interface)
        list(APPEND items ${interface})
    endif()
    foreach(item IN LISTS items)
        # $<LINK_ONLY:X> and conditional $<...:X> still link X; the check errs on the side of finding it.
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.+)>$" "\\1" item "${item}")
        if(item MATCHES "^\\$<.*:([A-Za-z0-9_:.+-]+)>$")
            set(item "${CMAKE_MATCH_1}")
        endif()
        if(NOT TARGET "${item}")
            continue()
        endif()
        get_target_property(aliased "${item}" ALIASED_TARGET)
        if(aliased)
            set(item "${aliased}")
        endif()
        if(NOT item IN_LIST seen)
            list(APPEND seen "${item}")
            _rolldeck_link_closure("${item}" seen)
        endif()
    endforeach()
    set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(_rolldeck_check_forbidden_links target)
    set(closure)
    _rolldeck_link_closure(${target} closure)
    foreach(forbidden IN LISTS ARGN)
        if(TARGET "${forbidden}")
            get_target_property(aliased "${forbidden}" ALIASED_TARGET)
            if(aliased)
                set(forbidden "${aliased}")
            endif()
        endif()
        if(forbidden IN_LIST closure)
            message(FATAL_ERROR "${target} links ${forbidden} (its link closure: ${closure}). The layers forbid it: "
                                "see docs/architecture.md.")
        endif()
    endforeach()
endfunction()

# Fails the configure step when `target` links any of the given targets, directly or through another target:
# e.g. the services library must not link Widgets. Checked once every directory has defined its targets.
function(rolldeck_forbid_links target)
    # A deferred call reads variables when it runs: bake the values in now.
    set(args "[[${target}]]")
    foreach(forbidden IN LISTS ARGN)
        string(APPEND args " [[${forbidden}]]")
    endforeach()
    cmake_language(EVAL CODE
        "cmake_language(DEFER DIRECTORY [[${PROJECT_SOURCE_DIR}]] CALL _rolldeck_check_forbidden_links ${args})")
endfunction()
