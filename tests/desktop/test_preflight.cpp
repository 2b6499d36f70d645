// Preflight: missing tools (PATH stripped to an empty dir), fake tools that fail in known ways,
// the real tools on this machine, and which tools each target needs.

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/preflight.hpp"

using namespace helmdeck::core;

namespace {

// Replaces PATH and HOME for one test and puts them back afterwards.
class ScopedEnvironment {
public:
    ScopedEnvironment(const QString& path, const QString& home)
        : path_(qgetenv("PATH")), home_(qgetenv("HOME")) {
        qputenv("PATH", path.toLocal8Bit());
        qputenv("HOME", home.toLocal8Bit());
    }
    ~ScopedEnvironment() {
        qputenv("PATH", path_);
        qputenv("HOME", home_);
    }

private:
    QByteArray path_;
    QByteArray home_;
};

bool writeScript(const QString& path, const QByteArray& body) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    file.write("#!/bin/sh\n" + body);
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ExeOwner);
}

PreflightReport runPreflight(const QStringList& tools, QSignalSpy* items = nullptr) {
    Preflight preflight;
    preflight.setTimeoutMs(5000);
    QSignalSpy finished(&preflight, &Preflight::finished);
    std::unique_ptr<QSignalSpy> ownItems;
    if (!items) {
        ownItems = std::make_unique<QSignalSpy>(&preflight, &Preflight::itemReady);
    }
    QObject::connect(&preflight, &Preflight::itemReady, &preflight,
                     [items](const PreflightItem& item) {
                         if (items) items->append({QVariant::fromValue(item)});
                     });
    preflight.run(tools);
    if (!finished.wait(30000)) return {};
    return finished.constFirst().constFirst().value<PreflightReport>();
}

}  // namespace

class TestPreflight : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void missingToolsHaveHints() {
        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        ScopedEnvironment environment(empty.path(), empty.path());
        Preflight preflight;
        QSignalSpy items(&preflight, &Preflight::itemReady);
        QSignalSpy finished(&preflight, &Preflight::finished);
        preflight.run(Preflight::allTools());
        QVERIFY(finished.wait(10000));
        QCOMPARE(items.count(), 7);
        const PreflightReport report = finished.constFirst().constFirst().value<PreflightReport>();
        QCOMPARE(report.items.size(), 7);
        for (int i = 0; i < report.items.size(); ++i) {
            const PreflightItem& item = report.items.at(i);
            QCOMPARE(item.tool, Preflight::allTools().at(i));  // in the order asked
            QVERIFY(!item.found);
            QVERIFY(!item.reachable);
            QVERIFY2(item.problem.contains(item.tool) &&
                         item.problem.contains(QLatin1String("not installed")),
                     qPrintable(item.problem));
            QVERIFY2(!item.fixHint.isEmpty(), qPrintable(item.tool));
        }
        QCOMPARE(report.item(QStringLiteral("docker"))->fixHint,
                 QStringLiteral("Install Docker: sudo apt install docker.io (or run ./dev setup)"));
        QVERIFY(report.item(QStringLiteral("helm"))
                    ->fixHint.startsWith(QLatin1String("Install Helm: ./dev setup")));

        // kubectl-ai is listed, as optional: no target needs it.
        QVERIFY(report.item(QStringLiteral("kubectl-ai"))->fixHint.startsWith(QLatin1String("Optional")));
        QVERIFY(report.problemsFor(Target::Local).isEmpty());
        QCOMPARE(report.problemsFor(Target::Docker).size(), 1);
        QCOMPARE(report.problemsFor(Target::Cluster).size(), 3);
        QCOMPARE(report.problemsFor(Target::Cluster, ImageLoader::Kind).size(), 4);
        QCOMPARE(report.problemsFor(Target::Cluster, ImageLoader::Containerd).size(), 4);
        QVERIFY(report.item(QStringLiteral("ctr"))
                    ->fixHint.startsWith(QLatin1String("Install containerd's ctr: sudo apt install containerd")));
    }

    void helmInGoBinButNotOnPath() {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("go/bin")));
        QVERIFY(writeScript(home.filePath(QStringLiteral("go/bin/helm")), "echo v3.18.6\n"));
        QTemporaryDir empty;
        ScopedEnvironment environment(empty.path(), home.path());
        const PreflightReport report = runPreflight({QStringLiteral("helm")});
        QCOMPARE(report.items.size(), 1);
        QVERIFY2(report.items.first().problem.contains(QLatin1String("not on PATH")),
                 qPrintable(report.items.first().problem));
        QVERIFY(report.items.first().fixHint.contains(QLatin1String("export PATH")));
    }

    void daemonDownAndClusterUnreachable() {
        QTemporaryDir bin;
        QVERIFY(writeScript(
            bin.filePath(QStringLiteral("docker")),
            "case \"$1\" in\n"
            "  version) echo 28.2.2; echo 'Cannot connect to the Docker daemon at "
            "unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1;;\n"
            "  info) echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is "
            "the docker daemon running?' >&2; exit 1;;\n"
            "esac\n"));
        QVERIFY(writeScript(bin.filePath(QStringLiteral("kubectl")),
                            "case \"$*\" in\n"
                            "  'version --client -o json') echo '{\"clientVersion\": "
                            "{\"gitVersion\": \"v1.32.4\"}}';;\n"
                            "  'config current-context') echo minikube;;\n"
                            "  version*) echo '{\"clientVersion\": {\"gitVersion\": \"v1.32.4\"}}';"
                            " echo 'Unable to connect to the server: dial tcp 192.168.49.2:8443: "
                            "connect: no route to host' >&2; exit 1;;\n"
                            "esac\n"));
        QVERIFY(writeScript(bin.filePath(QStringLiteral("helm")), "echo v3.18.6+g1234abc\n"));
        QVERIFY(writeScript(bin.filePath(QStringLiteral("minikube")), "echo v1.33.1\n"));
        ScopedEnvironment environment(bin.path(), bin.path());

        const PreflightReport report =
            runPreflight({QStringLiteral("docker"), QStringLiteral("helm"),
                          QStringLiteral("kubectl"), QStringLiteral("minikube")});
        QCOMPARE(report.items.size(), 4);
        const PreflightItem* docker = report.item(QStringLiteral("docker"));
        QVERIFY(docker->found);
        QCOMPARE(docker->version, QStringLiteral("28.2.2"));
        QVERIFY(!docker->reachable);
        QVERIFY2(docker->problem.contains(QLatin1String("not reachable")),
                 qPrintable(docker->problem));
        QCOMPARE(docker->fixHint,
                 QStringLiteral("Start Docker: sudo systemctl start docker (or run ./dev setup)"));

        const PreflightItem* helm = report.item(QStringLiteral("helm"));
        QVERIFY(helm->ok());
        QCOMPARE(helm->version, QStringLiteral("v3.18.6"));

        const PreflightItem* kubectl = report.item(QStringLiteral("kubectl"));
        QVERIFY(kubectl->found);
        QCOMPARE(kubectl->version, QStringLiteral("v1.32.4"));
        QVERIFY(!kubectl->reachable);
        QVERIFY2(kubectl->problem.contains(QLatin1String("\"minikube\"")),
                 qPrintable(kubectl->problem));
        QVERIFY2(kubectl->problem.contains(QLatin1String("no route to host")),
                 qPrintable(kubectl->problem));
        QCOMPARE(kubectl->fixHint, QStringLiteral("Start it: minikube start"));
        QCOMPARE(report.kubeContext, QStringLiteral("minikube"));

        QVERIFY(report.item(QStringLiteral("minikube"))->ok());
        // The minikube context makes minikube a cluster requirement; it is fine, docker and kubectl
        // are not.
        QCOMPARE(PreflightReport::toolsFor(Target::Cluster, ImageLoader::Auto, report.kubeContext),
                 (QStringList{QStringLiteral("docker"), QStringLiteral("helm"),
                              QStringLiteral("kubectl"), QStringLiteral("minikube")}));
        QCOMPARE(report.problemsFor(Target::Cluster).size(), 2);
    }

    void toolsForTargets_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("loader");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QStringList>("tools");
        const QStringList cluster{QStringLiteral("docker"), QStringLiteral("helm"),
                                  QStringLiteral("kubectl")};
        QTest::newRow("local") << int(Target::Local) << int(ImageLoader::Auto) << ""
                               << QStringList();
        QTest::newRow("docker") << int(Target::Docker) << int(ImageLoader::Auto) << ""
                                << QStringList{QStringLiteral("docker")};
        QTest::newRow("cluster, other context")
            << int(Target::Cluster) << int(ImageLoader::Auto) << "prod-east" << cluster;
        QTest::newRow("cluster, kind context")
            << int(Target::Cluster) << int(ImageLoader::Auto) << "kind-helmdeck"
            << cluster + QStringList{QStringLiteral("kind")};
        QTest::newRow("cluster, minikube loader")
            << int(Target::Cluster) << int(ImageLoader::Minikube) << ""
            << cluster + QStringList{QStringLiteral("minikube")};
        QTest::newRow("cluster, the local test cluster's context")
            << int(Target::Cluster) << int(ImageLoader::Auto) << "helmdeck-test"
            << cluster + QStringList{QStringLiteral("ctr")};
        QTest::newRow("cluster, containerd loader")
            << int(Target::Cluster) << int(ImageLoader::Containerd) << "prod-east"
            << cluster + QStringList{QStringLiteral("ctr")};
        QTest::newRow("cluster, no loader")
            << int(Target::Cluster) << int(ImageLoader::None) << "minikube" << cluster;
    }
    void toolsForTargets() {
        QFETCH(int, target);
        QFETCH(int, loader);
        QFETCH(QString, context);
        QFETCH(QStringList, tools);
        QCOMPARE(PreflightReport::toolsFor(Target(target), ImageLoader(loader), context), tools);
    }

    void realToolsOnThisMachine() {
        // Whatever is installed here must be reported consistently, with no crash and no hang.
        const PreflightReport report = runPreflight(Preflight::allTools());
        QCOMPARE(report.items.size(), 7);
        for (const PreflightItem& item : report.items) {
            qInfo().noquote() << item.tool
                              << (item.found ? item.version : QStringLiteral("missing"))
                              << item.detail << item.problem;
            QCOMPARE(item.found, !QStandardPaths::findExecutable(item.tool).isEmpty());
            if (item.found && item.tool != QLatin1String("kubectl") &&
                item.tool != QLatin1String("docker"))
                QVERIFY2(!item.version.isEmpty() || !item.problem.isEmpty(), qPrintable(item.tool));
            if (!item.ok())
                QVERIFY2(!item.fixHint.isEmpty(),
                         qPrintable(item.tool + QStringLiteral(": ") + item.problem));
        }
    }

    void unknownToolIsReported() {
        const PreflightReport report = runPreflight({QStringLiteral("podman")});
        QCOMPARE(report.items.size(), 1);
        QVERIFY(report.items.first().problem.contains(QLatin1String("unknown tool")));
    }
};

QTEST_GUILESS_MAIN(TestPreflight)
#include "test_preflight.moc"
