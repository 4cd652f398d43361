# Warnings for project targets only; third-party headers come in as SYSTEM includes.
function(polytrain_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                           -Woverloaded-virtual -Wno-unused-parameter)
  if(POLYTRAIN_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# torch headers are not SYSTEM by default; mark them so their warnings stay out of our build log.
function(polytrain_link_torch target visibility)
  target_link_libraries(${target} ${visibility} ${TORCH_LIBRARIES})
  target_include_directories(${target} SYSTEM ${visibility} ${TORCH_INCLUDE_DIRS})
endfunction()
