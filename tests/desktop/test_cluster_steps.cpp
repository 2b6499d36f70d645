// The cluster steps on the fake-tool tier: helm, kubectl and docker replaced on PATH by a fake
// that records argv and replays recorded output. Checks each command line (context and
// namespace included) and each step's handling of failures, timeouts and odd output.

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "core/steps/deploy_step.hpp"
#include "core/steps/endpoint_step.hpp"
#include "core/steps/image_build_step.hpp"
#include "core/steps/load_step.hpp"
#include "core/steps/measure_step.hpp"
#include "core/steps/rollback_step.hpp"
#include "core/steps/status_step.hpp"
#include "core/steps/uninstall_step.hpp"
#include "core/steps/verify_step.hpp"
#include "fake_tools/fake_tools.hpp"

using namespace helmdeck::core;
using helmdeck::testing::FakeReply;
using helmdeck::testing::FakeTools;
using helmdeck::testing::hasPair;

namespace {

const QString kContext = QStringLiteral("ctx-test");
const QString kNamespace = QStringLiteral("helmdeck");

RunContext clusterContext() {
    RunContext context;
    context.target = Target::Cluster;
    context.profile.release.chart = QStringLiteral("/charts/todo-chatbot");
    context.profile.release.namespace_ = kNamespace;
    context.profile.cluster.context = kContext;
    context.kubeContext = kContext;
    context.gitRevision = QStringLiteral("abc1234");
    MeasuredImage image;
    image.name = QStringLiteral("todo-chatbot");
    image.tag = QStringLiteral("0.1.0-abc1234");
    image.reference = QStringLiteral("todo-chatbot:0.1.0-abc1234");
    context.images << image;
    return context;
}

// Runs `step` on `context` and waits for its end.
StepResult runStep(Step& step, RunContext& context, int timeoutMs = 20000) {
    QSignalSpy finished(&step, &Step::finished);
    step.run(context);
    if (finished.isEmpty() && !finished.wait(timeoutMs)) return {};
    return finished.first().first().value<StepResult>();
}

bool scopedForHelm(const QStringList& argv) {
    return hasPair(argv, QStringLiteral("--kube-context"), kContext) &&
           hasPair(argv, QStringLiteral("--namespace"), kNamespace);
}
bool scopedForKubectl(const QStringList& argv) {
    return hasPair(argv, QStringLiteral("--context"), kContext) &&
           hasPair(argv, QStringLiteral("--namespace"), kNamespace);
}

// A ReplicaSet as `kubectl get replicasets -o json` lists it (metadata trimmed to what is read).
QByteArray replicaSetJson(const QString& name, int revision, int desired, int replicas, int ready) {
    return QStringLiteral(R"({"kind":"ReplicaSet","metadata":{"name":"%1","namespace":"helmdeck",
        "annotations":{"deployment.kubernetes.io/revision":"%2"},
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"todo-chatbot","controller":true}]},
        "spec":{"replicas":%3},"status":{"replicas":%4,"readyReplicas":%5,"availableReplicas":%5}})")
        .arg(name).arg(revision).arg(desired).arg(replicas).arg(ready).toUtf8();
}
QByteArray replicaSetList(const QList<QByteArray>& items) {
    QByteArray list = R"({"apiVersion":"v1","kind":"List","items":[)";
    for (qsizetype i = 0; i < items.size(); ++i) list += (i ? "," : "") + items.at(i);
    return list + "]}";
}

// Answers every HTTP request with 200, as the backend's /api/ready does.
class ReadyServer : public QTcpServer {
public:
    ReadyServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n"
                                  "\r\nok");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
};

}  // namespace

class TestClusterSteps : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statusReadsReleaseHistoryPodsAndLogs() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("status todo-chatbot *"),
                QStringLiteral("helm_status.json"));
        fake.on(QStringLiteral("helm"), QStringLiteral("history todo-chatbot *"),
                QStringLiteral("helm_history.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get pods *"),
                QStringLiteral("kubectl_pods.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("logs *"),
                FakeReply{0, {}, "[pod/todo-chatbot-1/api] listening\n"});
        RunContext context = clusterContext();
        StatusStep step;
        QSignalSpy logs(&step, &Step::logLine);
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Ok);
        QVERIFY(context.release);
        QCOMPARE(context.release->revision, 3);
        QCOMPARE(context.revisions.size(), 3);
        QCOMPARE(context.pods.size(), 3);
        const auto helm = fake.calls(QStringLiteral("helm"));
        QCOMPARE(helm.size(), 2);
        for (const QStringList& argv : helm) QVERIFY2(scopedForHelm(argv), qPrintable(argv.join(' ')));
        const auto kubectl = fake.calls(QStringLiteral("kubectl"));
        QCOMPARE(kubectl.size(), 2);
        for (const QStringList& argv : kubectl) {
            QVERIFY2(scopedForKubectl(argv), qPrintable(argv.join(' ')));
            QVERIFY(hasPair(argv, QStringLiteral("-l"),
                            QStringLiteral("app.kubernetes.io/instance=todo-chatbot,"
                                           "app.kubernetes.io/component=api")));
        }
        bool sawLog = false;
        for (const auto& line : logs) sawLog |= line.first().toString().startsWith("log [pod/");
        QVERIFY(sawLog);
    }

    void statusFailsWithTheToolsReasonAndAHint() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"),
                FakeReply{1, {}, {}, QStringLiteral("Error: release: not found")});
        RunContext context = clusterContext();
        StatusStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("release: not found"), qPrintable(result.reason));
        QVERIFY(result.fixHint.contains("deploy it first"));
        QCOMPARE(fake.calls(QStringLiteral("kubectl")).size(), 0);
    }

    void statusRefusesOddOutput() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"),
                FakeReply{0, {}, "WARNING: kubeconfig is group-readable\nnot json\n"});
        RunContext context = clusterContext();
        StatusStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("cannot read the output of helm status"),
                 qPrintable(result.reason));
    }

    void statusKeepsGoingWhenLogsAreRefused() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"), QStringLiteral("helm_status.json"));
        fake.on(QStringLiteral("helm"), QStringLiteral("history *"), QStringLiteral("helm_history.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get pods *"), QStringLiteral("kubectl_pods.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("logs *"),
                FakeReply{1, {}, {}, QStringLiteral("Error from server (Forbidden): pods/log")});
        RunContext context = clusterContext();
        StatusStep step;
        QCOMPARE(runStep(step, context).state, StepState::Ok);
    }

    void deployPassesScopeValuesAndTheBuiltImage() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("upgrade --install *"),
                FakeReply{0, {}, "Release \"todo-chatbot\" has been upgraded.\n"});
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"), QStringLiteral("helm_status.json"));
        RunContext context = clusterContext();
        context.profile.release.valuesFiles << QStringLiteral("/values/dev.yaml");
        context.profile.release.set.insert(QStringLiteral("replicaCount"), QStringLiteral("2"));
        DeployStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Ok);
        const QStringList upgrade = fake.calls(QStringLiteral("helm")).first();
        QCOMPARE(upgrade.mid(0, 4), (QStringList{"upgrade", "--install", "todo-chatbot",
                                                 "/charts/todo-chatbot"}));
        QVERIFY(scopedForHelm(upgrade));
        QVERIFY(upgrade.contains("--create-namespace"));
        QVERIFY(upgrade.contains("--wait"));
        QVERIFY(hasPair(upgrade, "-f", "/values/dev.yaml"));
        QVERIFY(hasPair(upgrade, "--set", "replicaCount=2"));
        QVERIFY(hasPair(upgrade, "--set", "image.repository=todo-chatbot,image.tag=0.1.0-abc1234"));
        QVERIFY(scopedForHelm(fake.calls(QStringLiteral("helm")).at(1)));
        QCOMPARE(context.release->revision, 3);
    }

    void deployShowsTheRolloutWhileHelmWaits() {
        FakeTools fake;
        // helm waits 3 s for the rollout; meanwhile the ReplicaSets move from old to new.
        fake.on(QStringLiteral("helm"), QStringLiteral("upgrade --install *"),
                FakeReply{0, {}, "Release \"todo-chatbot\" has been upgraded.\n", {}, 3});
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"), QStringLiteral("helm_status.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get replicasets *"),
                FakeReply{0, {}, replicaSetList({replicaSetJson("todo-chatbot-old", 2, 1, 2, 2),
                                                 replicaSetJson("todo-chatbot-new", 3, 2, 1, 1)}),
                          {}, 0, 1});
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get replicasets *"),
                FakeReply{0, {}, replicaSetList({replicaSetJson("todo-chatbot-old", 2, 0, 0, 0),
                                                 replicaSetJson("todo-chatbot-new", 3, 2, 2, 2)})});
        RunContext context = clusterContext();
        DeployStep step;
        QSignalSpy details(&step, &Step::detail);
        QSignalSpy progress(&step, &Step::progress);
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        QVERIFY2(details.size() >= 2, qPrintable(fake.transcript()));
        const auto rowOf = [&details](qsizetype i) {
            return details.at(i).first().toMap().value("deployments").toList().first().toMap();
        };
        QCOMPARE(rowOf(0).value("ready").toInt(), 1);
        QCOMPARE(rowOf(0).value("old").toInt(), 2);
        QCOMPARE(rowOf(0).value("revision").toInt(), 3);
        QCOMPARE(rowOf(details.size() - 1).value("ready").toInt(), 2);
        QCOMPARE(rowOf(details.size() - 1).value("old").toInt(), 0);
        QStringList texts;
        for (const QList<QVariant>& signal : progress) texts << signal.at(1).toString();
        QVERIFY2(texts.contains("todo-chatbot: new 1/2 ready, old 2 left"), qPrintable(texts.join('|')));
        QVERIFY2(texts.contains("todo-chatbot: new 2/2 ready"), qPrintable(texts.join('|')));
        for (const QStringList& argv : fake.calls(QStringLiteral("kubectl"))) {
            QVERIFY(scopedForKubectl(argv));
            QVERIFY(hasPair(argv, "-l", "app.kubernetes.io/instance=todo-chatbot"));
        }
    }

    void deployNamesEachSchemaViolation() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("upgrade *"),
                FakeReply{1, {}, {},
                          QStringLiteral("Error: values don't meet the specifications of the "
                                         "schema(s) in the following chart(s):\\ntodo-chatbot:\\n"
                                         "- at '/replicaCount': minimum: got 0, want 1")});
        RunContext context = clusterContext();
        DeployStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("at '/replicaCount': minimum: got 0, want 1"),
                 qPrintable(result.reason));
        QVERIFY(result.fixHint.contains("nothing was sent to the cluster"));
    }

    void deployReportsHelmsOwnTimeout() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("upgrade *"),
                FakeReply{1, {}, {}, QStringLiteral("Error: UPGRADE FAILED: context deadline exceeded")});
        RunContext context = clusterContext();
        DeployStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("context deadline exceeded"), qPrintable(result.reason));
        QVERIFY(result.fixHint.contains("rollback"));
    }

    void deployCancelStopsHelm() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("upgrade *"), FakeReply{0, {}, {}, {}, 60});
        RunContext context = clusterContext();
        DeployStep step;
        QSignalSpy finished(&step, &Step::finished);
        step.run(context);
        QTRY_COMPARE(fake.calls(QStringLiteral("helm")).size(), 1);
        step.cancel();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<StepResult>().state, StepState::Cancelled);
    }

    void verifyPollsUntilRolledOut() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get deployment *"),
                FakeReply{0, FakeTools::data("kubectl_deployment_progressing.json"), {}, {}, 0, 1});
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get deployment *"),
                QStringLiteral("kubectl_deployment_rolled_out.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get pods *"),
                FakeReply{0, {}, readyPodList()});
        RunContext context = clusterContext();
        VerifyStep step(20000);
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Ok);
        const auto calls = fake.calls(QStringLiteral("kubectl"));
        QVERIFY2(calls.size() >= 3, qPrintable(fake.transcript()));
        for (const QStringList& argv : calls) QVERIFY(scopedForKubectl(argv));
    }

    void verifyFailsOnProgressDeadline() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get deployment *"),
                QStringLiteral("kubectl_deployment_stuck.json"));
        RunContext context = clusterContext();
        VerifyStep step(20000);
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("progress deadline"), qPrintable(result.reason));
    }

    void verifyGivesUpAtItsDeadline() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get deployment *"),
                FakeReply{1, {}, {}, QStringLiteral("Unable to connect to the server: dial tcp "
                                                    "127.0.0.1:6443: connect: connection refused")});
        RunContext context = clusterContext();
        VerifyStep step(1500);
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("rollout not ready after 1 s"), qPrintable(result.reason));
        QVERIFY2(result.reason.contains("connection refused"), qPrintable(result.reason));
    }

    void endpointForwardsThePortInTheRunsScope() {
        ReadyServer backend;
        QVERIFY(backend.isListening());
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get service *"),
                FakeReply{0, {}, serviceList(0)});
        fake.on(QStringLiteral("kubectl"), QStringLiteral("port-forward *"),
                FakeReply{0, {},
                          QStringLiteral("Forwarding from 127.0.0.1:%1 -> 8080\n")
                              .arg(backend.serverPort())
                              .toUtf8(),
                          {}, 30});
        RunContext context = clusterContext();
        EndpointStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Ok);
        QCOMPARE(context.endpointUrl.port(), int(backend.serverPort()));
        const auto calls = fake.calls(QStringLiteral("kubectl"));
        QCOMPARE(calls.size(), 2);
        QVERIFY(scopedForKubectl(calls.at(0)));
        QVERIFY2(scopedForKubectl(calls.at(1)), qPrintable(calls.at(1).join(' ')));
        QVERIFY(calls.at(1).contains("svc/todo-chatbot"));
        QVERIFY(calls.at(1).contains(":80"));
        context.service->stop();
    }

    void endpointUsesTheNodesAddressForNodePort() {
        ReadyServer backend;
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get service *"),
                FakeReply{0, {}, serviceList(backend.serverPort())});
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get nodes *"),
                FakeReply{0, {},
                          R"({"kind":"List","items":[{"kind":"Node","metadata":{"name":"node-1"},
                          "status":{"addresses":[{"type":"Hostname","address":"node-1"},
                          {"type":"InternalIP","address":"127.0.0.1"}]}}]})"});
        RunContext context = clusterContext();
        context.profile.cluster.endpoint = EndpointKind::NodePort;
        EndpointStep step;
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        QCOMPARE(context.endpointUrl.toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(backend.serverPort()));
    }

    void endpointNamesAMissingService() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get service *"),
                FakeReply{0, {}, R"({"kind":"List","items":[]})"});
        RunContext context = clusterContext();
        EndpointStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY(result.reason.contains("no service labelled"));
    }

    void rollbackGoesToThePreviousGoodRevision() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("history *"), QStringLiteral("helm_history.json"));
        fake.on(QStringLiteral("helm"), QStringLiteral("rollback *"),
                FakeReply{0, {}, "Rollback was a success! Happy Helming!\n"});
        fake.on(QStringLiteral("helm"), QStringLiteral("status *"), QStringLiteral("helm_status.json"));
        RunContext context = clusterContext();
        RollbackStep step(false);
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        QCOMPARE(context.rolledBackTo, std::optional<int>(1));
        const auto helm = fake.calls(QStringLiteral("helm"));
        QCOMPARE(helm.size(), 4);
        QCOMPARE(helm.at(1).mid(0, 3), (QStringList{"rollback", "todo-chatbot", "1"}));
        for (const QStringList& argv : helm) QVERIFY(scopedForHelm(argv));
    }

    void rollbackRefusesWithoutAnEarlierRevision() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("history *"),
                FakeReply{0, {}, R"([{"revision":1,"updated":"2026-11-27T14:20:05Z","status":"deployed","chart":"todo-chatbot-0.1.0","app_version":"0.1.0","description":"Install complete"}])"});
        RunContext context = clusterContext();
        RollbackStep step(false);
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY(result.reason.contains("no earlier deployed revision"));
        QCOMPARE(fake.calls(QStringLiteral("helm")).size(), 1);
    }

    void uninstallIsScoped() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("uninstall *"),
                FakeReply{0, {}, "release \"todo-chatbot\" uninstalled\n"});
        RunContext context = clusterContext();
        UninstallStep step;
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        const QStringList argv = fake.calls(QStringLiteral("helm")).first();
        QCOMPARE(argv.mid(0, 2), (QStringList{"uninstall", "todo-chatbot"}));
        QVERIFY(scopedForHelm(argv));
    }

    void loadUsesKindForAKindContext() {
        FakeTools fake;
        fake.on(QStringLiteral("kind"), QStringLiteral("load docker-image *"),
                FakeReply{0, {}, "Image: \"todo-chatbot:0.1.0-abc1234\" loaded\n"});
        RunContext context = clusterContext();
        context.kubeContext = QStringLiteral("kind-dev");
        LoadStep step;
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        QCOMPARE(fake.calls(QStringLiteral("kind")).first(),
                 (QStringList{"load", "docker-image", "todo-chatbot:0.1.0-abc1234", "--name", "dev"}));
    }

    void buildUsesBuildKitAndNamesTheFailure() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("buildx version"),
                FakeReply{0, {}, "github.com/docker/buildx 0.20.1\n"});
        fake.on(QStringLiteral("docker"), QStringLiteral("build *"),
                FakeReply{1, {}, {}, {}});
        RunContext context = clusterContext();
        ImageSpec spec;
        spec.name = QStringLiteral("todo-chatbot");
        spec.dockerfile = QStringLiteral("/src/chatbot.Dockerfile");
        spec.context = QStringLiteral("/src");
        context.profile.images << spec;
        ImageBuildStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        const auto docker = fake.calls(QStringLiteral("docker"));
        QCOMPARE(docker.size(), 2);
        const QStringList build = docker.at(1);
        QCOMPARE(build.first(), QStringLiteral("build"));
        QVERIFY(build.contains("--progress=plain"));
        QVERIFY(hasPair(build, "-t", "todo-chatbot:0.1.0-abc1234"));
        QVERIFY(hasPair(build, "--build-arg", "REVISION=abc1234"));
        QVERIFY(hasPair(build, "-f", "/src/chatbot.Dockerfile"));
        QCOMPARE(build.last(), QStringLiteral("/src"));
    }

    void buildReadsTheFailedBuildKitStep() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("buildx version"), FakeReply{0});
        fake.on(QStringLiteral("docker"), QStringLiteral("build *"),
                FakeReply{1, FakeTools::data("docker_build_buildkit_failed.txt")});
        RunContext context = clusterContext();
        ImageSpec spec;
        spec.name = QStringLiteral("todo-chatbot");
        spec.dockerfile = QStringLiteral("/src/chatbot.Dockerfile");
        spec.context = QStringLiteral("/src");
        context.profile.images << spec;
        ImageBuildStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.startsWith("docker build failed: "), qPrintable(result.reason));
    }

    void measureSizesEachImage() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("image inspect *"),
                QStringLiteral("docker_image_inspect.json"));
        fake.on(QStringLiteral("docker"), QStringLiteral("history *"),
                QStringLiteral("docker_history.jsonl"));
        RunContext context = clusterContext();
        MeasureStep step;
        QCOMPARE(runStep(step, context).state, StepState::Ok);
        QVERIFY(context.images.first().sizeBytes > 0);
        QVERIFY(!context.images.first().layers.isEmpty());
        QCOMPARE(fake.calls(QStringLiteral("docker")).first(),
                 (QStringList{"image", "inspect", "todo-chatbot:0.1.0-abc1234"}));
    }

    void measureFailsOnAMissingImage() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("image inspect *"),
                FakeReply{1, {}, "[]\n", QStringLiteral("Error: No such image: todo-chatbot:0.1.0-abc1234")});
        RunContext context = clusterContext();
        MeasureStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY(result.reason.contains("No such image"));
        QVERIFY(result.fixHint.contains("build the image first"));
    }

    void aMissingToolFailsWithAnInstallHint() {
        FakeTools fake;
        QFile::remove(fake.bin() + QStringLiteral("/helm"));
        RunContext context = clusterContext();
        StatusStep step;
        const StepResult result = runStep(step, context);
        QCOMPARE(result.state, StepState::Failed);
        QVERIFY2(result.reason.contains("helm not found on PATH"), qPrintable(result.reason));
        QVERIFY(result.fixHint.contains("install helm"));
    }

private:
    static QByteArray readyPodList() {
        const QString pod = QStringLiteral(
            R"({"kind":"Pod","metadata":{"name":"%1","namespace":"helmdeck",
            "creationTimestamp":"2026-11-27T14:20:05Z"},"spec":{"nodeName":"node-1"},
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
            "containerStatuses":[{"name":"api","ready":true,"restartCount":0,
            "state":{"running":{}}}]}})");
        return QStringLiteral(R"({"kind":"List","items":[%1,%2]})")
            .arg(pod.arg(QStringLiteral("todo-chatbot-1")), pod.arg(QStringLiteral("todo-chatbot-2")))
            .toUtf8();
    }
    static QByteArray serviceList(int nodePort) {
        return QStringLiteral(R"({"kind":"List","items":[{"kind":"Service","metadata":{"name":
            "todo-chatbot"},"spec":{"type":"NodePort","ports":[{"name":"http","port":80,
            "targetPort":"http","nodePort":%1}]}}]})")
            .arg(nodePort)
            .toUtf8();
    }
};

QTEST_GUILESS_MAIN(TestClusterSteps)
#include "test_cluster_steps.moc"
