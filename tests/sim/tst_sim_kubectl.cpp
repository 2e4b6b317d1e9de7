// The real kubectl against the simulator (TLS with the generated CA, bearer tokens): the
// commands the acceptance lists. Each test gets a fresh HOME and discovery cache.
#include "SimTestSupport.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using nlohmann::json;
using simtest::runKubectl;

class TestSimKubectl : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QFile::exists(u"/usr/bin/kubectl"_s))
            QSKIP("kubectl is not installed");
        QVERIFY(m_dir.isValid());
        m_kubeconfig = m_dir.filePath(u"kubeconfig"_s);
        rdsim::Options o;
        o.scenario = "seed";
        o.tls = true;
        o.kubeconfigOut = m_kubeconfig.toStdString();
        auto r = m_sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
        QVERIFY(QString::fromStdString(r.endpoints.kube).startsWith(u"https://127.0.0.1:"_s));
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void cleanupTestCase() { m_sim.stop(); }

    void kubeconfigHasBothContexts()
    {
        QFile f(m_kubeconfig);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(int(f.permissions() & (QFile::ReadOther | QFile::ReadGroup)), 0);
        auto r = kubectl({u"config"_s, u"get-contexts"_s, u"-o"_s, u"name"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{u"rolldeck-demo"_s, u"rolldeck-demo-readonly"_s}));
    }

    void getRolloutsAllNamespaces()
    {
        auto r = kubectl({u"get"_s, u"rollouts.argoproj.io"_s, u"-A"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].simplified().startsWith(u"NAMESPACE NAME DESIRED CURRENT UP-TO-DATE AVAILABLE AGE"_s));
        QVERIFY(lines[1].simplified().startsWith(u"demo api 5 6 1 5 "_s));
        QVERIFY(lines[2].simplified().startsWith(u"demo checkout 5 5 5 5 "_s));
    }

    void getRolloutJson()
    {
        auto r = kubectl({u"get"_s, u"rollout"_s, u"api"_s, u"-n"_s, u"demo"_s, u"-o"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o[u"kind"_s].toString(), u"Rollout"_s);
        QCOMPARE(o[u"metadata"_s][u"name"_s].toString(), u"api"_s);
        QCOMPARE(o[u"status"_s][u"phase"_s].toString(), u"Paused"_s);
        auto stored = m_sim.store().get(rdsim::kRollouts, "demo", "api");
        QCOMPARE(o[u"metadata"_s][u"resourceVersion"_s].toString().toStdString(),
                 (*stored.object)["metadata"].value("resourceVersion", ""));
        // The short name from discovery works too.
        auto shortName = kubectl({u"get"_s, u"ro"_s, u"-n"_s, u"demo"_s, u"-o"_s, u"name"_s});
        QCOMPARE(shortName.out.split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{u"rollout.argoproj.io/api"_s, u"rollout.argoproj.io/checkout"_s}));
    }

    void getReplicaSetsAndPods()
    {
        auto r = kubectl({u"get"_s, u"replicasets,pods"_s, u"-n"_s, u"demo"_s, u"-o"_s, u"name"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList names = r.out.split(u'\n', Qt::SkipEmptyParts);
        const auto rs = names.filter(u"replicaset.apps/"_s);
        const auto pods = names.filter(u"pod/"_s);
        QCOMPARE(rs.size(), int(m_sim.store().list(rdsim::kReplicaSets, "demo").items.size()));
        QCOMPARE(pods.size(), int(m_sim.store().list(rdsim::kPods, "demo").items.size()));
        QVERIFY(rs.size() >= 4);
        QVERIFY(pods.size() >= 10);
        auto table = kubectl({u"get"_s, u"pods"_s, u"-n"_s, u"demo"_s, u"-l"_s, u"app=checkout"_s});
        QVERIFY(table.out.simplified().startsWith(u"NAME READY STATUS RESTARTS AGE"_s));
        QCOMPARE(table.out.count(u"1/1"_s), 5);
        QCOMPARE(table.out.count(u"Running"_s), 5);
    }

    void watchReceivesEvents()
    {
        QProcess watch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home->path());
        env.insert(u"KUBECONFIG"_s, m_kubeconfig);
        watch.setProcessEnvironment(env);
        watch.start(u"/usr/bin/kubectl"_s,
                    {u"--cache-dir="_s + m_home->path() + u"/kube-cache"_s, u"get"_s, u"rollout"_s, u"checkout"_s,
                     u"-n"_s, u"demo"_s, u"--watch"_s, u"--output-watch-events"_s, u"-o"_s,
                     u"jsonpath={.type} {.object.status.phase} {.object.status.readyReplicas}{\"\\n\"}"_s});
        QVERIFY(watch.waitForStarted());
        QByteArray out;
        auto collect = [&] {
            out += watch.readAllStandardOutput();
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(collect().contains("ADDED Healthy 5"), 10000);
        for (int ready : {4, 3}) {
            m_sim.store().mutate(rdsim::kRollouts, "demo", "checkout", [ready](json &o) {
                o["status"]["readyReplicas"] = ready;
                o["status"]["phase"] = "Progressing";
                return true;
            });
            const QByteArray expected = "MODIFIED Progressing " + QByteArray::number(ready);
            QTRY_VERIFY_WITH_TIMEOUT(collect().contains(expected), 10000);
        }
        watch.kill();
        watch.waitForFinished();
        m_sim.store().mutate(rdsim::kRollouts, "demo", "checkout", [](json &o) {
            o["status"]["readyReplicas"] = 5;
            o["status"]["phase"] = "Healthy";
            return true;
        });
    }

    void patchStatusAbort()
    {
        const QStringList patch{u"-n"_s,           u"demo"_s, u"patch"_s,
                                u"rollout"_s,      u"api"_s,  u"--subresource=status"_s,
                                u"--type=merge"_s, u"-p"_s,   u"{\"status\":{\"abort\":true}}"_s};
        auto r = kubectl(patch);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), u"rollout.argoproj.io/api patched"_s);
        auto stored = m_sim.store().get(rdsim::kRollouts, "demo", "api");
        QVERIFY((*stored.object)["status"].value("abort", false));
        const auto rvAfter = m_sim.store().resourceVersion();
        auto again = kubectl(patch);
        QCOMPARE(again.out.trimmed(), u"rollout.argoproj.io/api patched (no change)"_s);
        QCOMPARE(m_sim.store().resourceVersion(), rvAfter);
        // The same patch on the main resource leaves status alone (a CRD with a status subresource).
        auto main = kubectl({u"-n"_s, u"demo"_s, u"patch"_s, u"rollout"_s, u"api"_s, u"--type=merge"_s, u"-p"_s,
                             u"{\"status\":{\"abort\":false}}"_s});
        QCOMPARE(main.out.trimmed(), u"rollout.argoproj.io/api patched (no change)"_s);
        m_sim.store().mutate(rdsim::kRollouts, "demo", "api", [](json &o) {
            o["status"].erase("abort");
            return true;
        });
    }

    void authCanI_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("answer");
        QTest::newRow("admin patch status") << false << u"patch"_s << u"rollouts.argoproj.io/status"_s << u"yes"_s;
        QTest::newRow("viewer patch status") << true << u"patch"_s << u"rollouts.argoproj.io/status"_s << u"no"_s;
        QTest::newRow("viewer list rollouts") << true << u"list"_s << u"rollouts.argoproj.io"_s << u"yes"_s;
        QTest::newRow("viewer watch pods") << true << u"watch"_s << u"pods"_s << u"yes"_s;
        QTest::newRow("viewer delete pods") << true << u"delete"_s << u"pods"_s << u"no"_s;
        QTest::newRow("admin delete pods") << false << u"delete"_s << u"pods"_s << u"yes"_s;
    }

    void authCanI()
    {
        QFETCH(bool, readOnly);
        QFETCH(QString, verb);
        QFETCH(QString, resource);
        QFETCH(QString, answer);
        QStringList args{u"auth"_s, u"can-i"_s, verb, resource, u"-n"_s, u"demo"_s};
        if (readOnly)
            args << u"--context"_s << u"rolldeck-demo-readonly"_s;
        auto r = kubectl(args);
        QCOMPARE(r.out.trimmed(), answer);
        QCOMPARE(r.exitCode, answer == u"yes"_s ? 0 : 1);
    }

    void whoAmI()
    {
        auto r = kubectl({u"auth"_s, u"whoami"_s, u"--context"_s, u"rolldeck-demo-readonly"_s, u"-o"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o[u"status"_s][u"userInfo"_s][u"username"_s].toString(), u"rolldeck-viewer"_s);
    }

    void stalePatchConflicts()
    {
        auto stored = m_sim.store().get(rdsim::kRollouts, "demo", "checkout");
        const std::string rv = (*stored.object)["metadata"].value("resourceVersion", "");
        m_sim.store().mutate(rdsim::kRollouts, "demo", "checkout", [](json &o) {
            o["metadata"]["annotations"]["touched"] = "yes";
            return true;
        });
        const QString body =
            u"{\"metadata\":{\"resourceVersion\":\"%1\"},\"spec\":{\"paused\":true}}"_s.arg(QString::fromStdString(rv));
        auto r =
            kubectl({u"-n"_s, u"demo"_s, u"patch"_s, u"rollout"_s, u"checkout"_s, u"--type=merge"_s, u"-p"_s, body});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(u"Error from server (Conflict)"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"the object has been modified"_s));
        QVERIFY(!(*m_sim.store().get(rdsim::kRollouts, "demo", "checkout").object)["spec"].contains("paused"));
    }

    void readOnlyIsForbidden()
    {
        auto r = kubectl({u"--context"_s, u"rolldeck-demo-readonly"_s, u"-n"_s, u"demo"_s, u"patch"_s, u"rollout"_s,
                          u"api"_s, u"--subresource=status"_s, u"--type=merge"_s, u"-p"_s,
                          u"{\"status\":{\"abort\":true}}"_s});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(u"Error from server (Forbidden): rollouts.argoproj.io \"api\" is forbidden: User "
                                u"\"rolldeck-viewer\" cannot patch resource \"rollouts/status\" in API group "
                                u"\"argoproj.io\" in the namespace \"demo\""_s),
                 qPrintable(r.err));
    }

    void wrongTokenIsUnauthorized()
    {
        auto r = kubectl({u"--token=not-a-token"_s, u"get"_s, u"pods"_s, u"-n"_s, u"demo"_s});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(u"Unauthorized"_s) || r.err.contains(u"provide credentials"_s), qPrintable(r.err));
    }

    void tlsNeedsTheGeneratedCa()
    {
        // Without the CA the server certificate is not trusted...
        auto r = kubectl({u"--certificate-authority=/etc/ssl/certs/ca-certificates.crt"_s, u"get"_s, u"ns"_s});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(u"x509"_s) || r.err.contains(u"certificate"_s), qPrintable(r.err));
        // ...and openssl accepts it with the CA from the kubeconfig, for 127.0.0.1.
        const QString caPath = m_home->filePath(u"ca.pem"_s);
        QFile ca(caPath);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write(QByteArray::fromStdString(m_sim.endpoints().caPem));
        ca.close();
        const QUrl kube(QString::fromStdString(m_sim.endpoints().kube));
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"s_client"_s, u"-connect"_s, u"127.0.0.1:"_s + QString::number(kube.port()), u"-CAfile"_s,
                       caPath, u"-verify_ip"_s, u"127.0.0.1"_s, u"-verify_return_error"_s, u"-brief"_s});
        QVERIFY(openssl.waitForStarted());
        openssl.closeWriteChannel();
        QVERIFY(openssl.waitForFinished(10000));
        const QString out = QString::fromUtf8(openssl.readAllStandardOutput() + openssl.readAllStandardError());
        QVERIFY2(out.contains(u"Verification: OK"_s), qPrintable(out));
    }

    void createApplyDelete()
    {
        // kubectl validates through the server's OpenAPI v3 (fieldValidation), so no --validate=false.
        const QString file = m_home->filePath(u"vs.yaml"_s);
        auto write = [&](int weight) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QStringLiteral("apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n"
                                   "  name: ab\n  namespace: demo\nspec:\n  hosts: [shop]\n  http:\n  - route:\n"
                                   "    - destination: {host: shop, subset: a}\n      weight: %1\n"
                                   "    - destination: {host: shop, subset: b}\n      weight: %2\n")
                        .arg(weight)
                        .arg(100 - weight)
                        .toUtf8());
        };
        write(50);
        auto created = kubectl({u"create"_s, u"-f"_s, file});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QCOMPARE(created.out.trimmed(), u"virtualservice.networking.istio.io/ab created"_s);
        write(80);
        auto applied = kubectl({u"apply"_s, u"-f"_s, file});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        QCOMPARE(applied.out.trimmed(), u"virtualservice.networking.istio.io/ab configured"_s);
        auto vs = m_sim.store().get(rdsim::kVirtualServices, "demo", "ab");
        QVERIFY(vs);
        QCOMPARE((*vs.object)["spec"]["http"][0]["route"][0].value("weight", 0), 80);
        QCOMPARE((*vs.object)["metadata"].value("generation", 0), 2);
        auto deleted = kubectl({u"delete"_s, u"-f"_s, file});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        QCOMPARE(deleted.out.trimmed(), u"virtualservice.networking.istio.io \"ab\" deleted"_s);
        QVERIFY(!m_sim.store().get(rdsim::kVirtualServices, "demo", "ab"));
    }

    void scaleSubresource()
    {
        auto r = kubectl({u"-n"_s, u"demo"_s, u"scale"_s, u"rollout"_s, u"checkout"_s, u"--replicas=7"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE((*m_sim.store().get(rdsim::kRollouts, "demo", "checkout").object)["spec"].value("replicas", 0), 7);
        kubectl({u"-n"_s, u"demo"_s, u"scale"_s, u"rollout"_s, u"checkout"_s, u"--replicas=5"_s});
    }

private:
    simtest::CommandResult kubectl(const QStringList &args) { return runKubectl(m_home->path(), m_kubeconfig, args); }

    QTemporaryDir m_dir;
    std::unique_ptr<QTemporaryDir> m_home;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;
};

QTEST_GUILESS_MAIN(TestSimKubectl)
#include "tst_sim_kubectl.moc"
