#include "RolloutFormat.h"

#include "RolloutInfo.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

const QString kIconRollout = QString::fromUtf16(u"⟳");
const QString kIconRevision = QStringLiteral("#");
const QString kIconReplicaSet = QString::fromUtf16(u"⧉");
const QString kIconPod = QString::fromUtf16(u"□");
const QString kIconExperiment = QString::fromUtf16(u"Σ");
const QString kIconAnalysis = QString::fromUtf16(u"α");
const QString kIconJob = QString::fromUtf16(u"⊞");

// Width in runes, as Go's tabwriter counts it.
qsizetype runeCount(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s) {
        if (!c.isLowSurrogate())
            ++n;
    }
    return n;
}

QString rstrip(const QString &s)
{
    qsizetype end = s.size();
    while (end > 0 && s.at(end - 1) == QLatin1Char(' '))
        --end;
    return s.left(end);
}

// text/tabwriter with minwidth 0, padding 2, pad char ' ', no flags: every tab-terminated cell of a
// column is padded to the widest cell of that column plus two; the text after the last tab is not.
class TabWriter
{
public:
    void row(QStringList cells) { m_rows.append(std::move(cells)); }

    QString flush() const
    {
        QList<qsizetype> widths;
        for (const QStringList &r : m_rows) {
            for (qsizetype i = 0; i + 1 < r.size(); ++i) {
                if (widths.size() <= i)
                    widths.append(0);
                widths[i] = std::max(widths[i], runeCount(r.at(i)));
            }
        }
        QString out;
        for (const QStringList &r : m_rows) {
            QString line;
            for (qsizetype i = 0; i < r.size(); ++i) {
                line += r.at(i);
                if (i + 1 < r.size())
                    line += QString(widths.at(i) + 2 - runeCount(r.at(i)), QLatin1Char(' '));
            }
            out += rstrip(line) + QLatin1Char('\n');
        }
        return out;
    }

private:
    QList<QStringList> m_rows;
};

QString field(const QString &label, const QString &value)
{
    QString line = label;
    if (line.size() < 17)
        line += QString(17 - line.size(), QLatin1Char(' '));
    return rstrip(line + value) + QLatin1Char('\n');
}

QString formatImage(const ImageInfo &image)
{
    if (image.tags.isEmpty())
        return image.image;
    return image.image + QStringLiteral(" (") + image.tags.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString imagesBlock(const QList<ImageInfo> &images)
{
    QString out;
    for (qsizetype i = 0; i < images.size(); ++i)
        out += field(i == 0 ? QStringLiteral("Images:") : QString(), formatImage(images.at(i)));
    return out;
}

std::pair<QString, QString> prefixes(bool isLast, const QString &subPrefix)
{
    if (!isLast)
        return {subPrefix + QString::fromUtf16(u"├──"), subPrefix + QString::fromUtf16(u"│  ")};
    return {subPrefix + QString::fromUtf16(u"└──"), subPrefix + QStringLiteral("   ")};
}

void header(TabWriter &w)
{
    w.row({QStringLiteral("NAME"), QStringLiteral("KIND"), QStringLiteral("STATUS"), QStringLiteral("AGE"),
           QStringLiteral("INFO")});
}

void printReplicaSet(TabWriter &w, const ReplicaSetInfo &rs, const QString &prefix, const QString &subpfx)
{
    w.row({prefix + kIconReplicaSet + QLatin1Char(' ') + rs.name, QStringLiteral("ReplicaSet"),
           rs.icon + QLatin1Char(' ') + rs.status, rs.age, rs.infoText()});
    for (qsizetype i = 0; i < rs.pods.size(); ++i) {
        const PodInfo &pod = rs.pods.at(i);
        const auto [podPrefix, unused] = prefixes(i == rs.pods.size() - 1, subpfx);
        w.row({podPrefix + kIconPod + QLatin1Char(' ') + pod.name, QStringLiteral("Pod"),
               pod.icon + QLatin1Char(' ') + pod.status, pod.age, pod.infoText()});
    }
}

void printAnalysisRun(TabWriter &w, const AnalysisRunInfo &run, const QString &prefix, const QString &subpfx)
{
    w.row({prefix + kIconAnalysis + QLatin1Char(' ') + run.name, QStringLiteral("AnalysisRun"),
           run.icon + QLatin1Char(' ') + run.status, run.age, run.countsText()});
    for (qsizetype i = 0; i < run.jobs.size(); ++i) {
        const JobInfo &job = run.jobs.at(i);
        const auto [jobPrefix, unused] = prefixes(i == run.jobs.size() - 1, subpfx);
        w.row({jobPrefix + kIconJob + QLatin1Char(' ') + job.name, QStringLiteral("Job"),
               job.icon + QLatin1Char(' ') + job.status, job.age, QString()});
    }
}

void printExperiment(TabWriter &w, const ExperimentInfo &exp, const QString &prefix, const QString &subpfx)
{
    w.row({prefix + kIconExperiment + QLatin1Char(' ') + exp.name, QStringLiteral("Experiment"),
           exp.icon + QLatin1Char(' ') + exp.status, exp.age, QString()});
    const qsizetype total = exp.replicaSets.size() + exp.analysisRuns.size();
    qsizetype curr = 0;
    for (const ReplicaSetInfo &rs : exp.replicaSets) {
        const auto [p, s] = prefixes(curr == total - 1, subpfx);
        printReplicaSet(w, rs, p, s);
        ++curr;
    }
    for (const AnalysisRunInfo &run : exp.analysisRuns) {
        const auto [p, s] = prefixes(curr == total - 1, subpfx);
        printAnalysisRun(w, run, p, s);
        ++curr;
    }
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QJsonArray imagesJson(const QList<ImageInfo> &images)
{
    QJsonArray out;
    for (const ImageInfo &img : images)
        out.append(QJsonObject{{QStringLiteral("image"), img.image}, {QStringLiteral("tags"), stringArray(img.tags)}});
    return out;
}

QJsonValue timeJson(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject podJson(const PodInfo &pod)
{
    return QJsonObject{{QStringLiteral("name"), pod.name},
                       {QStringLiteral("status"), pod.status},
                       {QStringLiteral("icon"), pod.icon},
                       {QStringLiteral("ready"), pod.ready()},
                       {QStringLiteral("restarts"), pod.restarts},
                       {QStringLiteral("created"), timeJson(pod.created)},
                       {QStringLiteral("age"), pod.age}};
}

QJsonObject replicaSetJson(const ReplicaSetInfo &rs)
{
    QJsonArray pods;
    for (const PodInfo &pod : rs.pods)
        pods.append(podJson(pod));
    QJsonObject o{{QStringLiteral("name"), rs.name},
                  {QStringLiteral("revision"), rs.revision},
                  {QStringLiteral("status"), rs.status},
                  {QStringLiteral("icon"), rs.icon},
                  {QStringLiteral("tags"), stringArray(rs.tags())},
                  {QStringLiteral("info"), rs.infoText()},
                  {QStringLiteral("replicas"), rs.replicas},
                  {QStringLiteral("available"), rs.available},
                  {QStringLiteral("images"), stringArray(rs.images)},
                  {QStringLiteral("created"), timeJson(rs.created)},
                  {QStringLiteral("age"), rs.age},
                  {QStringLiteral("pods"), pods}};
    if (!rs.scaleDownDeadline.isEmpty()) {
        o.insert(QStringLiteral("scaleDownDeadline"), rs.scaleDownDeadline);
        o.insert(QStringLiteral("scaleDownDelay"), rs.scaleDownDelay);
    }
    return o;
}

QJsonObject analysisRunJson(const AnalysisRunInfo &run)
{
    QJsonArray jobs;
    for (const JobInfo &job : run.jobs)
        jobs.append(QJsonObject{{QStringLiteral("name"), job.name},
                                {QStringLiteral("namespace"), job.namespaceName},
                                {QStringLiteral("status"), job.status},
                                {QStringLiteral("icon"), job.icon},
                                {QStringLiteral("created"), timeJson(job.created)},
                                {QStringLiteral("age"), job.age}});
    return QJsonObject{{QStringLiteral("name"), run.name},
                       {QStringLiteral("revision"), run.revision},
                       {QStringLiteral("status"), run.status},
                       {QStringLiteral("icon"), run.icon},
                       {QStringLiteral("message"), run.message},
                       {QStringLiteral("counts"), QJsonObject{{QStringLiteral("successful"), run.successful},
                                                              {QStringLiteral("failed"), run.failed},
                                                              {QStringLiteral("inconclusive"), run.inconclusive},
                                                              {QStringLiteral("error"), run.error}}},
                       {QStringLiteral("info"), run.countsText()},
                       {QStringLiteral("created"), timeJson(run.created)},
                       {QStringLiteral("age"), run.age},
                       {QStringLiteral("jobs"), jobs}};
}

QJsonArray diagnosticsJson(const Diagnostics &list)
{
    QJsonArray out;
    for (const Diagnostic &d : list)
        out.append(diagnosticToJson(d));
    return out;
}

} // namespace

QString formatRolloutText(const RolloutInfo &info)
{
    QString out;
    out += field(QStringLiteral("Name:"), info.name);
    out += field(QStringLiteral("Namespace:"), info.namespaceName);
    out += field(QStringLiteral("Status:"), info.icon + QLatin1Char(' ') + info.status);
    if (!info.message.isEmpty())
        out += field(QStringLiteral("Message:"), info.message);
    out += field(QStringLiteral("Strategy:"), info.strategy);
    if (info.isCanary()) {
        out += field(QStringLiteral("  Step:"), info.step);
        out += field(QStringLiteral("  SetWeight:"), info.setWeightText());
        out += field(QStringLiteral("  ActualWeight:"), info.actualWeightText());
    }
    out += imagesBlock(info.images);
    out += QStringLiteral("Replicas:\n");
    out += field(QStringLiteral("  Desired:"), QString::number(info.replicas.desired));
    out += field(QStringLiteral("  Current:"), QString::number(info.replicas.current));
    out += field(QStringLiteral("  Updated:"), QString::number(info.replicas.updated));
    out += field(QStringLiteral("  Ready:"), QString::number(info.replicas.ready));
    out += field(QStringLiteral("  Available:"), QString::number(info.replicas.available));
    out += QLatin1Char('\n');

    TabWriter w;
    header(w);
    w.row({kIconRollout + QLatin1Char(' ') + info.name, QStringLiteral("Rollout"),
           info.icon + QLatin1Char(' ') + info.status, info.age, QString()});
    for (qsizetype i = 0; i < info.revisions.size(); ++i) {
        const RevisionInfo &rev = info.revisions.at(i);
        const auto [prefix, subpfx] = prefixes(i == info.revisions.size() - 1, QString());
        w.row({prefix + kIconRevision + QStringLiteral(" revision:") + QString::number(rev.revision), QString(),
               QStringLiteral(" "), QString(), QString()});
        const qsizetype total = rev.replicaSets.size() + rev.experiments.size() + rev.analysisRuns.size();
        qsizetype curr = 0;
        for (const ReplicaSetInfo &rs : rev.replicaSets) {
            const auto [p, s] = prefixes(curr == total - 1, subpfx);
            printReplicaSet(w, rs, p, s);
            ++curr;
        }
        for (const ExperimentInfo &exp : rev.experiments) {
            const auto [p, s] = prefixes(curr == total - 1, subpfx);
            printExperiment(w, exp, p, s);
            ++curr;
        }
        for (const AnalysisRunInfo &run : rev.analysisRuns) {
            const auto [p, s] = prefixes(curr == total - 1, subpfx);
            printAnalysisRun(w, run, p, s);
            ++curr;
        }
    }
    out += w.flush();
    return out;
}

QString formatExperimentText(const ExperimentInfo &info)
{
    QString out;
    out += field(QStringLiteral("Name:"), info.name);
    out += field(QStringLiteral("Namespace:"), info.namespaceName);
    out += field(QStringLiteral("Status:"), info.icon + QLatin1Char(' ') + info.status);
    if (!info.message.isEmpty())
        out += field(QStringLiteral("Message:"), info.message);
    out += imagesBlock(info.images());
    out += QLatin1Char('\n');
    TabWriter w;
    header(w);
    printExperiment(w, info, QString(), QString());
    out += w.flush();
    return out;
}

QJsonObject diagnosticToJson(const Diagnostic &d)
{
    QJsonObject o{{QStringLiteral("severity"),
                   d.severity == Diagnostic::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
                  {QStringLiteral("message"), d.message}};
    if (!d.source.file.isEmpty())
        o.insert(QStringLiteral("file"), d.source.file);
    if (d.source.line > 0)
        o.insert(QStringLiteral("line"), d.source.line);
    if (!d.object.isEmpty())
        o.insert(QStringLiteral("object"), d.object);
    return o;
}

QJsonObject experimentInfoToJson(const ExperimentInfo &info)
{
    QJsonArray sets;
    for (const ReplicaSetInfo &rs : info.replicaSets)
        sets.append(replicaSetJson(rs));
    QJsonArray runs;
    for (const AnalysisRunInfo &run : info.analysisRuns)
        runs.append(analysisRunJson(run));
    return QJsonObject{{QStringLiteral("name"), info.name},
                       {QStringLiteral("namespace"), info.namespaceName},
                       {QStringLiteral("revision"), info.revision},
                       {QStringLiteral("status"), info.status},
                       {QStringLiteral("icon"), info.icon},
                       {QStringLiteral("message"), info.message},
                       {QStringLiteral("images"), imagesJson(info.images())},
                       {QStringLiteral("created"), timeJson(info.created)},
                       {QStringLiteral("age"), info.age},
                       {QStringLiteral("replicaSets"), sets},
                       {QStringLiteral("analysisRuns"), runs}};
}

QJsonObject rolloutInfoToJson(const RolloutInfo &info)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), info.name);
    o.insert(QStringLiteral("namespace"), info.namespaceName);
    o.insert(QStringLiteral("uid"), info.uid);
    o.insert(QStringLiteral("created"), timeJson(info.created));
    o.insert(QStringLiteral("age"), info.age);
    o.insert(QStringLiteral("status"), info.status);
    o.insert(QStringLiteral("icon"), info.icon);
    o.insert(QStringLiteral("message"), info.message);
    o.insert(QStringLiteral("strategy"), info.strategy);
    if (info.isCanary()) {
        o.insert(QStringLiteral("step"), info.step);
        o.insert(QStringLiteral("currentStepIndex"),
                 info.currentStepIndex ? QJsonValue(*info.currentStepIndex) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("stepCount"), info.stepCount);
        o.insert(QStringLiteral("currentStep"), info.currentStep);
        o.insert(QStringLiteral("setWeight"), info.setWeight);
        o.insert(QStringLiteral("actualWeight"), info.actualWeight);
        o.insert(QStringLiteral("maxWeight"), info.maxWeight);
    } else {
        o.insert(QStringLiteral("step"), QJsonValue::Null);
        o.insert(QStringLiteral("setWeight"), QJsonValue::Null);
        o.insert(QStringLiteral("actualWeight"), QJsonValue::Null);
    }
    o.insert(QStringLiteral("replicas"), QJsonObject{{QStringLiteral("desired"), info.replicas.desired},
                                                     {QStringLiteral("current"), info.replicas.current},
                                                     {QStringLiteral("updated"), info.replicas.updated},
                                                     {QStringLiteral("ready"), info.replicas.ready},
                                                     {QStringLiteral("available"), info.replicas.available}});
    o.insert(QStringLiteral("paused"), info.paused);
    o.insert(QStringLiteral("pauseReasons"), stringArray(info.pauseReasons));
    o.insert(QStringLiteral("pauseRemainingSeconds"),
             info.pauseRemainingMs ? QJsonValue(double(*info.pauseRemainingMs / 1000)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("aborted"), info.aborted);
    o.insert(QStringLiteral("restartedAt"), info.restartedAt);
    o.insert(QStringLiteral("images"), imagesJson(info.images));
    QJsonArray revisions;
    for (const RevisionInfo &rev : info.revisions) {
        QJsonArray sets;
        for (const ReplicaSetInfo &rs : rev.replicaSets)
            sets.append(replicaSetJson(rs));
        QJsonArray exps;
        for (const ExperimentInfo &exp : rev.experiments)
            exps.append(experimentInfoToJson(exp));
        QJsonArray runs;
        for (const AnalysisRunInfo &run : rev.analysisRuns)
            runs.append(analysisRunJson(run));
        revisions.append(QJsonObject{{QStringLiteral("revision"), rev.revision},
                                     {QStringLiteral("replicaSets"), sets},
                                     {QStringLiteral("experiments"), exps},
                                     {QStringLiteral("analysisRuns"), runs}});
    }
    o.insert(QStringLiteral("revisions"), revisions);
    o.insert(QStringLiteral("diagnostics"), diagnosticsJson(info.diagnostics));
    return o;
}

} // namespace rolldeck
