#pragma once

#include <QPalette>

class QApplication;

namespace rolldeck {

// Light or dark, following the desktop: Qt 6.4 takes the platform theme's palette; when that palette is dark the
// console uses a dark palette of its own, tuned so the status colours keep their contrast. ROLLDECK_THEME=dark or
// =light overrides (a presenter's projector, screenshots). Painted widgets read the palette, never fixed colours.
enum class ThemeChoice { FollowDesktop, Light, Dark };

bool isDark(const QPalette &palette);
QPalette darkPalette();
// Applies the choice (FollowDesktop: ROLLDECK_THEME if set, else the desktop's). Returns whether it is dark.
bool applyTheme(QApplication &app, ThemeChoice choice = ThemeChoice::FollowDesktop);

} // namespace rolldeck
