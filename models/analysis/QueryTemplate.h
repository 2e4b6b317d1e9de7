#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace rolldeck::analysis {

// Fills the `{{name}}` placeholders of a query the way the Argo Rollouts controller fills an AnalysisTemplate's:
// white space inside the braces is ignored, the text between tags is kept as written. Keys are the workspace's
// `rollout`, `namespace`, `environment` and a template's `args.NAME`. A placeholder with no value stays as written
// and its name (trimmed) goes to `unresolved`, so a caller can refuse to run a query that still has one.
QString fillQueryTemplate(const QString &query, const QHash<QString, QString> &values,
                          QStringList *unresolved = nullptr);

} // namespace rolldeck::analysis
