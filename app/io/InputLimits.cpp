#include "io/InputLimits.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>

namespace rolldeck {

namespace {

struct Walk
{
    qint64 maxNodes;
    int maxDepth;
    qint64 nodes = 0;
    YamlBoundsCheck result;

    int lineOf(const YAML::Node &node) const { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

    // false: a bound was passed (result says which); the walk stops there.
    bool visit(const YAML::Node &node, int depth)
    {
        if (++nodes > maxNodes) {
            result.message =
                QStringLiteral("more than %1 YAML nodes once its aliases are expanded (the limit)").arg(maxNodes);
            result.line = lineOf(node);
            return false;
        }
        if (depth > maxDepth) {
            result.message = yamlTooDeepMessage();
            result.line = lineOf(node);
            return false;
        }
        if (node.IsSequence()) {
            for (const YAML::Node &item : node) {
                if (!visit(item, depth + 1))
                    return false;
            }
        } else if (node.IsMap()) {
            QSet<QString> keys;
            for (const auto &entry : node) {
                if (entry.first.IsScalar()) {
                    const QString key = QString::fromStdString(entry.first.Scalar());
                    if (keys.contains(key) && key != u"<<") {
                        const std::pair<int, QString> duplicate{lineOf(entry.first), key};
                        if (!result.duplicateKeys.contains(duplicate))
                            result.duplicateKeys.append(duplicate);
                    }
                    keys.insert(key);
                }
                if (!visit(entry.first, depth + 1) || !visit(entry.second, depth + 1))
                    return false;
            }
        }
        return true;
    }
};

QString tooLarge(qint64 maxBytes)
{
    return QStringLiteral("larger than %1 (the limit for this kind of file)").arg(formatBytes(maxBytes));
}

// In pieces, so a small file costs a small buffer; stops one byte past the limit.
void readAtMost(QIODevice &device, qint64 maxBytes, BoundedRead &out)
{
    constexpr qint64 kPiece = 1 << 20;
    while (out.data.size() <= maxBytes) {
        const QByteArray piece = device.read(std::min(kPiece, maxBytes + 1 - out.data.size()));
        if (piece.isEmpty())
            break;
        out.data += piece;
    }
    if (out.data.size() > maxBytes) {
        out.data.clear();
        out.error = tooLarge(maxBytes);
    }
}

} // namespace

QString formatBytes(qint64 bytes)
{
    if (bytes >= (1LL << 20) && bytes % (1LL << 20) == 0)
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 bytes").arg(bytes);
}

BoundedRead readBoundedFile(const QString &path, qint64 maxBytes)
{
    BoundedRead out;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        // Checked before opening: opening a FIFO blocks, and a device like /dev/zero never ends.
        out.error = info.isDir() ? QStringLiteral("is a directory") : QStringLiteral("not a regular file");
        return out;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = f.errorString();
        return out;
    }
    if (f.size() > maxBytes) {
        out.error = tooLarge(maxBytes);
        return out;
    }
    readAtMost(f, maxBytes, out);
    return out;
}

BoundedRead readBoundedStream(FILE *stream, qint64 maxBytes)
{
    BoundedRead out;
    QFile in;
    if (!in.open(stream, QIODevice::ReadOnly)) {
        out.error = in.errorString();
        return out;
    }
    readAtMost(in, maxBytes, out);
    return out;
}

YamlBoundsCheck checkYamlBounds(const YAML::Node &root, qint64 maxNodes, int maxDepth)
{
    Walk walk{maxNodes, maxDepth, 0, {}};
    walk.visit(root, 0);
    walk.result.nodes = std::min(walk.nodes, maxNodes);
    return walk.result;
}

QString yamlTooDeepMessage()
{
    return QStringLiteral("nested deeper than %1 levels (the limit)").arg(kMaxYamlDepth);
}

} // namespace rolldeck
