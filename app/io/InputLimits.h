#pragma once

// Bounds on what the console reads from files people pass around (issue 10): a size per kind of file and, for
// YAML, a number of nodes with every alias expanded, so neither a huge file nor an alias bomb can take the memory
// and CPU of the machine. Limits and their reasons: docs/fuzzing.md ("Limits"), and each format's page.

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <utility>

namespace YAML {
class Node;
}

namespace rolldeck {

struct InputLimits
{
    qint64 maxBytes;
    qint64 maxNodes; // YAML nodes with aliases expanded
};

// Dumps (rolldeck inspect), per file: real YAML has a node (key or value) every 8-15 bytes, so a dump at the size
// limit stays within the node limit, while an alias bomb stops within a second or two, before any conversion.
inline constexpr InputLimits kDumpLimits{64LL << 20, 10'000'000};
// Kubeconfig files: hundreds of contexts with embedded certificates.
inline constexpr InputLimits kKubeconfigLimits{16LL << 20, 1'000'000};
// Files a kubeconfig names (certificates, keys, token files): a certificate bundle is a few hundred KiB.
inline constexpr qint64 kReferencedFileLimit = 4LL << 20;
// Workspace files: written by hand.
inline constexpr InputLimits kWorkspaceLimits{4LL << 20, 200'000};
// Deeper than this is no configuration or Kubernetes object people write.
inline constexpr int kMaxYamlDepth = 256;

struct BoundedRead
{
    QByteArray data;
    QString
        error; // empty when read; else why not ("not a regular file", "No such file or directory"), without the path
};

// Reads a whole regular file of at most maxBytes. A directory, device, FIFO or socket (/dev/zero, a pipe) is
// refused before it is read, and reading stops after maxBytes + 1 bytes, so a file that grows is bounded too.
BoundedRead readBoundedFile(const QString &path, qint64 maxBytes);

// Reads at most maxBytes from an open stream (standard input); more is an error.
BoundedRead readBoundedStream(FILE *stream, qint64 maxBytes);

// "1 MiB", "256 MiB": sizes in messages.
QString formatBytes(qint64 bytes);

// Walks a loaded YAML tree as a reader would, aliases expanded, and stops at the first bound passed.
// Returns the problem ("more than N nodes once its aliases are expanded", "nested deeper than N levels") and its
// 1-based line, or an empty message when the tree is within the limits. Costs at most maxNodes steps.
// On the way it notes every key set twice in one mapping (yaml-cpp keeps both; readers see only one).
struct YamlBoundsCheck
{
    QString message;
    int line = 0;
    qint64 nodes = 0;                             // counted, up to the first bound passed
    QList<std::pair<int, QString>> duplicateKeys; // (line of the second key, key)
};
YamlBoundsCheck checkYamlBounds(const YAML::Node &root, qint64 maxNodes, int maxDepth = kMaxYamlDepth);

// The message for a yaml-cpp DeepRecursion (its own text is "bad file").
QString yamlTooDeepMessage();

} // namespace rolldeck
