// The analyzers on recorded snapshots: each fault names the right object, cause and fix.

#include <QJsonArray>
#include <QTest>

#include "core/ops/analyzer.hpp"
#include "core/ops/k8s_json.hpp"
#include "ops_test_data.hpp"

using namespace helmdeck::ops;

namespace {

const Finding* findingFor(const QList<Finding>& findings, const QString& analyzer, const QString& objectPrefix) {
    for (const Finding& finding : findings)
        if (finding.analyzer == analyzer && finding.object.text().startsWith(objectPrefix)) return &finding;
    return nullptr;
}

QString dump(const QList<Finding>& findings) {
    QString text;
    for (const Finding& finding : findings) text += toText(finding, ActionContext{});
    return text;
}

}  // namespace

class TestOpsAnalyzers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void healthyHasNoFinding() {
        const QList<Finding> findings = diagnose(loadScenario(QStringLiteral("healthy")));
        QVERIFY2(findings.isEmpty(), qPrintable(dump(findings)));
        QVERIFY(!needsAttention(findings));
    }

    void faults_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("analyzer");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("cause");     // a part of the one-line cause
        QTest::addColumn<QString>("evidence");  // a part of one evidence line
        QTest::addColumn<QString>("fix");       // the fix's command, or a part of the hint

        QTest::newRow("image not loaded") << "image-not-loaded" << "pods" << "Pod/todo-chatbot-58d4f7b9c6-r5t8v"
                                          << "the image todo-chatbot:0.2.0-notloaded is not in the cluster (ImagePullBackOff)"
                                          << "Failed to pull image" << "Load step";
        QTest::newRow("crash loop") << "crashloop" << "pods" << "Pod/todo-chatbot-58d4f7b9c6-x4d9k"
                                    << "keeps exiting with code 1 (CrashLoopBackOff, restarted 5 times)"
                                    << "store unreachable" << "helm rollback todo-chatbot 1 --wait --namespace helmdeck";
        QTest::newRow("oom killed") << "oomkilled" << "pods" << "Pod/todo-chatbot-58d4f7b9c6-m3k8s"
                                    << "OOMKilled: it needs more than its 4Mi memory limit"
                                    << "exit code 137"
                                    << "helm upgrade todo-chatbot CHART --reuse-values --set resources.limits.memory=64Mi";
        QTest::newRow("readiness 404") << "readiness-404" << "pods" << "Pod/todo-chatbot-58d4f7b9c6-c8v2b"
                                       << "the readiness probe (GET /api/not-there on port 8080) fails: HTTP probe failed with statuscode: 404"
                                       << "38 times" << "helm rollback todo-chatbot 1";
        QTest::newRow("node selector") << "nodeselector" << "pods" << "Pod/todo-chatbot-58d4f7b9c6-h4j6l"
                                       << "no node matches the pod's nodeSelector disktype=ssd"
                                       << "didn't match Pod's node affinity/selector" << "helm rollback todo-chatbot 1";
        QTest::newRow("stuck rollout") << "nodeselector" << "deployments" << "Deployment/todo-chatbot"
                                       << "no progress within its 600 s deadline" << "ProgressDeadlineExceeded"
                                       << "helm rollback todo-chatbot 1";
        QTest::newRow("service selector") << "service-selector" << "services" << "Service/todo-chatbot"
                                          << "its selector matches no pod"
                                          << "app.kubernetes.io/name=todo-chatbot-typo" << "helm rollback todo-chatbot 1";
        QTest::newRow("pending upgrade") << "pending-upgrade" << "helm" << "Release/todo-chatbot"
                                         << "stuck in pending-upgrade at revision 2" << "history: revision 1 deployed"
                                         << "helm rollback todo-chatbot 1 --wait";
        QTest::newRow("pending rollback") << "deployment-paused" << "helm" << "Release/todo-chatbot"
                                          << "stuck in pending-rollback at revision 3" << "Rollback to 1"
                                          << "helm rollback todo-chatbot 2 --wait";
        QTest::newRow("paused") << "deployment-paused" << "deployments" << "Deployment/todo-chatbot"
                                << "the rollout is paused" << "DeploymentPaused" << "rollout resume deployment/todo-chatbot";
        QTest::newRow("never pull") << "pod-faults" << "pods" << "Pod/todo-chatbot-7c5d8e9f4-nv1aa"
                                    << "the image todo-chatbot:dev is not in the cluster (ErrImageNeverPull)"
                                    << "is not present with pull policy of Never" << "minikube image load todo-chatbot:dev";
        QTest::newRow("config key") << "pod-faults" << "pods" << "Pod/todo-chatbot-7c5d8e9f4-cf2bb"
                                    << "the key url is missing from Secret todo-chatbot-db"
                                    << "couldn't find key url" << "create secret generic todo-chatbot-db --from-literal=url=";
        QTest::newRow("unbound pvc") << "pod-faults" << "pods" << "Pod/todo-chatbot-postgresql-0"
                                     << "its PersistentVolumeClaim is not bound: data-todo-chatbot-postgresql-0 (Pending, storage class fast-ssd)"
                                     << "storageclass.storage.k8s.io \"fast-ssd\" not found" << "storage class";
        QTest::newRow("taint") << "pod-faults" << "pods" << "Pod/todo-chatbot-7c5d8e9f4-tn3cc"
                               << "every node has a taint the pod does not tolerate (dedicated=gpu)"
                               << "untolerated taint" << "kubectl taint node NODE dedicated-";
        QTest::newRow("insufficient cpu") << "pod-faults" << "pods" << "Pod/todo-chatbot-7c5d8e9f4-cp4dd"
                                          << "no node has enough free cpu for the pod's request (50m)"
                                          << "Insufficient cpu" << "resources.requests.cpu";
        QTest::newRow("liveness") << "pod-faults" << "pods" << "Pod/todo-chatbot-7c5d8e9f4-lv5ee"
                                  << "the liveness probe (GET /api/health on port 8080) fails"
                                  << "restarted 3 times" << "probe's path and port";
        QTest::newRow("claim") << "pod-faults" << "claims" << "PersistentVolumeClaim/data-todo-chatbot-postgresql-0"
                               << "the claim is pending" << "ProvisioningFailed" << "storage class";
    }

    void faults() {
        QFETCH(QString, scenario);
        QFETCH(QString, analyzer);
        QFETCH(QString, object);
        QFETCH(QString, cause);
        QFETCH(QString, evidence);
        QFETCH(QString, fix);
        const QList<Finding> findings = diagnose(loadScenario(scenario));
        QVERIFY(needsAttention(findings));
        const Finding* finding = findingFor(findings, analyzer, object);
        QVERIFY2(finding, qPrintable(dump(findings)));
        QVERIFY2(finding->cause.contains(cause), qPrintable(finding->cause));
        QVERIFY(finding->severity >= Severity::Warning);
        bool found = false;
        for (const QString& line : finding->evidence) found = found || line.contains(evidence);
        QVERIFY2(found, qPrintable(finding->evidence.join(QLatin1Char('\n'))));
        ActionContext context;
        context.chart = QStringLiteral("CHART");
        const QString fixText = finding->fixHint + QLatin1Char('|') +
                                (finding->fix ? commandText(*finding->fix, context) : QString());
        QVERIFY2(fixText.contains(fix), qPrintable(fixText));
    }

    void crashLoopCarriesTheLastTwentyLogLinesAndThePreviousLog() {
        ClusterSnapshot snapshot = loadScenario(QStringLiteral("crashloop"));
        const QString key = ClusterSnapshot::logKey(QStringLiteral("todo-chatbot-58d4f7b9c6-x4d9k"), QStringLiteral("todo-chatbot"));
        QString current;
        for (int i = 1; i <= 30; ++i) current += QStringLiteral("line %1\n").arg(i);
        snapshot.logs.insert(key, current);
        const QList<Finding> findings = analyzePods(snapshot);
        const Finding* finding = findingFor(findings, QStringLiteral("pods"), QStringLiteral("Pod/todo-chatbot-58d4f7b9c6-x4d9k"));
        QVERIFY(finding);
        const int header = int(finding->evidence.indexOf(QStringLiteral("log (last 20 lines):")));
        QVERIFY2(header > 0, qPrintable(finding->evidence.join(QLatin1Char('\n'))));
        QCOMPARE(finding->evidence.at(header + 1), QStringLiteral("  line 11"));
        QCOMPARE(finding->evidence.at(header + 20), QStringLiteral("  line 30"));
        QVERIFY(finding->evidence.contains(QStringLiteral("previous container's log (last 5 lines):")));
    }

    void crashLoopOutsideAReleaseProposesThePreviousLog() {
        ClusterSnapshot snapshot = loadScenario(QStringLiteral("crashloop"));
        snapshot.helmStatus = {};
        snapshot.helmHistory = {};
        const QList<Finding> findings = analyzePods(snapshot);
        QVERIFY(!findings.isEmpty());
        QVERIFY(findings.first().fix);
        QCOMPARE(commandText(*findings.first().fix, ActionContext{}),
                 QStringLiteral("kubectl --namespace helmdeck logs pod/todo-chatbot-58d4f7b9c6-x4d9k --container todo-chatbot --tail=20 --previous"));
    }

    void serviceTargetPortNoContainerExposes() {
        ClusterSnapshot snapshot = loadScenario(QStringLiteral("healthy"));
        QJsonObject service = snapshot.services.first();
        QJsonObject spec = service.value(QStringLiteral("spec")).toObject();
        QJsonArray ports = spec.value(QStringLiteral("ports")).toArray();
        QJsonObject port = ports.first().toObject();
        port.insert(QStringLiteral("targetPort"), 9090);
        ports.replace(0, port);
        spec.insert(QStringLiteral("ports"), ports);
        service.insert(QStringLiteral("spec"), spec);
        snapshot.services.replace(0, service);
        const QList<Finding> findings = analyzeServices(snapshot);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().cause, QStringLiteral("port 80 targets 9090, which no container of its pods exposes"));
        QCOMPARE(findings.first().evidence.last(), QStringLiteral("the pods expose: http/8080"));
    }

    void noReadyEndpoints() {
        const QList<Finding> findings = analyzeServices(loadScenario(QStringLiteral("crashloop")));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().cause, QStringLiteral("no ready endpoint: 2 pods match, none is ready"));
    }

    void warningEventsGroupedByReasonAndObjectNewestFirst() {
        const QList<EventGroup> groups = groupWarningEvents(loadScenario(QStringLiteral("image-not-loaded")));
        // Failed (three messages, merged) is one group; Normal events are left out.
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().reason, QStringLiteral("Failed"));
        QCOMPARE(groups.first().count, 14);
        QCOMPARE(groups.first().messages.first(), QStringLiteral("Error: ImagePullBackOff"));
        QCOMPARE(groups.first().lastSeen, QStringLiteral("2026-11-30T09:16:02Z"));

        const QList<EventGroup> many = groupWarningEvents(loadScenario(QStringLiteral("pod-faults")));
        QVERIFY(many.size() >= 6);
        for (int i = 1; i < many.size(); ++i) QVERIFY(many.at(i - 1).lastSeen >= many.at(i).lastSeen);
    }

    void eventsOfObjectsWithAFindingAreInfo() {
        const QList<Finding> findings = diagnose(loadScenario(QStringLiteral("readiness-404")));
        const Finding* event = findingFor(findings, QStringLiteral("events"), QStringLiteral("Pod/"));
        QVERIFY(event);
        QCOMPARE(event->severity, Severity::Info);
        QCOMPARE(findings.last().analyzer, QStringLiteral("events"));  // errors sort first
    }

    // On the live node a healthy release still had old warnings: its pods' startup probes had
    // failed while the database started, and a deleted pod's FailedScheduling was still listed.
    void staleWarningsAreNotFindings() {
        ClusterSnapshot snapshot = loadScenario(QStringLiteral("healthy"));
        const QString pod = nameOfObject(snapshot.pods.first());  // Ready since 2026-11-30T09:12:09Z
        const auto warning = [](const QString& name, const QString& reason, const QString& at) {
            return QJsonObject{{QStringLiteral("type"), QStringLiteral("Warning")},
                               {QStringLiteral("reason"), reason},
                               {QStringLiteral("message"), reason + QStringLiteral(" (test)")},
                               {QStringLiteral("lastTimestamp"), at},
                               {QStringLiteral("involvedObject"),
                                QJsonObject{{QStringLiteral("kind"), QStringLiteral("Pod")}, {QStringLiteral("name"), name}}}};
        };
        snapshot.events << warning(pod, QStringLiteral("Unhealthy"), QStringLiteral("2026-11-30T09:11:50Z"))
                        << warning(QStringLiteral("todo-chatbot-gone-12345"), QStringLiteral("FailedScheduling"),
                                   QStringLiteral("2026-11-30T09:20:00Z"));
        QList<Finding> findings = diagnose(snapshot);
        QVERIFY2(!needsAttention(findings), qPrintable(findings.isEmpty() ? QString() : findings.first().cause));
        QCOMPARE(findings.size(), 2);  // kept, as info
        // A warning after the pod became Ready is news.
        snapshot.events << warning(pod, QStringLiteral("Unhealthy"), QStringLiteral("2026-11-30T09:30:00Z"));
        findings = diagnose(snapshot);
        QVERIFY(needsAttention(findings));
        QCOMPARE(findings.first().object.name, pod);
    }

    void onlySelectedAnalyzersRun() {
        const QList<Finding> findings = diagnose(loadScenario(QStringLiteral("pending-upgrade")), {QStringLiteral("pods")});
        QVERIFY(findings.isEmpty());
        QCOMPARE(diagnose(loadScenario(QStringLiteral("pending-upgrade")), {QStringLiteral("helm")}).size(), 1);
    }

    void memoryQuantities() {
        QCOMPARE(memoryBytes(QStringLiteral("4Mi")).value(), 4.0 * 1024 * 1024);
        QCOMPARE(memoryBytes(QStringLiteral("1G")).value(), 1e9);
        QVERIFY(!memoryBytes(QStringLiteral("lots")));
        QCOMPARE(memoryQuantity(256.0 * 1024 * 1024), QStringLiteral("256Mi"));
        QCOMPARE(memoryQuantity(2048.0 * 1024 * 1024), QStringLiteral("2Gi"));
    }
};

QTEST_GUILESS_MAIN(TestOpsAnalyzers)
#include "test_ops_analyzers.moc"
