# helmdeck_add_test(NAME <name> SOURCES <files…> [LIBRARIES <targets…>] [LABELS <labels…>]
#                   [TIMEOUT <seconds>] [RESOURCE_LOCK <names…>])
# Builds one Qt Test executable into build/bin and registers it with ctest.
function(helmdeck_add_test)
  cmake_parse_arguments(arg "" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS;RESOURCE_LOCK" ${ARGN})
  add_executable(${arg_NAME} ${arg_SOURCES})
  target_link_libraries(${arg_NAME} PRIVATE Qt6::Test Qt6::Core helmdeck::test_support ${arg_LIBRARIES})
  target_compile_definitions(${arg_NAME} PRIVATE
    HELMDECK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    HELMDECK_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${arg_NAME} COMMAND ${arg_NAME})
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 300)
  endif()
  set_tests_properties(${arg_NAME} PROPERTIES
    LABELS "${arg_LABELS}"
    TIMEOUT ${arg_TIMEOUT}
    WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  if(arg_RESOURCE_LOCK)
    set_tests_properties(${arg_NAME} PROPERTIES RESOURCE_LOCK "${arg_RESOURCE_LOCK}")
  endif()
endfunction()
