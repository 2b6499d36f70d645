// The typed tool layer: the command lines Helm, Kubectl and Docker build (scope always passed),
// image reference splitting, and the one ImageInspector on the fake-tool tier.

#include <QSignalSpy>
#include <QtTest>

#include "core/image_inspector.hpp"
#include "core/parsers/image_reference.hpp"
#include "core/pod_log_stream.hpp"
#include "core/profile.hpp"
#include "core/tools/docker.hpp"
#include "core/tools/helm.hpp"
#include "core/tools/kubectl.hpp"
#include "fake_tools/fake_tools.hpp"

using namespace helmdeck::core;
using helmdeck::testing::FakeReply;
using helmdeck::testing::FakeTools;
using helmdeck::testing::hasPair;

class TestToolLayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scopeComesFromTheProfileElseThePreflightContext() {
        Profile profile;
        profile.release.namespace_ = QStringLiteral("apps");
        QCOMPARE(KubeScope::of(profile, QStringLiteral("seen")),
                 (KubeScope{QStringLiteral("seen"), QStringLiteral("apps")}));
        profile.cluster.context = QStringLiteral("prod");
        QCOMPARE(KubeScope::of(profile, QStringLiteral("seen")).context, QStringLiteral("prod"));
    }

    void helmAlwaysPassesContextAndNamespace() {
        const Helm helm(KubeScope{QStringLiteral("c1"), QStringLiteral("ns1")});
        const HelmChartValues values{QStringLiteral("rel"), QStringLiteral("/chart"), {}, {}, {}};
        const QList<ToolCommand> commands{helm.status(QStringLiteral("rel")).command,
                                          helm.history(QStringLiteral("rel")).command,
                                          helm.upgradeInstall(values, 300),
                                          helm.renderTemplate(values).command,
                                          helm.renderUpgrade(values).command,
                                          helm.getManifest(QStringLiteral("rel"), 2).command,
                                          helm.getValues(QStringLiteral("rel")).command,
                                          helm.rollback(QStringLiteral("rel"), 1, 300),
                                          helm.uninstall(QStringLiteral("rel"), 300)};
        for (const ToolCommand& command : commands) {
            QCOMPARE(command.program, QStringLiteral("helm"));
            QVERIFY2(hasPair(command.arguments, "--kube-context", "c1"), qPrintable(command.display()));
            QVERIFY2(hasPair(command.arguments, "--namespace", "ns1"), qPrintable(command.display()));
            QVERIFY(command.timeoutMs > 0);
        }
        QVERIFY(hasPair(helm.getManifest(QStringLiteral("rel"), 2).command.arguments, "--revision", "2"));
    }

    void helmLeavesOutAnEmptyContext() {
        const Helm helm(KubeScope{{}, QStringLiteral("ns1")});
        QVERIFY(!helm.status(QStringLiteral("rel")).command.arguments.contains("--kube-context"));
    }

    void kubectlAlwaysPassesContextAndNamespace() {
        const Kubectl kubectl(KubeScope{QStringLiteral("c1"), QStringLiteral("ns1")});
        const QList<ToolCommand> commands{kubectl.pods(QStringLiteral("a=b")).command,
                                          kubectl.deployments(QStringLiteral("a=b")).command,
                                          kubectl.services(QStringLiteral("a=b")).command,
                                          kubectl.nodes().command,
                                          kubectl.getRaw(QStringLiteral("/api/v1/nodes")).command,
                                          kubectl.logs(QStringLiteral("a=b"), 5),
                                          kubectl.followLogs(QStringLiteral("pod-1"), 200),
                                          kubectl.portForward(QStringLiteral("svc/x"), 0, 80)};
        for (const ToolCommand& command : commands) {
            QCOMPARE(command.program, QStringLiteral("kubectl"));
            QVERIFY2(hasPair(command.arguments, "--context", "c1"), qPrintable(command.display()));
            QVERIFY2(hasPair(command.arguments, "--namespace", "ns1"), qPrintable(command.display()));
        }
        QCOMPARE(kubectl.followLogs(QStringLiteral("pod-1"), 200).timeoutMs, 0);  // a stream
    }

    void dockerBuildSpellsEveryArgument() {
        DockerBuild build{{QStringLiteral("/usr/bin/docker"), QStringLiteral("build"),
                           QStringLiteral("--progress=plain")},
                          {{QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("1")}},
                          QStringLiteral("/src/Dockerfile"),
                          QStringLiteral("/src"),
                          QStringLiteral("img:1"),
                          {{QStringLiteral("VERSION"), QStringLiteral("1")}},
                          QStringLiteral("/work")};
        const ToolCommand command = Docker::build(build);
        QCOMPARE(command.program, QStringLiteral("/usr/bin/docker"));
        QCOMPARE(command.arguments,
                 (QStringList{"build", "--progress=plain", "-f", "/src/Dockerfile", "--build-arg",
                              "VERSION=1", "-t", "img:1", "/src"}));
        QCOMPARE(command.environment.value("DOCKER_BUILDKIT"), QStringLiteral("1"));
        QCOMPARE(command.workingDirectory, QStringLiteral("/work"));
    }

    void imageReferences_data() {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::newRow("plain") << "todo-chatbot" << "todo-chatbot" << "todo-chatbot" << "" << "";
        QTest::newRow("tag") << "debian:bookworm-slim" << "debian" << "debian" << "bookworm-slim" << "";
        QTest::newRow("registry port, tag")
            << "host:5000/img:tag" << "host:5000/img" << "img" << "tag" << "";
        QTest::newRow("registry port, no tag")
            << "host:5000/team/img" << "host:5000/team/img" << "img" << "" << "";
        QTest::newRow("digest") << "host:5000/img@sha256:abc" << "host:5000/img" << "img" << ""
                                << "sha256:abc";
        QTest::newRow("tag and digest")
            << "img:1.2@sha256:abc" << "img" << "img" << "1.2" << "sha256:abc";
    }
    void imageReferences() {
        QFETCH(QString, reference);
        const ImageReference parsed = parseImageReference(reference);
        QTEST(parsed.repository, "repository");
        QTEST(parsed.name(), "name");
        QTEST(parsed.tag, "tag");
        QTEST(parsed.digest, "digest");
    }

    void inspectorMeasuresARegistryReferenceAsIs() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("image inspect *"),
                QStringLiteral("docker_image_inspect.json"));
        fake.on(QStringLiteral("docker"), QStringLiteral("history *"),
                QStringLiteral("docker_history.jsonl"));
        ImageInspector inspector;
        QSignalSpy measured(&inspector, &ImageInspector::measured);
        inspector.measure(QStringLiteral("host:5000/img:tag"));
        QVERIFY(measured.wait(10000));
        const auto image = measured.first().first().value<MeasuredImage>();
        QCOMPARE(image.name, QStringLiteral("img"));
        QCOMPARE(image.tag, QStringLiteral("tag"));
        QVERIFY(image.sizeBytes > 0);
        QCOMPARE(fake.calls(QStringLiteral("docker")).first(),
                 (QStringList{"image", "inspect", "host:5000/img:tag"}));
    }

    void inspectorResolvesABareRepositoryToItsNewestTag() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("images *"),
                FakeReply{0, {}, "todo-chatbot:0.1.0-new\ntodo-chatbot:0.1.0-old\n"});
        fake.on(QStringLiteral("docker"), QStringLiteral("image inspect *"),
                QStringLiteral("docker_image_inspect.json"));
        fake.on(QStringLiteral("docker"), QStringLiteral("history *"),
                QStringLiteral("docker_history.jsonl"));
        ImageInspector inspector;
        QSignalSpy measured(&inspector, &ImageInspector::measured);
        QSignalSpy idle(&inspector, &ImageInspector::idle);
        inspector.measure(QStringLiteral("todo-chatbot"));
        QVERIFY(idle.wait(10000));
        QCOMPARE(measured.size(), 1);
        QCOMPARE(measured.first().first().value<MeasuredImage>().reference,
                 QStringLiteral("todo-chatbot:0.1.0-new"));
    }

    void inspectorNamesAnImageThatIsNotThere() {
        FakeTools fake;
        fake.on(QStringLiteral("docker"), QStringLiteral("images *"), FakeReply{0});
        ImageInspector inspector;
        QSignalSpy failed(&inspector, &ImageInspector::failed);
        inspector.measure(QStringLiteral("nothing-here"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().at(1).toString().contains("no local image named nothing-here"));
    }

    void logStreamFollowsInTheScope() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("logs -f *"),
                FakeReply{0, {}, "line one\nline two\n"});
        PodLogStream stream;
        QSignalSpy lines(&stream, &PodLogStream::line);
        QSignalSpy ended(&stream, &PodLogStream::ended);
        stream.follow(Kubectl(KubeScope{QStringLiteral("c1"), QStringLiteral("ns1")}),
                      QStringLiteral("pod-1"));
        QVERIFY(ended.wait(10000));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(ended.first().first().toString(), QString());
        const QStringList argv = fake.calls(QStringLiteral("kubectl")).first();
        QVERIFY(hasPair(argv, "--context", "c1"));
        QVERIFY(hasPair(argv, "--namespace", "ns1"));
        QVERIFY(argv.contains("pod-1"));
    }
};

QTEST_GUILESS_MAIN(TestToolLayer)
#include "test_tool_layer.moc"
