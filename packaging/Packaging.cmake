# Installation layout and the Debian package (cpack -G DEB in the build folder).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/polytrain-studio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.github.polytrain.Studio.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/polytrain.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME polytrain-studio.svg)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME polytrain-studio)
set(CPACK_PACKAGE_VENDOR "PolyTrain")
set(CPACK_PACKAGE_CONTACT "PolyTrain developers <dev@polytrain.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://polytrain.invalid")
# dpkg-shlibdeps computes the library dependencies (Qt, libtorch, OpenCV, QCustomPlot) from the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Not found by shlibdeps: libtorch picks its BLAS through alternatives, and the reference BLAS is 5-10x slower.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread | libopenblas0-openmp | libopenblas0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "labelme")
set(CPACK_STRIP_FILES ON)
include(CPack)
