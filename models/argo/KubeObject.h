#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace rolldeck {

// Where an object or a problem came from: a file and a 1-based line (0 = unknown). Models never read
// files; the loader fills this in and the models only carry it along for messages.
struct SourceLocation
{
    QString file;
    int line = 0;
    // The line of a field of the object by its path ("spec.replicas", "spec.strategy.canary.steps[].setWeight") and
    // its value (which list item), 0 when unknown. Set by the loader, which can tell; a problem with a field is
    // placed on the field's line.
    std::shared_ptr<const std::function<int(const QString &path, const QJsonValue &value)>> fieldLine;

    bool isValid() const { return !file.isEmpty(); }
    // The field's line when known, else the object's.
    int lineOf(const QString &path, const QJsonValue &value = QJsonValue(QJsonValue::Undefined)) const;
    // "file:line", "file" or "" (untranslated).
    QString toString() const;
};

// A problem found in the input. Never fatal: the valid parts are still shown.
struct Diagnostic
{
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    SourceLocation source; // the file and line, when known
    QString object;        // "Rollout jesse-test/canary-demo"; empty when not about one object
    QString message;       // untranslated technical text

    // "file:line: Rollout ns/name: message" (parts that are empty are left out).
    QString toString() const;
};
using Diagnostics = QList<Diagnostic>;

// Labels, annotations, measurement metadata: the few string pairs an object carries, kept as a flat
// list. A QHash costs kilobytes per instance; a fleet holds tens of thousands of these.
class StringMap
{
public:
    QString value(const QString &key, const QString &fallback = QString()) const;
    bool contains(const QString &key) const;
    void insert(const QString &key, const QString &value); // replaces an existing key
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<std::pair<QString, QString>> &entries() const { return m_entries; }

private:
    QList<std::pair<QString, QString>> m_entries;
};

struct OwnerReference
{
    QString apiVersion;
    QString kind;
    QString name;
    QString uid;
    bool controller = false;
};

// The parts of metadata (plus kind/apiVersion) every object carries.
struct ObjectMeta
{
    QString apiVersion;
    QString kind;
    QString name;
    QString namespaceName;
    QString uid;
    QString resourceVersion;
    qint64 generation = 0;
    QDateTime creationTimestamp; // invalid when missing
    QDateTime deletionTimestamp; // invalid when not being deleted
    StringMap labels;
    StringMap annotations;
    QList<OwnerReference> ownerReferences;
    SourceLocation source;

    // "Kind namespace/name" or "Kind name" for cluster-scoped objects.
    QString displayName() const;
    // True when any ownerReference carries this UID (how Argo Rollouts resolves ownership).
    bool isOwnedBy(const QString &ownerUid) const;
    // annotation rollout.argoproj.io/revision as an integer, 0 when missing or not a number.
    int revision() const;
};

// Reads fields of Kubernetes JSON with wrong-type tolerance: a field of the wrong type is treated as
// missing and reported once, naming the object and the field path.
class FieldReader
{
public:
    FieldReader(QString objectName, SourceLocation source, Diagnostics *problems);

    QJsonObject object(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    QJsonArray array(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    QString string(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    // Integral numbers only (a string "3" is a wrong type, as the API server would reject it).
    std::optional<qint64> integer(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    std::optional<bool> boolean(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    // RFC 3339 timestamp; invalid QDateTime when missing or unparsable (reported).
    QDateTime time(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    StringMap stringMap(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;
    // A string or integer field, returned as text (e.g. status.observedGeneration, intstr values).
    QString stringOrInt(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const;

    // `value`, when given, is the offending value: it tells the loader which list item a problem is in.
    void report(QLatin1StringView context, QLatin1StringView key, const QString &message,
                const QJsonValue &value = QJsonValue(QJsonValue::Undefined)) const;
    void setObjectName(const QString &name) { m_object = name; }

private:
    QString m_object;
    SourceLocation m_source;
    Diagnostics *m_problems;
};

// Parses apiVersion, kind and metadata. Reports a missing kind or metadata.name.
ObjectMeta parseObjectMeta(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems);

// RFC 3339 as Kubernetes writes it ("2019-10-28T20:05:48Z", with optional fraction and offset).
QDateTime parseKubeTime(const QString &text);

} // namespace rolldeck
