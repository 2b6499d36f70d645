// helmdeck-cli against a real Kubernetes control plane on loopback (KWOK nodes, a stand-in
// todo-chatbot behind KWOK's port-forward): run, history and status, upgrade, rollback, an
// SLO breach with --rollback-on-fail, and a value the chart's schema refuses; and the GUI's
// Cluster page over the same release (offscreen).
// The slots run in order and build on each other's release history.

#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "../desktop/cli_test_support.hpp"
#include "core/pipeline.hpp"
#include "core/profile.hpp"
#include "core/tool_runner.hpp"
#include "local_cluster.hpp"
#include "ui/cluster_page.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

const QString kRelease = QStringLiteral("todo-chatbot");
const QString kNamespace = QStringLiteral("helmdeck-e2e");
constexpr int kCliTimeoutMs = 25 * 60 * 1000;  // the first image build compiles the backend
constexpr int kToolTimeoutMs = 60 * 1000;

struct Revision {
    int number = 0;
    QString status;
    QString description;
};

QList<Revision> helmHistory() {
    const CommandResult result =
        runCommand(QStringLiteral("helm"),
                   {QStringLiteral("history"), kRelease, QStringLiteral("--namespace"), kNamespace,
                    QStringLiteral("-o"), QStringLiteral("json")},
                   kToolTimeoutMs);
    QList<Revision> revisions;
    if (!result.ok()) return revisions;
    for (const auto& entry : result.json().array()) {
        const QJsonObject object = entry.toObject();
        revisions << Revision{object.value(QStringLiteral("revision")).toInt(),
                              object.value(QStringLiteral("status")).toString(),
                              object.value(QStringLiteral("description")).toString()};
    }
    return revisions;
}

/// `helm get <what> --revision N` (values as JSON with -a, or the manifest).
QByteArray helmGet(const QString& what, int revision) {
    QStringList arguments{QStringLiteral("get"),         what,       kRelease,
                          QStringLiteral("--namespace"), kNamespace, QStringLiteral("--revision"),
                          QString::number(revision)};
    if (what == QLatin1String("values"))
        arguments << QStringLiteral("-a") << QStringLiteral("-o") << QStringLiteral("json");
    return runCommand(QStringLiteral("helm"), arguments, kToolTimeoutMs).out;
}

struct Pod {
    QString name;
    bool ready = false;
    bool terminating = false;
};

QList<Pod> releasePods() {
    const CommandResult result = runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("--namespace"), kNamespace,
         QStringLiteral("-l"), QStringLiteral("app.kubernetes.io/instance=") + kRelease,
         QStringLiteral("-o"), QStringLiteral("json")},
        kToolTimeoutMs);
    QList<Pod> pods;
    for (const auto& item : result.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject pod = item.toObject();
        Pod info;
        info.name = pod.value(QStringLiteral("metadata"))
                        .toObject()
                        .value(QStringLiteral("name"))
                        .toString();
        info.terminating = pod.value(QStringLiteral("metadata"))
                               .toObject()
                               .contains(QStringLiteral("deletionTimestamp"));
        const QJsonArray conditions = pod.value(QStringLiteral("status"))
                                          .toObject()
                                          .value(QStringLiteral("conditions"))
                                          .toArray();
        for (const auto& condition : conditions)
            if (condition.toObject().value(QStringLiteral("type")).toString() ==
                QLatin1String("Ready"))
                info.ready = condition.toObject().value(QStringLiteral("status")).toString() ==
                             QLatin1String("True");
        pods << info;
    }
    return pods;
}

/// Names of the pods when exactly `count` live pods are all Ready and none is terminating.
QSet<QString> settledPods(int count) {
    const QList<Pod> pods = releasePods();
    QSet<QString> names;
    for (const Pod& pod : pods) {
        if (pod.terminating || !pod.ready) return {};
        names.insert(pod.name);
    }
    return names.size() == count ? names : QSet<QString>{};
}

/// One `todo_http_requests_total` sample of the stand-in backend's /metrics, summed over status.
double requestsServed(const QString& backendUrl, const QString& route) {
    const HttpReply reply = http_request("GET", backendUrl + QStringLiteral("/metrics"));
    double total = 0;
    for (const QByteArray& line : reply.body.split('\n'))
        if (line.startsWith("todo_http_requests_total{") && line.contains(route.toUtf8()))
            total += line.mid(line.lastIndexOf(' ') + 1).toDouble();
    return total;
}

}  // namespace

class TestClusterDeploy : public QObject {
    Q_OBJECT

private:
    LocalCluster cluster_;
    QTemporaryDir dir_;

    /// A cluster profile: the repo's image and chart, the Minikube values with the in-cluster
    /// PostgreSQL off (no storage provisioner runs here to bind its volume), a short probe.
    QString profile(const QString& name, const QMap<QString, QString>& set = {},
                    double latencyP95Ms = 2000) {
        const QString root = QStringLiteral(HELMDECK_SOURCE_DIR);
        QString sets = QStringLiteral("    postgresql.enabled: \"false\"\n");
        for (auto it = set.cbegin(); it != set.cend(); ++it)
            sets += QStringLiteral("    %1: \"%2\"\n").arg(it.key(), it.value());
        const QString path = QDir(dir_.path()).filePath(name + QStringLiteral(".yaml"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
        file.write(QStringLiteral("version: 1\n"
                                  "images:\n"
                                  "  - name: todo-chatbot\n"
                                  "    dockerfile: %1/dockerfiles/chatbot.Dockerfile\n"
                                  "    context: %1\n"
                                  "    tag: \"{version}-{git}\"\n"
                                  "release:\n"
                                  "  name: %2\n"
                                  "  namespace: %3\n"
                                  "  chart: %1/helm/todo-chatbot\n"
                                  "  valuesFiles: [%1/helm/todo-chatbot/values-minikube.yaml]\n"
                                  "  set:\n%4"
                                  "cluster:\n"
                                  "  context: helmdeck-test\n"
                                  "  imageLoader: none\n"
                                  "  endpoint: port-forward\n"
                                  "slo:\n"
                                  "  latencyP95Ms: %5\n"
                                  "  imageSizeMb: 500\n"
                                  "probe:\n"
                                  "  rateHz: 10\n"
                                  "  durationS: 3\n"
                                  "  timeoutMs: 2000\n"
                                  "  paths: [/api/health]\n"
                                  "  chat: true\n"
                                  "target: cluster\n")
                       .arg(root, kRelease, kNamespace, sets)
                       .arg(latencyP95Ms)
                       .toUtf8());
        return path;
    }

    CliResult cli(const QStringList& arguments) {
        CliResult result = runCli(arguments, cliEnvironment(dir_.path()), kCliTimeoutMs);
        if (!result.finished)
            qWarning("helmdeck-cli %s timed out", qPrintable(arguments.join(' ')));
        return result;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        HELMDECK_REQUIRE(QFile::exists(cliBinary()), "build/bin/helmdeck-cli",
                         "build the helmdeck-cli target");
        const bool engine = helmdeck::core::ToolRunner::runAndWait(QStringLiteral("docker"),
                                                                   {QStringLiteral("info")}, 20000)
                                .ok();
        HELMDECK_REQUIRE(engine, "a Docker engine",
                         "install docker.io and start dockerd (./dev image does both)");
        const bool helm = !find_tool(QStringLiteral("helm")).isEmpty() ||
                          QFile::exists(QDir::homePath() + QStringLiteral("/go/bin/helm"));
        HELMDECK_REQUIRE(helm, "helm", "run ./dev setup (go install helm.sh/helm/v3)");
        HELMDECK_REQUIRE(!find_tool(QStringLiteral("openssl")).isEmpty(), "openssl",
                         "apt-get install openssl");
        HELMDECK_REQUIRE(LocalCluster::canBuild(), "Go (to build kube-apiserver, etcd and kwok)",
                         "install Go >= 1.26, or run ./dev setup");
        QString why;
        QVERIFY2(cluster_.up(&why), qPrintable(why));
    }

    void cleanupTestCase() {
        QString why;
        QVERIFY2(cluster_.down(&why), qPrintable(why));
    }

    // 1. run --target cluster: build, load none, helm install (revision 1), 2 pods Ready,
    //    port-forwarded endpoint, probe and chat against the real backend, a passing report.
    void runInstallsRevisionOneAndPasses() {
        const double chatsBefore = requestsServed(cluster_.backendUrl(), QStringLiteral("chat"));
        const QString report = QDir(dir_.path()).filePath(QStringLiteral("run.json"));
        const CliResult run =
            cli({QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("cluster"),
                 QStringLiteral("--profile"), profile(QStringLiteral("base")),
                 QStringLiteral("--report"), report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(6000) + run.out));
        for (const QString& line : run.err.split(QLatin1Char('\n')))
            if (line.contains(QLatin1String(": ok ("))) qInfo("%s", qPrintable(line));

        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("cluster"));
        QStringList steps;
        for (const auto& value : json.value(QStringLiteral("steps")).toArray()) {
            const QJsonObject step = value.toObject();
            const QString name = step.value(QStringLiteral("name")).toString();
            steps << name;
            QVERIFY2(step.value(QStringLiteral("status")).toString() == QLatin1String("ok"),
                     qPrintable(name + QStringLiteral(": ") +
                                step.value(QStringLiteral("reason")).toString()));
        }
        QCOMPARE(steps, (QStringList{"preflight", "build", "measure", "load", "deploy", "verify",
                                     "endpoint", "probe", "verdict"}));
        // The progress lines on stderr carry each step's outcome ("[4/9] load: ok (0 ms) - …").
        QVERIFY2(run.err.contains(QRegularExpression(
                     QStringLiteral("load: ok \\([^)]*\\) - image loader is none"))),
                 qPrintable(run.err));
        const auto endpoint =
            QRegularExpression(
                QStringLiteral("endpoint: ok \\([^)]*\\) - (http://127\\.0\\.0\\.1:\\d+)"))
                .match(run.err);
        QVERIFY2(endpoint.hasMatch(), qPrintable(run.err));
        // kubectl port-forward's own local port, not the stand-in's.
        QVERIFY2(endpoint.captured(1) != cluster_.backendUrl(), qPrintable(endpoint.captured(1)));
        QVERIFY2(run.err.contains(QLatin1String("verify: ok")) &&
                     run.err.contains(QLatin1String("2/2 pods ready")),
                 qPrintable(run.err));
        QCOMPARE(json.value(QStringLiteral("verdict"))
                     .toObject()
                     .value(QStringLiteral("overall"))
                     .toString(),
                 QStringLiteral("pass"));
        const QJsonObject overall = json.value(QStringLiteral("probe"))
                                        .toObject()
                                        .value(QStringLiteral("overall"))
                                        .toObject();
        QVERIFY(overall.value(QStringLiteral("count")).toInt() > 0);
        QCOMPARE(overall.value(QStringLiteral("errors")).toInt(), 0);
        // The chat round-trips reached the real backend through the port-forward.
        QVERIFY(requestsServed(cluster_.backendUrl(), QStringLiteral("chat")) > chatsBefore);

        const QList<Revision> history = helmHistory();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().number, 1);
        QCOMPARE(history.first().status, QStringLiteral("deployed"));
        QCOMPARE(settledPods(2).size(), 2);
    }

    // 2. helm history shows the release; status lists the pods, and kubectl logs serves the
    //    backend's real log through KWOK.
    void historyAndStatusShowTheRelease() {
        const CommandResult history = runCommand(
            QStringLiteral("helm"),
            {QStringLiteral("history"), kRelease, QStringLiteral("--namespace"), kNamespace},
            kToolTimeoutMs);
        QVERIFY2(history.ok(), qPrintable(history.describe()));
        QVERIFY2(history.out.contains("deployed") && history.out.contains("Install complete"),
                 history.out.constData());

        const CliResult status =
            cli({QStringLiteral("status"), QStringLiteral("--verbose"), QStringLiteral("--profile"),
                 profile(QStringLiteral("base"))});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err + status.out));
        const QSet<QString> pods = settledPods(2);
        QCOMPARE(pods.size(), 2);
        const QString shown = status.out + status.err;
        for (const QString& pod : pods) QVERIFY2(shown.contains(pod), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("revision 1")), qPrintable(shown));
        // The status step's pod logs ("log [pod/<name>/todo-chatbot] {…}"), served by KWOK's
        // ClusterLogs.
        for (const QString& pod : pods)
            QVERIFY2(shown.contains(QStringLiteral("log [pod/%1/").arg(pod)), qPrintable(shown));

        const CommandResult logs =
            runCommand(QStringLiteral("kubectl"),
                       {QStringLiteral("logs"), QStringLiteral("--namespace"), kNamespace,
                        *pods.cbegin(), QStringLiteral("--tail"), QStringLiteral("50")},
                       kToolTimeoutMs);
        QVERIFY2(logs.ok(), qPrintable(logs.describe()));
        // The backend logs JSON lines; the chat probe of test 1 is among them.
        QVERIFY2(logs.out.contains("{\"") && logs.out.contains("/api/"),
                 logs.out.right(2000).constData());
    }

    // 6. The GUI's Cluster page, offscreen, shows what a Status pipeline found in this cluster.
    void clusterPageListsReleaseRevisionsAndPods() {
        using namespace helmdeck::core;
        PipelineOptions options;
        options.kind = PipelineKind::Status;
        options.recordHistory = false;
        options.dataDir = dir_.path();
        std::unique_ptr<Pipeline> status(
            makePipeline(loadProfile(profile(QStringLiteral("base"))), Target::Cluster, options));
        QSignalSpy finished(status.get(), &Pipeline::finished);
        status->start();
        QVERIFY(finished.count() > 0 || finished.wait(kToolTimeoutMs * 2));
        QVERIFY2(status->context().release.has_value(), qPrintable(status->outcomeReason()));

        helmdeck::ui::ClusterPage page;
        page.resize(1200, 800);
        page.showContext(status->context());
        page.show();
        QCOMPARE(page.revisionCount(), 1);
        QCOMPARE(page.podCount(), 2);
        QStringList shown;
        for (const auto* label : page.findChildren<QLabel*>()) shown << label->text();
        for (const auto* table : page.findChildren<QTableWidget*>())
            for (int row = 0; row < table->rowCount(); ++row)
                for (int column = 0; column < table->columnCount(); ++column)
                    if (const auto* item = table->item(row, column)) shown << item->text();
        const QString text = shown.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(kRelease) && text.contains(kNamespace), qPrintable(text));
        for (const QString& pod : settledPods(2)) QVERIFY2(text.contains(pod), qPrintable(text));
        QVERIFY2(!page.grab().isNull(), "the page did not render");
    }

    // 3. A changed value: revision 2 and new pods; rollback: revision 3, equal to 1.
    void upgradeRollsPodsAndRollbackRestoresRevisionOne() {
        const QSet<QString> before = settledPods(2);
        QCOMPARE(before.size(), 2);
        const CliResult deploy =
            cli({QStringLiteral("deploy"), QStringLiteral("--target"), QStringLiteral("cluster"),
                 QStringLiteral("--profile"),
                 profile(QStringLiteral("debug"),
                         {{QStringLiteral("config.logLevel"), QStringLiteral("debug")}})});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.err.right(6000) + deploy.out));
        QList<Revision> history = helmHistory();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.last().number, 2);
        QCOMPARE(history.last().status, QStringLiteral("deployed"));
        QVERIFY(helmGet(QStringLiteral("values"), 2).contains("\"logLevel\":\"debug\""));
        // The ConfigMap checksum changed, so the Deployment rolled: two new Ready pods.
        QTRY_VERIFY_WITH_TIMEOUT(settledPods(2).size() == 2 && !settledPods(2).intersects(before),
                                 120000);

        const CliResult rollback = cli({QStringLiteral("rollback"), QStringLiteral("--profile"),
                                        profile(QStringLiteral("base"))});
        QVERIFY2(rollback.exitCode == 0, qPrintable(rollback.err.right(6000) + rollback.out));
        history = helmHistory();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.last().number, 3);
        QCOMPARE(history.last().status, QStringLiteral("deployed"));
        QVERIFY2(history.last().description.contains(QLatin1String("Rollback to 1")),
                 qPrintable(history.last().description));
        QCOMPARE(helmGet(QStringLiteral("values"), 3), helmGet(QStringLiteral("values"), 1));
        QCOMPARE(helmGet(QStringLiteral("manifest"), 3), helmGet(QStringLiteral("manifest"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 120000);
    }

    // 4. An impossible budget with --rollback-on-fail: exit 1, back on the last good revision.
    void sloBreachRollsBackToThePreviousRevision() {
        const QList<Revision> before = helmHistory();
        QVERIFY(!before.isEmpty());
        const int good = before.last().number;
        const CliResult run =
            cli({QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("cluster"),
                 QStringLiteral("--rollback-on-fail"), QStringLiteral("--profile"),
                 profile(QStringLiteral("breach"),
                         {{QStringLiteral("config.logLevel"), QStringLiteral("warn")}}, 0)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("p95"), Qt::CaseInsensitive),
                 qPrintable(run.err.right(4000)));
        const QList<Revision> history = helmHistory();
        // The breaching install became revision good+1; the rollback wrote good+2 = good.
        QCOMPARE(history.size(), before.size() + 2);
        QCOMPARE(history.last().number, good + 2);
        QCOMPARE(history.last().status, QStringLiteral("deployed"));
        QVERIFY2(history.last().description.contains(QStringLiteral("Rollback to %1").arg(good)),
                 qPrintable(history.last().description));
        QVERIFY(helmGet(QStringLiteral("values"), good + 1).contains("\"logLevel\":\"warn\""));
        QCOMPARE(helmGet(QStringLiteral("values"), good + 2),
                 helmGet(QStringLiteral("values"), good));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 120000);
    }

    // 5. A value the chart's schema refuses never reaches the cluster.
    void brokenValueIsRefusedBySchema() {
        const QList<Revision> before = helmHistory();
        QVERIFY(!before.isEmpty());
        const CliResult deploy =
            cli({QStringLiteral("deploy"), QStringLiteral("--target"), QStringLiteral("cluster"),
                 QStringLiteral("--profile"),
                 profile(QStringLiteral("broken"),
                         {{QStringLiteral("replicaCount"), QStringLiteral("0")}})});
        QCOMPARE(deploy.exitCode, 3);
        QVERIFY2(deploy.err.contains(QLatin1String("values schema refuses the values")) &&
                     deploy.err.contains(QLatin1String("/replicaCount': minimum")),
                 qPrintable(deploy.err.right(4000)));
        const QList<Revision> after = helmHistory();
        QCOMPARE(after.size(), before.size());
        QCOMPARE(after.last().number, before.last().number);
        QCOMPARE(after.last().status, QStringLiteral("deployed"));
        QCOMPARE(settledPods(2).size(), 2);
    }
};

QTEST_MAIN(TestClusterDeploy)
#include "test_cluster_deploy.moc"
