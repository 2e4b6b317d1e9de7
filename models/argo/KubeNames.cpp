#include "KubeNames.h"

#include <QList>
#include <QStringView>

#include <algorithm>

namespace rolldeck {

namespace {

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool dnsLabelShape(QStringView text)
{
    auto alnum = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    if (text.isEmpty() || !alnum(text.front()) || !alnum(text.back()))
        return false;
    return std::all_of(text.cbegin(), text.cend(), [&alnum](QChar c) { return alnum(c) || c == u'-'; });
}

} // namespace

bool isDns1123Label(const QString &text)
{
    return text.size() <= 63 && dnsLabelShape(text);
}

bool isDns1123Subdomain(const QString &text)
{
    if (text.size() > 253)
        return false;
    const QList<QStringView> labels = QStringView(text).split(u'.');
    return std::all_of(labels.cbegin(), labels.cend(), [](QStringView label) { return dnsLabelShape(label); });
}

QString printableText(const QString &text)
{
    auto unsafe = [](char16_t c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    };
    if (std::none_of(text.cbegin(), text.cend(), [&unsafe](QChar c) { return unsafe(c.unicode()); }))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!unsafe(u))
            out += c;
        else if (u < 0x100)
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace rolldeck
