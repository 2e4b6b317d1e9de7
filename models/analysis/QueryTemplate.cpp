#include "analysis/QueryTemplate.h"

namespace rolldeck::analysis {

QString fillQueryTemplate(const QString &query, const QHash<QString, QString> &values, QStringList *unresolved)
{
    const QLatin1String open("{{");
    const QLatin1String close("}}");
    QString out;
    out.reserve(query.size());
    qsizetype from = 0;
    while (true) {
        const qsizetype start = query.indexOf(open, from);
        const qsizetype end = start < 0 ? -1 : query.indexOf(close, start + open.size());
        if (end < 0) {
            out += QStringView(query).sliced(from); // no complete tag left: the rest as written
            return out;
        }
        out += QStringView(query).sliced(from, start - from);
        const QString name =
            QStringView(query).sliced(start + open.size(), end - start - open.size()).trimmed().toString();
        const auto value = values.constFind(name);
        if (value != values.cend()) {
            out += *value;
        } else {
            out += QStringView(query).sliced(start, end + close.size() - start);
            if (unresolved && !unresolved->contains(name))
                unresolved->append(name);
        }
        from = end + close.size();
    }
}

} // namespace rolldeck::analysis
