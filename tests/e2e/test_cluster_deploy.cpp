// helmdeck-cli against the local cluster's real node: run (the image imported into containerd,
// the in-cluster PostgreSQL on a provisioned volume, 2 real backend pods Ready through their
// probes), history and status with real logs, the security context as the kernel sees it, a
// rolling update and a pod deletion under constant load through the NodePort, readiness
// following the database, an OOM kill under a tiny memory limit, upgrade and rollback, an SLO
// breach with --rollback-on-fail, a value the chart's schema refuses, and the GUI's Cluster page.
// The slots run in order and build on each other's release history.

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QLabel>
#include <QTableWidget>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "../desktop/cli_test_support.hpp"
#include "core/latency_probe.hpp"
#include "core/parsers/kubectl_event_parser.hpp"
#include "core/parsers/kubectl_parser.hpp"
#include "core/pipeline.hpp"
#include "core/pod_resource_monitor.hpp"
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
// The backend's pods (the in-cluster PostgreSQL is the same instance's other component).
const QString kBackendPods =
    QStringLiteral("app.kubernetes.io/instance=todo-chatbot,app.kubernetes.io/component=api");

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
         QStringLiteral("-l"), kBackendPods, QStringLiteral("-o"), QStringLiteral("json")},
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

/// One live pod of the release with its containers' runtime ids and restart counts.
struct PodState {
    QString name;
    bool ready = false;
    int restarts = 0;
    QStringList containerIds;  ///< containerd ids, without the "containerd://" scheme
};

QList<PodState> podStates(const QString& selector) {
    const CommandResult result = runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("--namespace"), kNamespace,
         QStringLiteral("-l"), selector, QStringLiteral("-o"), QStringLiteral("json")},
        kToolTimeoutMs);
    QList<PodState> pods;
    for (const auto& item : result.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject pod = item.toObject();
        if (pod.value(QStringLiteral("metadata")).toObject().contains(QStringLiteral("deletionTimestamp")))
            continue;
        PodState state;
        state.name = pod.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
        const QJsonObject status = pod.value(QStringLiteral("status")).toObject();
        for (const auto& c : status.value(QStringLiteral("containerStatuses")).toArray()) {
            const QJsonObject container = c.toObject();
            state.ready = container.value(QStringLiteral("ready")).toBool();
            state.restarts += container.value(QStringLiteral("restartCount")).toInt();
            const QString id = container.value(QStringLiteral("containerID")).toString();
            if (!id.isEmpty()) state.containerIds << id.section(QStringLiteral("://"), 1);
        }
        pods << state;
    }
    return pods;
}

/// The host pid of a running container, as the node's containerd reports it.
qint64 containerPid(const QString& containerId) {
    const CommandResult tasks = runCommand(
        QStringLiteral("ctr"), {QStringLiteral("--namespace"), QStringLiteral("k8s.io"),
                                QStringLiteral("tasks"), QStringLiteral("ls")},
        kToolTimeoutMs);
    for (const QByteArray& line : tasks.out.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 3 && fields.at(0) == containerId.toUtf8() && fields.at(2) == "RUNNING")
            return fields.at(1).toLongLong();
    }
    return 0;
}

/// The host path of a process's cgroup v1 memory controller, from /proc/<pid>/cgroup.
QString memoryCgroupOf(qint64 pid) {
    QFile file(QStringLiteral("/proc/%1/cgroup").arg(pid));
    if (!file.open(QIODevice::ReadOnly)) return {};
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(':');  // id:controllers:path
        if (fields.size() == 3 && fields.at(1).split(',').contains("memory"))
            return QStringLiteral("/sys/fs/cgroup/memory") + QString::fromUtf8(fields.at(2));
    }
    return {};
}

/// A command that runs while the test's event loop (and a LatencyProbe on it) keeps going.
class BackgroundCommand {
public:
    BackgroundCommand(const QString& program, const QStringList& arguments) {
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.start(program, arguments);
    }
    bool running() const { return process_.state() != QProcess::NotRunning; }
    bool succeeded() const {
        return !running() && process_.exitStatus() == QProcess::NormalExit &&
               process_.exitCode() == 0;
    }
    QString output() { return QString::fromUtf8(process_.readAll()); }

private:
    QProcess process_;
};

/// The backend's ReplicaSets as "name=ready/desired", oldest first.
QStringList replicaSets() {
    const CommandResult result = runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("get"), QStringLiteral("replicasets"), QStringLiteral("--namespace"), kNamespace,
         QStringLiteral("-l"), kBackendPods, QStringLiteral("--sort-by"),
         QStringLiteral(".metadata.creationTimestamp"), QStringLiteral("-o"), QStringLiteral("json")},
        kToolTimeoutMs);
    QStringList sets;
    for (const auto& item : result.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject rs = item.toObject();
        sets << QStringLiteral("%1=%2/%3")
                    .arg(rs.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString())
                    .arg(rs.value(QStringLiteral("status")).toObject().value(QStringLiteral("readyReplicas")).toInt())
                    .arg(rs.value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInt());
    }
    return sets;
}

/// The release's NodePort on 127.0.0.1 (kube-proxy binds NodePorts to loopback and the bridge):
/// the web frontend's Service, which a person opens and which proxies /api/ to the backend's.
QString nodePortUrl() {
    const CommandResult port = runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("get"), QStringLiteral("service"), QStringLiteral("--namespace"), kNamespace,
         QStringLiteral("-l"),
         QStringLiteral("app.kubernetes.io/instance=todo-chatbot,app.kubernetes.io/component=web"),
         QStringLiteral("-o"), QStringLiteral("jsonpath={.items[0].spec.ports[0].nodePort}")},
        kToolTimeoutMs);
    return port.ok() && !port.out.isEmpty()
               ? QStringLiteral("http://127.0.0.1:%1").arg(QString::fromUtf8(port.out))
               : QString();
}

helmdeck::core::ProbeSettings loadAgainst(const QString& url) {
    helmdeck::core::ProbeSettings settings;
    settings.baseUrl = QUrl(url);
    settings.rateHz = 200;
    settings.durationMs = 0;  // until stop()
    settings.timeoutMs = 5000;
    settings.paths = {QStringLiteral("/api/health"), QStringLiteral("/api/e2e-load/tasks")};
    settings.chat = false;
    settings.scrapeMetrics = false;
    return settings;
}

QString describeErrors(const helmdeck::core::ProbeSummary& summary) {
    QStringList parts;
    for (auto it = summary.statusCounts.cbegin(); it != summary.statusCounts.cend(); ++it)
        parts << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

}  // namespace

class TestClusterDeploy : public QObject {
    Q_OBJECT

private:
    LocalCluster cluster_;
    QTemporaryDir dir_;

    /// A cluster profile: the repo's image and chart with the Minikube values (the in-cluster
    /// PostgreSQL on a local-path volume, from the node's own postgres image since nothing can
    /// be pulled), the image imported with the containerd loader, a short probe.
    QString profile(const QString& name, const QMap<QString, QString>& set = {},
                    double latencyP95Ms = 2000) {
        const QString root = QStringLiteral(HELMDECK_SOURCE_DIR);
        QString sets = QStringLiteral("    postgresql.image.repository: helmdeck.local/postgres\n"
                                      "    postgresql.image.tag: 15-bookworm\n"
                                      "    postgresql.image.pullPolicy: Never\n");
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
                                  "  - name: todo-web\n"
                                  "    dockerfile: %1/dockerfiles/web.Dockerfile\n"
                                  "    context: %1\n"
                                  "    tag: \"{version}-{git}\"\n"
                                  "    valuesKey: web.image\n"
                                  "release:\n"
                                  "  name: %2\n"
                                  "  namespace: %3\n"
                                  "  chart: %1/helm/todo-chatbot\n"
                                  "  valuesFiles: [%1/helm/todo-chatbot/values-minikube.yaml]\n"
                                  "  set:\n%4"
                                  "cluster:\n"
                                  "  context: helmdeck-test\n"
                                  "  imageLoader: containerd\n"
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

    /// The release as it was before a fault: the revision to heal back to.
    int goodRevision_ = 0;

    /// A fault through helm, as a user's bad value would land: the deployed release's values
    /// plus `set`, not waiting for a rollout that cannot finish.
    CommandResult injectValue(const QString& set) {
        return runCommand(QStringLiteral("helm"),
                          {QStringLiteral("upgrade"), kRelease,
                           QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot"),
                           QStringLiteral("--namespace"), kNamespace, QStringLiteral("--reuse-values"),
                           QStringLiteral("--set"), set},
                          kToolTimeoutMs);
    }
    /// A fault through kubectl, on one object of the release.
    static CommandResult patch(const QString& object, const QString& type, const QString& body) {
        return runCommand(QStringLiteral("kubectl"),
                          {QStringLiteral("patch"), object, QStringLiteral("--namespace"), kNamespace,
                           QStringLiteral("--type"), type, QStringLiteral("-p"), body},
                          kToolTimeoutMs);
    }
    /// `helmdeck-cli diagnose --json` until a finding's cause contains `cause` (a fault takes
    /// the kubelet and the scheduler a few seconds to show); that finding, or {} at the deadline.
    QJsonObject diagnoseUntil(const QString& cause, QString* last, int timeoutMs = 150000) {
        QDeadlineTimer deadline(timeoutMs);
        do {
            const CliResult diagnose = cli({QStringLiteral("diagnose"), QStringLiteral("--json"),
                                            QStringLiteral("--profile"), profile(QStringLiteral("base"))});
            *last = diagnose.out.right(3000) + diagnose.err.right(1000);
            const QJsonObject answer = QJsonDocument::fromJson(diagnose.out.toUtf8()).object();
            for (const QJsonValue& value : answer.value(QStringLiteral("findings")).toArray())
                if (value.toObject().value(QStringLiteral("cause")).toString().contains(cause)) {
                    QJsonObject finding = value.toObject();
                    finding.insert(QStringLiteral("diagnoseExitCode"), diagnose.exitCode);
                    return finding;
                }
            QTest::qWait(3000);  // the next read of the cluster, not a wait for the result
        } while (!deadline.hasExpired());
        return {};
    }
    /// Back to the revision before the fault, through helm, and both pods Ready again.
    void heal() {
        const CommandResult back = runCommand(
            QStringLiteral("helm"),
            {QStringLiteral("rollback"), kRelease, QString::number(goodRevision_), QStringLiteral("--namespace"),
             kNamespace, QStringLiteral("--wait"), QStringLiteral("--timeout"), QStringLiteral("180s")},
            240000);
        QVERIFY2(back.ok(), qPrintable(back.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 180000);
        goodRevision_ = helmHistory().last().number;
    }

    /// A Status pipeline of the base profile, run to its end (what the Cluster page shows).
    std::unique_ptr<helmdeck::core::Pipeline> statusPipeline() {
        using namespace helmdeck::core;
        PipelineOptions options;
        options.kind = PipelineKind::Status;
        options.recordHistory = false;
        options.dataDir = dir_.path();
        std::unique_ptr<Pipeline> status(
            makePipeline(loadProfile(profile(QStringLiteral("base"))), Target::Cluster, options));
        QSignalSpy finished(status.get(), &Pipeline::finished);
        status->start();
        if (finished.isEmpty()) finished.wait(kToolTimeoutMs * 2);
        return status;
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

    // 1. run --target cluster: build, import into the node's containerd, helm install
    //    (revision 1) with PostgreSQL on its PVC, 2 real pods Ready through their probes, a
    //    port-forwarded endpoint, probe and chat against the real pods, a passing report.
    void runInstallsRevisionOneAndPasses() {
        const QString report = QDir(dir_.path()).filePath(QStringLiteral("run.json"));
        const CliResult run =
            cli({QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("cluster"),
                 QStringLiteral("--profile"), profile(QStringLiteral("base")),
                 QStringLiteral("--report"), report});
        // QtTest cuts a failure message short; the tail of a failed run is where its reason is.
        if (run.exitCode != 0) qInfo("helmdeck-cli run:\n%s%s", qPrintable(run.err.right(6000)), qPrintable(run.out));
        QVERIFY2(run.exitCode == 0, qPrintable(run.out));
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
        // The progress lines on stderr carry each step's outcome ("[4/9] load: ok (…)"), and
        // the image is now in the node's runtime, where the kubelet found it.
        QVERIFY2(run.err.contains(QLatin1String("load: ok")), qPrintable(run.err));
        const CommandResult images = runCommand(
            QStringLiteral("ctr"), {QStringLiteral("--namespace"), QStringLiteral("k8s.io"),
                                    QStringLiteral("images"), QStringLiteral("ls"), QStringLiteral("-q")},
            kToolTimeoutMs);
        QVERIFY2(images.out.contains("docker.io/library/todo-chatbot:"), images.out.constData());
        const auto endpoint =
            QRegularExpression(
                QStringLiteral("endpoint: ok \\([^)]*\\) - (http://127\\.0\\.0\\.1:\\d+)"))
                .match(run.err);
        QVERIFY2(endpoint.hasMatch(), qPrintable(run.err));
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
        // The database is the in-cluster StatefulSet, on a volume the provisioner bound.
        const CommandResult pvc = runCommand(
            QStringLiteral("kubectl"),
            {QStringLiteral("get"), QStringLiteral("pvc"), QStringLiteral("--namespace"), kNamespace,
             QStringLiteral("-o"), QStringLiteral("jsonpath={.items[*].status.phase}")},
            kToolTimeoutMs);
        QCOMPARE(QString::fromUtf8(pvc.out), QStringLiteral("Bound"));

        const QList<Revision> history = helmHistory();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().number, 1);
        QCOMPARE(history.first().status, QStringLiteral("deployed"));
        QCOMPARE(settledPods(2).size(), 2);
    }

    // 2. helm history shows the release; status lists the pods, and kubectl logs serves the
    //    container's own log, which holds the chat probe's requests.
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
        // The status step's pod logs ("log [pod/<name>/todo-chatbot] {…}").
        for (const QString& pod : pods)
            QVERIFY2(shown.contains(QStringLiteral("log [pod/%1/").arg(pod)), qPrintable(shown));

        const CommandResult logs =
            runCommand(QStringLiteral("kubectl"),
                       {QStringLiteral("logs"), QStringLiteral("--namespace"), kNamespace,
                        *pods.cbegin(), QStringLiteral("--tail"), QStringLiteral("50")},
                       kToolTimeoutMs);
        QVERIFY2(logs.ok(), qPrintable(logs.describe()));
        // The backend logs JSON lines; the chat probe of test 1 reached the real pods.
        QVERIFY2(logs.out.contains("{\"") && logs.out.contains("/api/"),
                 logs.out.right(2000).constData());
        QString allLogs;
        for (const QString& pod : pods)
            allLogs += QString::fromUtf8(
                runCommand(QStringLiteral("kubectl"),
                           {QStringLiteral("logs"), QStringLiteral("--namespace"), kNamespace, pod},
                           kToolTimeoutMs)
                    .out);
        QVERIFY2(allLogs.contains(QLatin1String("/chat")), qPrintable(allLogs.right(2000)));
    }

    // 6. The GUI's Cluster page, offscreen, shows what a Status pipeline found in this cluster.
    void clusterPageListsReleaseRevisionsAndPods() {
        const std::unique_ptr<helmdeck::core::Pipeline> status = statusPipeline();
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

    // 6b. Live pod resources from the node's kubelet (Summary API through the API server, no
    //     metrics-server here): each backend pod's memory is non-zero and under its limit.
    void podResourcesComeFromTheKubelet() {
        using namespace helmdeck::core;
        const CommandResult listed = runCommand(
            QStringLiteral("kubectl"),
            {QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("--namespace"), kNamespace,
             QStringLiteral("-l"), kBackendPods, QStringLiteral("-o"), QStringLiteral("json")},
            kToolTimeoutMs);
        QVERIFY2(listed.ok(), qPrintable(listed.describe()));
        const auto pods = parseKubectlPods(listed.out);
        QVERIFY(pods && pods->size() == 2);
        QStringList nodes;
        for (const PodInfo& pod : *pods) {
            QCOMPARE(pod.resources.memoryLimitBytes, 128.0 * 1048576);  // the chart's limit
            nodes << pod.node;
        }
        PodResourceMonitor monitor;
        QSignalSpy unavailable(&monitor, &PodResourceMonitor::unavailable);
        monitor.watch(KubeScope{QStringLiteral("helmdeck-test"), kNamespace}, nodes);
        monitor.start(2000);
        // The kubelet has a figure for a container after its first housekeeping pass.
        QTRY_VERIFY2_WITH_TIMEOUT(monitor.records(*pods).size() == 2,
                                  qPrintable(unavailable.isEmpty() ? QStringLiteral("no figure yet")
                                                                   : unavailable.last().first().toString()),
                                  90000);
        monitor.stop();
        QCOMPARE(monitor.source(), PodResourceMonitor::Source::KubeletSummary);
        for (const PodResourceRecord& record : monitor.records(*pods)) {
            qInfo("%s: memory %.1f MiB of %.0f MiB, CPU %.2fm", qPrintable(record.pod),
                  record.peakMemoryBytes / 1048576.0, record.memoryLimitBytes / 1048576.0,
                  record.peakCpuMillicores);
            QVERIFY2(record.peakMemoryBytes > 0, qPrintable(record.pod));
            QVERIFY2(record.peakMemoryBytes < record.memoryLimitBytes, qPrintable(record.pod));
        }
    }

    // 6e. The Ops assistant on the freshly installed release: nothing at warning or above (the
    //     startup probes' 503s while the database started are over, so they are info).
    void diagnoseHealthyReleaseFindsNothing() {
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 180000);
        QElapsedTimer clock;
        clock.start();
        const CliResult diagnose = cli({QStringLiteral("diagnose"), QStringLiteral("--profile"),
                                        profile(QStringLiteral("base"))});
        qInfo("diagnose on the healthy release: %lld ms", qint64(clock.elapsed()));
        QVERIFY2(diagnose.exitCode == 0, qPrintable(diagnose.out + diagnose.err));
        QVERIFY2(diagnose.out.contains(QLatin1String("healthy")), qPrintable(diagnose.out));
    }

    // 6c. A pod no node can take: the scheduler's event reason reaches the Cluster page's row.
    void pendingPodShowsItsSchedulingReason() {
        using namespace helmdeck::core;
        const QString pod = QStringLiteral("e2e-unschedulable");
        QTemporaryDir manifestDir;
        const QString manifest = manifestDir.filePath(QStringLiteral("pod.yaml"));
        QFile file(manifest);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // The release's labels, so the Status pipeline lists it with the backend's pods.
        file.write(QStringLiteral(
                       "apiVersion: v1\nkind: Pod\nmetadata:\n  name: %1\n  namespace: %2\n"
                       "  labels: {app.kubernetes.io/instance: todo-chatbot, app.kubernetes.io/component: api,"
                       " helmdeck.e2e/fault: unschedulable}\n"
                       "spec:\n  nodeSelector: {disktype: ssd-none-has}\n"
                       "  containers: [{name: c, image: '%3', imagePullPolicy: Never, command: [sleep, '60']}]\n")
                       .arg(pod, kNamespace, QString::fromLocal8Bit(qgetenv("HELMDECK_CLUSTER_HELPER_IMAGE")))
                       .toUtf8());
        file.close();
        const auto kubectl = [](const QStringList& arguments) {
            return runCommand(QStringLiteral("kubectl"), arguments, kToolTimeoutMs);
        };
        QVERIFY2(kubectl({QStringLiteral("apply"), QStringLiteral("-f"), manifest}).ok(), "kubectl apply");
        const auto cleanup = qScopeGuard([&] {
            kubectl({QStringLiteral("delete"), QStringLiteral("pod"), pod, QStringLiteral("--namespace"),
                     kNamespace, QStringLiteral("--wait=true"), QStringLiteral("--grace-period=0")});
        });
        // The scheduler says why within a few seconds.
        QTRY_VERIFY_WITH_TIMEOUT(
            kubectl({QStringLiteral("get"), QStringLiteral("events"), QStringLiteral("--namespace"), kNamespace,
                     QStringLiteral("--field-selector"), QStringLiteral("involvedObject.name=") + pod})
                .out.contains("FailedScheduling"),
            60000);

        const std::unique_ptr<Pipeline> status = statusPipeline();
        QVERIFY2(status->context().release.has_value(), qPrintable(status->outcomeReason()));
        helmdeck::ui::ClusterPage page;
        page.showContext(status->context());
        int row = -1;
        for (int i = 0; i < status->context().pods.size(); ++i)
            if (status->context().pods.at(i).name == pod) row = i;
        QVERIFY2(row >= 0, "the Status pipeline did not list the Pending pod");
        QCOMPARE(status->context().pods.at(row).phase, QStringLiteral("Pending"));
        QTRY_COMPARE_WITH_TIMEOUT(page.podEventReason(row), QStringLiteral("FailedScheduling"), 30000);
    }

    // 6d. Diff before upgrade: one changed value shows as exactly that change, and nothing is
    //     deployed by asking.
    void diffShowsExactlyTheOneChangedValue() {
        const int revisions = int(helmHistory().size());
        const CliResult diff = cli({QStringLiteral("diff"), QStringLiteral("--json"), QStringLiteral("--profile"),
                                    profile(QStringLiteral("debug"),
                                            {{QStringLiteral("config.logLevel"), QStringLiteral("debug")}})});
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.err.right(4000) + diff.out));
        const QJsonObject json =
            QJsonDocument::fromJson(diff.out.toUtf8()).object().value(QStringLiteral("diff")).toObject();
        QVERIFY2(!json.isEmpty(), qPrintable(diff.out));
        qInfo("diff: %s", qPrintable(json.value(QStringLiteral("headline")).toString()));
        const QJsonArray values = json.value(QStringLiteral("values")).toArray();
        QCOMPARE(values.size(), 1);
        QCOMPARE(values.first().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("config.logLevel"));
        QCOMPARE(values.first().toObject().value(QStringLiteral("after")).toString(), QStringLiteral("debug"));
        QCOMPARE(json.value(QStringLiteral("meaningful")).toInt(), 1);
        QStringList meaningful;
        for (const QJsonValue& value : json.value(QStringLiteral("objects")).toArray())
            if (!value.toObject().value(QStringLiteral("onlyNoise")).toBool())
                meaningful << value.toObject().value(QStringLiteral("object")).toString();
        QCOMPARE(meaningful, QStringList{QStringLiteral("ConfigMap/todo-chatbot-config")});
        QCOMPARE(int(helmHistory().size()), revisions);
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

    // 12. The web frontend's flow in a real browser (Debian's Chromium, playwright-core),
    //     through the cluster's web Service on its NodePort: web pods proxy /api/ to the
    //     backend's Service.
    void browserFlowThroughTheWebService() {
        const QString node = find_tool(QStringLiteral("node"));
        HELMDECK_REQUIRE(!node.isEmpty(), "node", "apt-get install nodejs (./dev setup does)");
        HELMDECK_REQUIRE(QFileInfo(QStringLiteral("/usr/bin/chromium")).isExecutable(),
                         "/usr/bin/chromium", "apt-get install chromium (./dev setup does)");
        const QString url = nodePortUrl();
        QVERIFY(!url.isEmpty());
        QTemporaryDir shots;
        const CommandResult flow = runCommand(
            node,
            {QStringLiteral(HELMDECK_SOURCE_DIR "/tests/web/browser-flow.mjs"), QStringLiteral("--mode"),
             QStringLiteral("demo"), QStringLiteral("--base-url"), url, QStringLiteral("--screenshots"),
             shots.path()},
            180000);
        QVERIFY2(flow.ok() && (flow.out + flow.err).contains("passed: demo flow"),
                 qPrintable(flow.describe() + QString::fromUtf8(flow.out)));
        QVERIFY(QFile::exists(shots.filePath(QStringLiteral("web-1280.png"))));
    }

    // 7. The chart's security context is one the image lives with: the kernel runs the backend
    //    as uid 10001 with no capabilities on a read-only root (the image has no shell for
    //    `kubectl exec id`, so the node's runtime gives the pid and /proc tells the rest).
    void backendRunsAsNonRootOnAReadOnlyRoot() {
        const QList<PodState> pods = podStates(kBackendPods);
        QCOMPARE(pods.size(), 2);
        for (const PodState& pod : pods) {
            QCOMPARE(pod.containerIds.size(), 1);
            const qint64 pid = containerPid(pod.containerIds.first());
            QVERIFY2(pid > 0, qPrintable(pod.name));
            QFile status(QStringLiteral("/proc/%1/status").arg(pid));
            QVERIFY(status.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(status.readAll());
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\nUid:\\s+10001\\s+10001"))),
                     qPrintable(text));
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\nCapEff:\\s+0+\\n"))),
                     qPrintable(text));
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\nNoNewPrivs:\\s+1"))),
                     qPrintable(text));
            QFile mounts(QStringLiteral("/proc/%1/mountinfo").arg(pid));
            QVERIFY(mounts.open(QIODevice::ReadOnly));
            bool readOnlyRoot = false;
            for (const QByteArray& line : mounts.readAll().split('\n')) {
                const QList<QByteArray> fields = line.split(' ');
                if (fields.size() > 5 && fields.at(4) == "/")
                    readOnlyRoot = fields.at(5).split(',').contains("ro");
            }
            QVERIFY2(readOnlyRoot, qPrintable(pod.name + QStringLiteral(": / is writable")));
            // Where the image allows it, exec proves the same from inside.
            const CommandResult exec = runCommand(
                QStringLiteral("kubectl"),
                {QStringLiteral("exec"), QStringLiteral("--namespace"), kNamespace, pod.name,
                 QStringLiteral("--"), QStringLiteral("/usr/local/bin/todo-chatbot"), QStringLiteral("--version")},
                kToolTimeoutMs);
            QVERIFY2(exec.ok(), qPrintable(exec.describe()));
        }
    }

    // 8. helm upgrade to a new image tag while a client sends 200 requests/s to the NodePort
    //    through kube-proxy: not one request fails, and the old ReplicaSet hands over to the new.
    void rollingUpdateUnderLoadDropsNothing() {
        const QString url = nodePortUrl();
        QVERIFY(!url.isEmpty());
        const QString tag = QStringLiteral("rollout-%1").arg(QDateTime::currentSecsSinceEpoch());
        QVERIFY(!helmHistory().isEmpty());
        const QByteArray values = helmGet(QStringLiteral("values"), helmHistory().last().number);
        const QString current = QJsonDocument::fromJson(values).object().value(QStringLiteral("image"))
                                    .toObject().value(QStringLiteral("tag")).toString();
        QVERIFY2(!current.isEmpty(), values.constData());
        QVERIFY(runCommand(QStringLiteral("docker"),
                           {QStringLiteral("tag"), QStringLiteral("todo-chatbot:") + current,
                            QStringLiteral("todo-chatbot:") + tag}, kToolTimeoutMs).ok());
        // The same import Helmdeck's containerd loader does.
        QTemporaryDir archive;
        const QString file = archive.filePath(QStringLiteral("image.tar"));
        QVERIFY(runCommand(QStringLiteral("docker"),
                           {QStringLiteral("save"), QStringLiteral("-o"), file,
                            QStringLiteral("todo-chatbot:") + tag}, kCliTimeoutMs).ok());
        const CommandResult import = runCommand(
            QStringLiteral("ctr"), {QStringLiteral("--namespace"), QStringLiteral("k8s.io"),
                                    QStringLiteral("images"), QStringLiteral("import"), file},
            kCliTimeoutMs);
        QVERIFY2(import.ok(), qPrintable(import.describe()));
        const QStringList replicaSetsBefore = replicaSets();

        helmdeck::core::LatencyProbe probe;
        QSignalSpy done(&probe, &helmdeck::core::LatencyProbe::finished);
        probe.start(loadAgainst(url));
        QTest::qWait(2000);  // steady load before the rollout starts (the probe runs meanwhile)
        BackgroundCommand upgrade(
            QStringLiteral("helm"),
            {QStringLiteral("upgrade"), kRelease, QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot"),
             QStringLiteral("--namespace"), kNamespace, QStringLiteral("--reuse-values"),
             QStringLiteral("--set"), QStringLiteral("image.tag=") + tag, QStringLiteral("--wait"),
             QStringLiteral("--timeout"), QStringLiteral("5m")});
        QTRY_VERIFY_WITH_TIMEOUT(!upgrade.running(), 6 * 60 * 1000);
        QVERIFY2(upgrade.succeeded(), qPrintable(upgrade.output()));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 120000);
        QTest::qWait(2000);  // and after it, until the old pods are gone
        probe.stop();
        QVERIFY(done.count() == 1 || done.wait(10000));
        const auto summary = done.first().first().value<helmdeck::core::ProbeSummary>();
        qInfo("rolling update under load: %llu requests, %llu errors (%s)",
              summary.overallStats().count, summary.overallStats().errors,
              qPrintable(describeErrors(summary)));
        QVERIFY(summary.overallStats().count > 1000);
        QVERIFY2(summary.overallStats().errors == 0, qPrintable(describeErrors(summary)));

        // The transition: the old ReplicaSet scaled to 0, the new one owns both Ready pods.
        const QStringList after = replicaSets();
        qInfo("ReplicaSets before: %s; after: %s", qPrintable(replicaSetsBefore.join(", ")),
              qPrintable(after.join(", ")));
        QVERIFY2(after.filter(QRegularExpression(QStringLiteral("=2/2$"))).size() == 1,
                 qPrintable(after.join(", ")));
        for (const QString& before : replicaSetsBefore.filter(QRegularExpression(QStringLiteral("=2/2$"))))
            QVERIFY2(after.contains(before.section(QLatin1Char('='), 0, 0) + QStringLiteral("=0/0")),
                     qPrintable(after.join(", ")));
    }

    // 9. A pod deleted under the same load: every request still answered.
    void podDeletedUnderLoadDropsNothing() {
        const QString url = nodePortUrl();
        const QSet<QString> pods = settledPods(2);
        QCOMPARE(pods.size(), 2);
        helmdeck::core::LatencyProbe probe;
        QSignalSpy done(&probe, &helmdeck::core::LatencyProbe::finished);
        probe.start(loadAgainst(url));
        QTest::qWait(2000);
        BackgroundCommand remove(QStringLiteral("kubectl"),
                                 {QStringLiteral("delete"), QStringLiteral("pod"), QStringLiteral("--namespace"),
                                  kNamespace, *pods.cbegin(), QStringLiteral("--wait=true")});
        QTRY_VERIFY_WITH_TIMEOUT(!remove.running(), 120000);
        QVERIFY2(remove.succeeded(), qPrintable(remove.output()));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 120000);
        probe.stop();
        QVERIFY(done.count() == 1 || done.wait(10000));
        const auto summary = done.first().first().value<helmdeck::core::ProbeSummary>();
        qInfo("pod deleted under load: %llu requests, %llu errors (%s)",
              summary.overallStats().count, summary.overallStats().errors,
              qPrintable(describeErrors(summary)));
        QVERIFY(summary.overallStats().count > 500);
        QVERIFY2(summary.overallStats().errors == 0, qPrintable(describeErrors(summary)));
    }

    // 10. Readiness follows the database, liveness does not: PostgreSQL scaled to 0 turns both
    //     pods NotReady without a restart; scaled back, they heal and no task is lost.
    void readinessFollowsTheDatabaseAndNothingIsLost() {
        const QString url = nodePortUrl();
        const QString user = QStringLiteral("e2e-durable");
        QStringList ids;
        for (const char* title : {"water the plants", "renew the passport"}) {
            const HttpReply created = http_request(
                "POST", url + QStringLiteral("/api/%1/tasks").arg(user),
                QJsonDocument(QJsonObject{{QStringLiteral("title"), QLatin1String(title)}}).toJson(),
                {{"Content-Type", "application/json"}});
            QCOMPARE(created.status, 201);
            ids << QString::number(QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toInt());
        }
        const QList<PodState> before = podStates(kBackendPods);
        QCOMPARE(before.size(), 2);
        auto scaleDatabase = [](int replicas) {
            return runCommand(QStringLiteral("kubectl"),
                              {QStringLiteral("scale"), QStringLiteral("statefulset"),
                               QStringLiteral("--namespace"), kNamespace, QStringLiteral("-l"),
                               QStringLiteral("app.kubernetes.io/component=postgresql"),
                               QStringLiteral("--replicas"), QString::number(replicas)},
                              kToolTimeoutMs);
        };
        QVERIFY(scaleDatabase(0).ok());
        auto readyCount = [] {
            int ready = 0;
            for (const PodState& pod : podStates(kBackendPods)) ready += pod.ready ? 1 : 0;
            return ready;
        };
        QTRY_COMPARE_WITH_TIMEOUT(readyCount(), 0, 120000);
        const QList<PodState> notReady = podStates(kBackendPods);
        QCOMPARE(notReady.size(), 2);
        int restartsBefore = 0, restartsDuring = 0;
        for (const PodState& pod : before) restartsBefore += pod.restarts;
        for (const PodState& pod : notReady) restartsDuring += pod.restarts;
        QCOMPARE(restartsDuring, restartsBefore);

        QVERIFY(scaleDatabase(1).ok());
        QTRY_COMPARE_WITH_TIMEOUT(readyCount(), 2, 180000);
        int restartsAfter = 0;
        for (const PodState& pod : podStates(kBackendPods)) restartsAfter += pod.restarts;
        QCOMPARE(restartsAfter, restartsBefore);
        const HttpReply listed = http_request("GET", url + QStringLiteral("/api/%1/tasks").arg(user));
        QCOMPARE(listed.status, 200);
        for (const QString& id : ids)
            QVERIFY2(listed.body.contains(QStringLiteral("\"id\":%1,").arg(id).toUtf8()),
                     listed.body.constData());
    }

    // 11. Memory limits are enforced on this node (cgroup v1, cgroupfs): a pod under the chart's
    //     security context that touches 64 MiB against a 16 MiB limit ends OOMKilled. The
    //     backend itself lives in a few MiB, so a limit it exceeds would be one runc refuses;
    //     its peak, read from its memory cgroup, is reported beside.
    void tinyMemoryLimitEndsOomKilled() {
        const QString manifest = QStringLiteral(R"({"apiVersion": "v1", "kind": "Pod",
 "metadata": {"name": "oomcheck", "namespace": "%1"},
 "spec": {"restartPolicy": "Never", "automountServiceAccountToken": false,
  "securityContext": {"runAsNonRoot": true, "runAsUser": 10001, "runAsGroup": 10001,
                      "seccompProfile": {"type": "RuntimeDefault"}},
  "containers": [{"name": "hog", "image": "%2", "imagePullPolicy": "Never",
    "command": ["/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"],
    "resources": {"requests": {"memory": "16Mi", "cpu": "10m"}, "limits": {"memory": "16Mi", "cpu": "200m"}},
    "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                        "capabilities": {"drop": ["ALL"]}}}]}})")
                                     .arg(kNamespace, QString::fromLocal8Bit(qgetenv("HELMDECK_CLUSTER_HELPER_IMAGE")));
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("oomcheck.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(manifest.toUtf8());
        file.close();
        const CommandResult applied = runCommand(
            QStringLiteral("kubectl"), {QStringLiteral("apply"), QStringLiteral("-f"), file.fileName()},
            kToolTimeoutMs);
        QVERIFY2(applied.ok(), qPrintable(applied.describe()));
        auto terminated = [] {
            const CommandResult pod = runCommand(
                QStringLiteral("kubectl"),
                {QStringLiteral("get"), QStringLiteral("pod"), QStringLiteral("oomcheck"),
                 QStringLiteral("--namespace"), kNamespace, QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.status.containerStatuses[0].state.terminated.reason}")},
                kToolTimeoutMs);
            return QString::fromUtf8(pod.out).trimmed();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!terminated().isEmpty(), 120000);
        QCOMPARE(terminated(), QStringLiteral("OOMKilled"));
        // The Ops assistant names it, with a limit that would fit.
        QString last;
        const QJsonObject oom = diagnoseUntil(QStringLiteral("OOMKilled"), &last, 60000);
        QVERIFY2(!oom.isEmpty(), qPrintable(last));
        QCOMPARE(oom.value(QStringLiteral("object")).toString(), QStringLiteral("Pod/oomcheck"));
        QVERIFY2(oom.value(QStringLiteral("cause")).toString().contains(QLatin1String("16Mi")),
                 qPrintable(oom.value(QStringLiteral("cause")).toString()));
        QVERIFY2(oom.value(QStringLiteral("fixHint")).toString().contains(QLatin1String("raise the memory limit")),
                 qPrintable(oom.value(QStringLiteral("fixHint")).toString()));
        runCommand(QStringLiteral("kubectl"),
                   {QStringLiteral("delete"), QStringLiteral("pod"), QStringLiteral("oomcheck"),
                    QStringLiteral("--namespace"), kNamespace, QStringLiteral("--wait=true")},
                   kToolTimeoutMs);

        for (const PodState& pod : podStates(kBackendPods)) {
            const qint64 pid = containerPid(pod.containerIds.value(0));
            QVERIFY2(pid > 0, qPrintable(pod.name));
            const QString cgroup = memoryCgroupOf(pid);
            QVERIFY2(!cgroup.isEmpty(), qPrintable(pod.name));
            QFile peak(cgroup + QStringLiteral("/memory.max_usage_in_bytes"));
            QFile limit(cgroup + QStringLiteral("/memory.limit_in_bytes"));
            QVERIFY(peak.open(QIODevice::ReadOnly) && limit.open(QIODevice::ReadOnly));
            const qint64 peakBytes = peak.readAll().trimmed().toLongLong();
            const qint64 limitBytes = limit.readAll().trimmed().toLongLong();
            qInfo("%s: memory peak %.1f MiB of its %.0f MiB limit", qPrintable(pod.name),
                  peakBytes / 1048576.0, limitBytes / 1048576.0);
            QVERIFY(peakBytes > 0 && peakBytes < limitBytes);
        }
    }

    // 12. The Ops assistant on the live node: each fault of the issue is injected into the
    //     release, and `diagnose` must name its cause and propose the right fix. Between two
    //     faults the release is rolled back to its last good revision.

    // Each row: how the fault lands (a helm value, or a kubectl patch and the patch that
    // reverts it), what the finding's cause must say, and what its cause or fix hint names.
    void diagnoseNamesEachInjectedFault_data() {
        QTest::addColumn<QString>("set");         // helm --set, or empty for a patch
        QTest::addColumn<QString>("object");      // kubectl patch OBJECT
        QTest::addColumn<QString>("patchType");
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("revert");
        QTest::addColumn<QString>("cause");
        QTest::addColumn<QString>("field");       // "cause" or "fixHint"
        QTest::addColumn<QString>("names");
        QTest::newRow("image tag not loaded")
            << "image.tag=never-loaded" << "" << "" << "" << ""
            << "is not in the cluster" << "fixHint" << "Load step";
        // `healthcheck` with no server in the pod exits 1 at once: a crash loop.
        QTest::newRow("command exits 1")
            << "" << "deployment/todo-chatbot" << "json"
            << R"([{"op":"add","path":"/spec/template/spec/containers/0/args","value":["healthcheck"]}])"
            << R"([{"op":"remove","path":"/spec/template/spec/containers/0/args"}])"
            << "keeps exiting with code 1" << "fixHint" << "log";
        // A 4 Mi limit is no fault for this backend: on the test node it ran Ready under one,
        // 0 restarts (its working set is about 3 MiB). The OOM kill is slot 11's pod, diagnosed there.
        QTest::newRow("readiness path answers 404")
            << "readinessProbe.path=/no-such-path" << "" << "" << "" << ""
            << "the readiness probe" << "cause" << "404";
        // A nodeSelector no node matches is the next slot's fault too (its upgrade never ends).
        QTest::newRow("Service selector matches no pod")
            << "" << "service/todo-chatbot" << "merge"
            << R"({"spec":{"selector":{"app.kubernetes.io/component":"no-such-component"}}})"
            << R"({"spec":{"selector":{"app.kubernetes.io/component":"api"}}})"
            << "its selector matches no pod" << "cause" << "";
    }

    void diagnoseNamesEachInjectedFault() {
        QFETCH(QString, set);
        QFETCH(QString, object);
        QFETCH(QString, patchType);
        QFETCH(QString, patch);
        QFETCH(QString, revert);
        QFETCH(QString, cause);
        QFETCH(QString, field);
        QFETCH(QString, names);
        QCOMPARE(helmHistory().last().status, QStringLiteral("deployed"));
        goodRevision_ = helmHistory().last().number;  // what heal() returns to
        const CommandResult injected = set.isEmpty() ? this->patch(object, patchType, patch) : injectValue(set);
        QVERIFY2(injected.ok(), qPrintable(injected.describe()));
        QString last;
        const QJsonObject finding = diagnoseUntil(cause, &last);
        if (set.isEmpty()) {
            const CommandResult reverted = this->patch(object, patchType, revert);
            QVERIFY2(reverted.ok(), qPrintable(reverted.describe()));
        }
        QVERIFY2(!finding.isEmpty(), qPrintable(last));
        qInfo("%s", qPrintable(finding.value(QStringLiteral("cause")).toString()));
        QVERIFY2(finding.value(field).toString().contains(names), qPrintable(finding.value(field).toString()));
        QCOMPARE(finding.value(QStringLiteral("diagnoseExitCode")).toInt(), 1);  // a finding: exit 1
        if (set.isEmpty())
            QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 180000);
        else
            heal();
    }

    // A helm upgrade killed midway leaves pending-upgrade; read-only mode refuses the fix, a
    // confirmed rollback heals the release, and the audit log holds exactly what ran.
    void killedUpgradeIsDiagnosedAndAConfirmedRollbackHealsIt() {
        const QString audit = QDir(dir_.path()).filePath(QStringLiteral("ops-audit.jsonl"));
        QFile::remove(audit);
        QCOMPARE(helmHistory().last().status, QStringLiteral("deployed"));
        goodRevision_ = helmHistory().last().number;  // what the rollback must return to
        // An upgrade that waits for pods no node takes, killed once Helm has marked it pending.
        QProcess upgrade;
        upgrade.start(QStringLiteral("helm"),
                      {QStringLiteral("upgrade"), kRelease, QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot"),
                       QStringLiteral("--namespace"), kNamespace, QStringLiteral("--reuse-values"),
                       QStringLiteral("--set"), QStringLiteral("nodeSelector.disktype=no-such-disk"),
                       QStringLiteral("--wait"), QStringLiteral("--timeout"), QStringLiteral("300s")});
        QVERIFY(upgrade.waitForStarted(kToolTimeoutMs));
        // Killed once Helm has marked it pending and applied the new Deployment (it then waits).
        const auto applied = [] {
            return runCommand(QStringLiteral("kubectl"),
                              {QStringLiteral("get"), QStringLiteral("deployment/todo-chatbot"), QStringLiteral("--namespace"),
                               kNamespace, QStringLiteral("-o"),
                               QStringLiteral("jsonpath={.spec.template.spec.nodeSelector.disktype}")},
                              kToolTimeoutMs)
                       .out == "no-such-disk";
        };
        QTRY_VERIFY_WITH_TIMEOUT(!helmHistory().isEmpty() &&
                                     helmHistory().last().status == QLatin1String("pending-upgrade") && applied(),
                                 120000);
        upgrade.kill();  // SIGKILL: helm never records the outcome
        QVERIFY(upgrade.waitForFinished(kToolTimeoutMs));

        QString last;
        const QJsonObject pending = diagnoseUntil(QStringLiteral("no node matches the pod's nodeSelector"), &last);
        QVERIFY2(!pending.isEmpty(), qPrintable(last));
        QVERIFY2(pending.value(QStringLiteral("cause")).toString().contains(QLatin1String("disktype=no-such-disk")),
                 qPrintable(pending.value(QStringLiteral("cause")).toString()));
        const QJsonObject finding = diagnoseUntil(QStringLiteral("stuck in pending-upgrade"), &last);
        QVERIFY2(!finding.isEmpty(), qPrintable(last));
        const QJsonObject fix = finding.value(QStringLiteral("fix")).toObject();
        QCOMPARE(fix.value(QStringLiteral("action")).toString(), QStringLiteral("rollback"));
        QCOMPARE(fix.value(QStringLiteral("revision")).toInt(), goodRevision_);
        QVERIFY(fix.value(QStringLiteral("mutating")).toBool());

        const QString request = QStringLiteral("roll back to revision %1").arg(goodRevision_);
        const CliResult refused = cli({QStringLiteral("ops"), request, QStringLiteral("--read-only"), QStringLiteral("--yes"),
                                       QStringLiteral("--profile"), profile(QStringLiteral("base"))});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2((refused.out + refused.err).contains(QLatin1String("--read-only")), qPrintable(refused.out + refused.err));
        QCOMPARE(helmHistory().last().status, QStringLiteral("pending-upgrade"));  // nothing ran

        const CliResult healed = cli({QStringLiteral("ops"), request, QStringLiteral("--yes"),
                                      QStringLiteral("--profile"), profile(QStringLiteral("base"))});
        QVERIFY2(healed.exitCode == 0, qPrintable(healed.out + healed.err));
        QCOMPARE(helmHistory().last().status, QStringLiteral("deployed"));
        QTRY_COMPARE_WITH_TIMEOUT(settledPods(2).size(), 2, 180000);
        // Healed: once the rolled-back pods are gone, nothing needs attention.
        CliResult after;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (after = cli({QStringLiteral("diagnose"), QStringLiteral("--profile"), profile(QStringLiteral("base"))}))
                    .exitCode == 0,
            qPrintable(after.out + after.err), 90000);

        QFile file(audit);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);  // the refused request ran nothing, so logged nothing
        const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(line.value(QStringLiteral("confirmedBy")).toString(), QStringLiteral("--yes"));
        QVERIFY2(line.value(QStringLiteral("command")).toString().startsWith(
                     QStringLiteral("helm rollback todo-chatbot %1 --wait").arg(goodRevision_)),
                 qPrintable(line.value(QStringLiteral("command")).toString()));
        QCOMPARE(line.value(QStringLiteral("exitCode")).toInt(), 0);
    }
};

QTEST_MAIN(TestClusterDeploy)
#include "test_cluster_deploy.moc"
