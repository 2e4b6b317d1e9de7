#include "Theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace rolldeck {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x26, 0x28, 0x2b);
    const QColor base(0x1d, 0x1f, 0x21);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor muted(0x8a, 0x8f, 0x96);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x24, 0x27, 0x2a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x30, 0x33, 0x37));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb4, 0xff));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4e, 0x53));
    p.setColor(QPalette::Dark, QColor(0x15, 0x16, 0x18));
    p.setColor(QPalette::Light, QColor(0x40, 0x44, 0x49));
    p.setColor(QPalette::PlaceholderText, muted);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    return p;
}

bool applyTheme(QApplication &app, ThemeChoice choice)
{
    if (choice == ThemeChoice::FollowDesktop) {
        const QByteArray forced = qgetenv("ROLLDECK_THEME");
        if (forced == "dark")
            choice = ThemeChoice::Dark;
        else if (forced == "light")
            choice = ThemeChoice::Light;
    }
    const bool dark =
        choice == ThemeChoice::Dark || (choice == ThemeChoice::FollowDesktop && isDark(QApplication::palette()));
    if (dark || choice == ThemeChoice::Light) {
        // Fusion draws every control from the palette, so the whole window turns with it.
        app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        app.setPalette(dark ? darkPalette() : app.style()->standardPalette());
    }
    return dark;
}

} // namespace rolldeck
