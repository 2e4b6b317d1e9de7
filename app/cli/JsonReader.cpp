#include "JsonReader.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace rolldeck::cli {

std::vector<double> samples(const JsonReader &r, const QString &key)
{
    std::vector<double> out;
    if (!r.value(key).isArray()) {
        r.fail(key, QStringLiteral("expected an array of numbers"));
        return out;
    }
    const QJsonArray array = r.value(key).toArray();
    out.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (v.isDouble())
            out.push_back(v.toDouble());
        else if (v.isNull() || v.toString() == u"NaN")
            out.push_back(std::nan(""));
        else
            r.fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("expected a number, null or \"NaN\""));
    }
    return out;
}

QString lineAndColumn(const QByteArray &json, qsizetype offset)
{
    const QByteArrayView before = QByteArrayView(json).first(std::min(offset, json.size()));
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

} // namespace rolldeck::cli
