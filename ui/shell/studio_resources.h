#pragma once

namespace polytrain::ui {

// Registers the icons compiled into polytrain_ui. A static library's resources are dropped by the linker unless
// something refers to them, so every entry point into the UI calls this (it is idempotent).
void initStudioResources();

} // namespace polytrain::ui
