// Tool version outputs (docker, helm, kubectl recorded here; minikube and kind hand-written).

#include <QFile>
#include <QtTest>

#include "core/parsers/tool_version_parser.hpp"

using namespace helmdeck::core;

namespace {

QString readText(const QString& name) {
    QFile file(QFINDTESTDATA(QStringLiteral("data/") + name));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestToolVersionParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versions_data() {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::newRow("docker 28") << "docker"
                                   << "docker_version_client.txt"
                                   << "28.2.2";
        QTest::newRow("docker debian") << "docker"
                                       << "docker_version_client_debian.txt"
                                       << "20.10.24";
        QTest::newRow("docker engine") << "docker"
                                       << "docker_info_server_version.txt"
                                       << "20.10.24";
        QTest::newRow("helm") << "helm"
                              << "helm_version_short.txt"
                              << "v3.18.6";
        QTest::newRow("helm release build") << "helm"
                                            << "helm_version_short_release.txt"
                                            << "v3.18.6";
        QTest::newRow("minikube --short") << "minikube"
                                          << "minikube_version_short.txt"
                                          << "v1.33.1";
        QTest::newRow("minikube") << "minikube"
                                  << "minikube_version.txt"
                                  << "v1.33.1";
        QTest::newRow("kind") << "kind"
                              << "kind_version.txt"
                              << "v0.23.0";
        QTest::newRow("ctr (Debian's containerd)") << "ctr"
                                                   << "ctr_version.txt"
                                                   << "1.6.20~ds1";
    }
    void versions() {
        QFETCH(QString, tool);
        QFETCH(QString, file);
        QFETCH(QString, version);
        const QString text = readText(file);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        QString parsed;
        if (tool == QLatin1String("docker"))
            parsed = parseDockerVersion(text);
        else if (tool == QLatin1String("helm"))
            parsed = parseHelmVersion(text);
        else if (tool == QLatin1String("minikube"))
            parsed = parseMinikubeVersion(text);
        else if (tool == QLatin1String("ctr"))
            parsed = parseCtrVersion(text);
        else
            parsed = parseKindVersion(text);
        QCOMPARE(parsed, version);
    }

    void kubectl_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("server");
        QTest::newRow("client only") << "kubectl_version_client.json"
                                     << "v1.32.4-dispatcher"
                                     << "";
        QTest::newRow("server unreachable") << "kubectl_version_unreachable.json"
                                            << "v1.32.4-dispatcher"
                                            << "";
    }
    void kubectl() {
        QFETCH(QString, file);
        QFETCH(QString, client);
        QFETCH(QString, server);
        const KubectlVersion version = parseKubectlVersion(readText(file).toUtf8());
        QCOMPARE(version.client, client);
        QCOMPARE(version.server, server);
    }

    void kubectlWithServerAndTrailingWarning() {
        const QByteArray output =
            "{\n  \"clientVersion\": {\"gitVersion\": \"v1.32.4\"},\n  \"serverVersion\": "
            "{\"gitVersion\": \"v1.30.0\"}\n}\n"
            "WARNING: version difference between client (1.32) and server (1.30) exceeds the "
            "supported minor version skew of +/-1\n";
        const KubectlVersion version = parseKubectlVersion(output);
        QCOMPARE(version.client, QStringLiteral("v1.32.4"));
        QCOMPARE(version.server, QStringLiteral("v1.30.0"));
    }

    void garbageGivesNothing() {
        QVERIFY(
            parseDockerVersion(QStringLiteral("Cannot connect to the Docker daemon")).isEmpty());
        QVERIFY(parseKubectlVersion("error: unknown flag").client.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestToolVersionParser)
#include "test_tool_version_parser.moc"
