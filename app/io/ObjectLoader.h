#pragma once

#include "models/argo/KubeObject.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

// One Kubernetes object read from a file, with where it starts.
struct LoadedObject
{
    QJsonObject json;
    SourceLocation source;
};

struct LoadResult
{
    QList<LoadedObject> objects; // every valid object, in file order
    Diagnostics problems;        // every problem, each naming the file and line
};

// Reads saved Kubernetes objects (`kubectl get -o yaml|json` dumps): JSON or YAML, single objects,
// multi-document YAML, `kind: List` (items flattened). A directory is read file by file in file-name
// order (not recursively). YAML scalars become JSON values the way Kubernetes reads them (quoted "1"
// stays a string, 1 is a number, timestamps stay strings). Problems never stop the reading of other
// documents or files, and no exception leaves this class.
class ObjectLoader
{
public:
    static LoadResult loadPaths(const QStringList &paths);
    static LoadResult loadFile(const QString &path);
    static LoadResult parse(const QByteArray &data, const QString &fileName);
};

} // namespace rolldeck
