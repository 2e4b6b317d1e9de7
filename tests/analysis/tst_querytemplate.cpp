// Query placeholders (models/analysis/QueryTemplate): filled as the Argo Rollouts controller fills an
// AnalysisTemplate's, and the ones with no value named so a caller can refuse to run the query.
#include "models/analysis/QueryTemplate.h"

#include <QTest>

using namespace rolldeck::analysis;

class TestQueryTemplate : public QObject
{
    Q_OBJECT

private slots:
    void fills_data();
    void fills();
};

void TestQueryTemplate::fills_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("filled");
    QTest::addColumn<QStringList>("unresolved");

    QTest::newRow("workspace criterion")
        << R"(sum(rate(http_requests_total{namespace="{{namespace}}",rollout="{{rollout}}",code=~"5.."}[1m])))"
        << R"(sum(rate(http_requests_total{namespace="shop",rollout="api",code=~"5.."}[1m])))" << QStringList();
    QTest::newRow("template args, spaces inside the braces")
        << R"(x{svc=~"{{ args.service-name }}"} / y{svc=~"{{args.service-name}}"})"
        << R"(x{svc=~"api-canary"} / y{svc=~"api-canary"})" << QStringList();
    QTest::newRow("no placeholder") << "up == 1"
                                    << "up == 1" << QStringList();
    QTest::newRow("unknown stays as written, named once")
        << "a{x=\"{{args.missing}}\",y=\"{{args.missing}}\",e=\"{{environment}}\"}"
        << "a{x=\"{{args.missing}}\",y=\"{{args.missing}}\",e=\"production\"}"
        << QStringList{QStringLiteral("args.missing")};
    QTest::newRow("unclosed tag kept") << "rate(a[{{rollout}]) {{rollout}}"
                                       << "rate(a[{{rollout}]) {{rollout}}"
                                       << QStringList{QStringLiteral("rollout}]) {{rollout")};
    QTest::newRow("open without close") << "a {{rollout"
                                        << "a {{rollout" << QStringList();
    QTest::newRow("value with braces is not filled again") << "{{namespace}}-{{rollout}}"
                                                           << "shop-{{x}}" << QStringList();
    QTest::newRow("empty") << ""
                           << "" << QStringList();
}

void TestQueryTemplate::fills()
{
    QFETCH(QString, query);
    QFETCH(QString, filled);
    QFETCH(QStringList, unresolved);
    QHash<QString, QString> values{{QStringLiteral("namespace"), QStringLiteral("shop")},
                                   {QStringLiteral("rollout"), QStringLiteral("api")},
                                   {QStringLiteral("environment"), QStringLiteral("production")},
                                   {QStringLiteral("args.service-name"), QStringLiteral("api-canary")}};
    if (QTest::currentDataTag() == QByteArray("value with braces is not filled again"))
        values.insert(QStringLiteral("rollout"), QStringLiteral("{{x}}"));
    if (QTest::currentDataTag() == QByteArray("unclosed tag kept"))
        values.remove(QStringLiteral("rollout"));
    QStringList missing;
    QCOMPARE(fillQueryTemplate(query, values, &missing), filled);
    QCOMPARE(missing, unresolved);
    QCOMPARE(fillQueryTemplate(query, values), filled);
}

QTEST_GUILESS_MAIN(TestQueryTemplate)
#include "tst_querytemplate.moc"
