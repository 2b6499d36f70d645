// kubectl get pods / deployment JSON (API-server format; see data/README.md for provenance).

#include <QFile>
#include <QtTest>

#include "core/parsers/kubectl_parser.hpp"
#include "core/parsers/rfc3339.hpp"

using namespace helmdeck::core;

namespace {

QByteArray readData(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestKubectlParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pods_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("ready");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("restarts");
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("age");
        QTest::addColumn<bool>("podReady");
        QTest::newRow("running") << 0 << "todo-chatbot-7d9c5b6f4d-4xk2p"
                                 << "1/1"
                                 << "Running" << 0 << "minikube"
                                 << "10m" << true;
        QTest::newRow("crash loop") << 1 << "todo-chatbot-7d9c5b6f4d-9qwmz"
                                    << "0/1"
                                    << "CrashLoopBackOff" << 5 << "minikube"
                                    << "10m" << false;
        // Unscheduled: no node and no startTime, so the age comes from creationTimestamp.
        QTest::newRow("pending") << 2 << "todo-chatbot-7d9c5b6f4d-zt8hn"
                                 << "0/1"
                                 << "Pending" << 0 << ""
                                 << "3m11s" << false;
    }
    void pods() {
        QFETCH(int, row);
        QFETCH(QString, name);
        QFETCH(QString, ready);
        QFETCH(QString, status);
        QFETCH(int, restarts);
        QFETCH(QString, node);
        QFETCH(QString, age);
        QFETCH(bool, podReady);
        QString error;
        const auto pods =
            parseKubectlPods(readData(QFINDTESTDATA("data/kubectl_pods.json")), &error);
        QVERIFY2(pods, qPrintable(error));
        QCOMPARE(pods->size(), 3);
        const PodInfo& pod = pods->at(row);
        QCOMPARE(pod.name, name);
        QCOMPARE(pod.namespace_, QStringLiteral("helmdeck"));
        QCOMPARE(pod.readyText(), ready);
        QCOMPARE(pod.status, status);
        QCOMPARE(pod.restarts, restarts);
        QCOMPARE(pod.node, node);
        QCOMPARE(pod.ready, podReady);
        const QDateTime now(QDate(2026, 11, 27), QTime(14, 12, 41), Qt::UTC);
        QCOMPARE(pod.age(now), age);
    }

    void singlePodObject() {
        const QByteArray list = readData(QFINDTESTDATA("data/kubectl_pods.json"));
        const QJsonObject first = QJsonDocument::fromJson(list)
                                      .object()
                                      .value(QLatin1String("items"))
                                      .toArray()
                                      .first()
                                      .toObject();
        const auto pods = parseKubectlPods(QJsonDocument(first).toJson());
        QVERIFY(pods);
        QCOMPARE(pods->size(), 1);
        QCOMPARE(pods->first().phase, QStringLiteral("Running"));
    }

    void deployments_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("rolledOut");
        QTest::addColumn<int>("updated");
        QTest::addColumn<bool>("deadlineExceeded");
        QTest::newRow("rolled out") << "kubectl_deployment_rolled_out.json" << true << 2 << false;
        QTest::newRow("progressing")
            << "kubectl_deployment_progressing.json" << false << 1 << false;
        QTest::newRow("stuck (List)") << "kubectl_deployment_stuck.json" << false << 1 << true;
    }
    void deployments() {
        QFETCH(QString, file);
        QFETCH(bool, rolledOut);
        QFETCH(int, updated);
        QFETCH(bool, deadlineExceeded);
        QString error;
        const auto deployments = parseKubectlDeployments(
            readData(QFINDTESTDATA(QStringLiteral("data/") + file)), &error);
        QVERIFY2(deployments, qPrintable(error));
        QCOMPARE(deployments->size(), 1);
        const DeploymentStatus& deployment = deployments->first();
        QCOMPARE(deployment.name, QStringLiteral("todo-chatbot"));
        QCOMPARE(deployment.desiredReplicas, 2);
        QCOMPARE(deployment.updatedReplicas, updated);
        QCOMPARE(deployment.rolledOut(), rolledOut);
        QCOMPARE(deployment.progressDeadlineExceeded, deadlineExceeded);
        QVERIFY(deployment.observedGeneration >= deployment.generation);
        QVERIFY(!deployment.message.isEmpty());
    }

    void staleGenerationIsNotRolledOut() {
        DeploymentStatus status;
        status.desiredReplicas = status.replicas = status.updatedReplicas =
            status.availableReplicas = 1;
        status.generation = 4;
        status.observedGeneration = 3;
        QVERIFY(!status.rolledOut());
        status.observedGeneration = 4;
        QVERIFY(status.rolledOut());
    }

    void wrongKindIsAnError() {
        QString error;
        QVERIFY(!parseKubectlPods(
            readData(QFINDTESTDATA("data/kubectl_deployment_rolled_out.json")), &error));
        QVERIFY2(error.contains(QLatin1String("Deployment")), qPrintable(error));
        QVERIFY(
            !parseKubectlPods("error: You must be logged in to the server (Unauthorized)", &error));
    }

    void ages_data() {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(45) << "45s";
        QTest::newRow("minutes and seconds") << qint64(191) << "3m11s";
        QTest::newRow("whole minutes") << qint64(600) << "10m";
        QTest::newRow("hours and minutes") << qint64(3 * 3600 + 5 * 60) << "3h5m";
        QTest::newRow("hours") << qint64(20 * 3600) << "20h";
        QTest::newRow("days and hours") << qint64(2 * 86400 + 4 * 3600) << "2d4h";
        QTest::newRow("days") << qint64(30 * 86400) << "30d";
    }
    void ages() {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(formatAge(seconds), text);
    }

    void goTimestamps_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime base(QDate(2026, 11, 27), QTime(13, 20, 5), Qt::UTC);
        QTest::newRow("Z") << "2026-11-27T13:20:05Z" << base;
        QTest::newRow("nanoseconds") << "2026-11-27T13:20:05.487321870Z" << base.addMSecs(487);
        QTest::newRow("offset") << "2026-11-27T14:20:05.4+01:00" << base.addMSecs(400);
        QTest::newRow("garbage") << "yesterday" << QDateTime();
    }
    void goTimestamps() {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(parseRfc3339(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestKubectlParser)
#include "test_kubectl_parser.moc"
