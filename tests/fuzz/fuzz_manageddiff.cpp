// libFuzzer target: Argo CD's managed-resources answer (models/argocd/ResourceDiff: ManagedResources::fromJson, the
// YAML rendering and the unified diff; docs/fuzzing.md). The bytes are read as the JSON answer, and their lines, cut
// in two at the first byte 0x01, as the two sides of a diff: the diff must keep both sides' lines in order and
// account for every line.
#include "models/argocd/ResourceDiff.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

using namespace rolldeck;

// `sub` (the diff's lines of one side, in order) is a subsequence of `all`.
bool inOrder(const QStringList &sub, const QStringList &all)
{
    qsizetype at = 0;
    for (const QString &line : sub) {
        while (at < all.size() && all.at(at) != line)
            ++at;
        if (at == all.size())
            return false;
        ++at;
    }
    return true;
}

void checkDiff(const QByteArray &bytes)
{
    const qsizetype cut = bytes.indexOf('\x01');
    const QStringList before = QString::fromUtf8(cut < 0 ? bytes : bytes.left(cut)).split(QLatin1Char('\n'));
    const QStringList after = cut < 0 ? QStringList() : QString::fromUtf8(bytes.mid(cut + 1)).split(QLatin1Char('\n'));
    const QList<DiffLine> diff = unifiedDiff(before, after);
    QStringList a;
    QStringList b;
    qsizetype added = 0;
    qsizetype removed = 0;
    for (const DiffLine &l : diff) {
        if (l.kind != DiffLine::Kind::Added && l.kind != DiffLine::Kind::Hunk)
            a << l.text;
        if (l.kind != DiffLine::Kind::Removed && l.kind != DiffLine::Kind::Hunk)
            b << l.text;
        added += l.kind == DiffLine::Kind::Added ? 1 : 0;
        removed += l.kind == DiffLine::Kind::Removed ? 1 : 0;
    }
    if (!inOrder(a, before) || !inOrder(b, after) || before.size() - removed != after.size() - added)
        std::abort();
    if ((before == after) != diff.isEmpty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.isObject()) {
        const ManagedResources m = ManagedResources::fromJson(doc.object());
        for (const ResourceDiff &d : m.items) {
            int added = 0;
            int removed = 0;
            for (const DiffLine &l : d.lines) {
                added += l.kind == DiffLine::Kind::Added ? 1 : 0;
                removed += l.kind == DiffLine::Kind::Removed ? 1 : 0;
            }
            if (added != d.added || removed != d.removed || (!d.error.isEmpty() && !d.lines.isEmpty()))
                std::abort();
        }
        (void)yamlLines(doc.object());
    }
    if (size <= 4096) // a shortest edit script costs up to (lines × changes): keep each run short
        checkDiff(bytes);
    return 0;
}
