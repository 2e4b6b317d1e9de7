# The strict settings every Rolldeck target gets (STYLE.md): one place, applied per target.
function(rolldeck_apply_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_FOREACH
        QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror=switch -Wnon-virtual-dtor)
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
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8"
        LABELS "${T_LABELS}")
endfunction()

# ROLLDECK_SOURCE_DIR, ROLLDECK_BINARY_DIR and ROLLDECK_FIXTURES_DIR for the tests (see rolldeck_add_test).
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/rolldeck_test_paths.h CONTENT [[
#pragma once
#define ROLLDECK_SOURCE_DIR "@PROJECT_SOURCE_DIR@"
#define ROLLDECK_BINARY_DIR "@PROJECT_BINARY_DIR@"
#define ROLLDECK_FIXTURES_DIR "@PROJECT_SOURCE_DIR@/tests/fixtures"
]] @ONLY)
