// Profile loading: the repo's helmdeck.yaml, defaults, path resolution, and every error
// naming file:line:column and the key.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/profile.hpp"

using namespace helmdeck::core;

namespace {

QString writeProfile(const QTemporaryDir& dir, const QByteArray& text,
                     const QString& name = QStringLiteral("helmdeck.yaml")) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
    file.write(text);
    return path;
}

}  // namespace

class TestProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void repositoryProfileLoads() {
        const QString path = QStringLiteral(HELMDECK_SOURCE_DIR "/helmdeck.yaml");
        const Profile profile = loadProfile(path);
        const QString root = QStringLiteral(HELMDECK_SOURCE_DIR);
        QCOMPARE(profile.images.size(), 2);
        QCOMPARE(profile.images[0].name, QStringLiteral("todo-chatbot"));
        QVERIFY(profile.images[0].valuesKey.isEmpty());  // the first image: the chart's image.*
        QCOMPARE(profile.images[1].name, QStringLiteral("todo-web"));
        QCOMPARE(profile.images[1].dockerfile, root + QStringLiteral("/dockerfiles/web.Dockerfile"));
        QCOMPARE(profile.images[1].valuesKey, QStringLiteral("web.image"));
        QVERIFY(QFile::exists(profile.images[1].dockerfile));
        QCOMPARE(profile.images[0].dockerfile,
                 root + QStringLiteral("/dockerfiles/chatbot.Dockerfile"));
        QCOMPARE(profile.images[0].context, root);
        QVERIFY(QFile::exists(profile.images[0].dockerfile));
        QCOMPARE(profile.release.name, QStringLiteral("todo-chatbot"));
        QCOMPARE(profile.release.namespace_, QStringLiteral("helmdeck"));
        QCOMPARE(profile.release.chart, root + QStringLiteral("/helm/todo-chatbot"));
        QCOMPARE(profile.release.valuesFiles,
                 QStringList{root + QStringLiteral("/helm/todo-chatbot/values-minikube.yaml")});
        for (const QString& file : profile.release.valuesFiles)
            QVERIFY2(QFile::exists(file), qPrintable(file));
        QCOMPARE(profile.cluster.imageLoader, ImageLoader::Auto);
        QCOMPARE(profile.cluster.endpoint, EndpointKind::PortForward);
        QCOMPARE(profile.slo.latencyP95Ms, 2000.0);
        QCOMPARE(profile.slo.imageSizeMb, 500.0);
        QCOMPARE(profile.probe.rateHz, 10.0);
        QCOMPARE(profile.probe.durationS, 10.0);
        QCOMPARE(profile.probe.paths, QStringList{QStringLiteral("/api/health")});
        QCOMPARE(profile.target, Target::Local);
        QCOMPARE(profile.sourcePath, QFileInfo(path).absoluteFilePath());
    }

    void defaultsMatchTheDocumentedValues() {
        const Profile profile = defaultProfile();
        QVERIFY(profile.images.isEmpty());
        QCOMPARE(profile.target, Target::Local);
        QCOMPARE(profile.slo.latencyP95Ms, 2000.0);
        QCOMPARE(profile.slo.imageSizeMb, 500.0);
        QCOMPARE(profile.probe.rateHz, 10.0);
        QCOMPARE(profile.probe.durationS, 10.0);
        QCOMPARE(profile.probe.timeoutMs, 2000);
        QCOMPARE(profile.probe.paths, QStringList{QStringLiteral("/api/health")});
        QVERIFY(profile.probe.chat);
    }

    void emptyFileMeansDefaults() {
        QTemporaryDir dir;
        const Profile profile = loadProfile(writeProfile(dir, "# nothing yet\n"));
        QCOMPARE(profile.slo, defaultProfile().slo);
        QCOMPARE(profile.probe, defaultProfile().probe);
    }

    void relativePathsResolveAgainstTheProfileFolder() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("conf/charts/app")));
        const QString path = writeProfile(
            dir,
            "images:\n"
            "  - name: web\n"
            "    context: ../src\n"
            "  - name: worker\n"
            "    dockerfile: worker.Dockerfile\n"
            "    tag: \"{version}-{git}\"\n"
            "    valuesKey: worker.image\n"
            "release:\n"
            "  chart: charts/app\n"
            "  valuesFiles: [values.yaml]\n"
            "  set: {replicaCount: \"3\", image.pullPolicy: Never}\n"
            "cluster: {endpoint: url, url: \"http://127.0.0.1:9000\", imageLoader: kind}\n"
            "target: cluster\n",
            QStringLiteral("conf/helmdeck.yaml"));
        const Profile profile = loadProfile(path);
        const QString conf = dir.filePath(QStringLiteral("conf"));
        QCOMPARE(profile.images.size(), 2);
        QCOMPARE(profile.images[0].context, dir.filePath(QStringLiteral("src")));
        QCOMPARE(profile.images[0].dockerfile, dir.filePath(QStringLiteral("src/Dockerfile")));
        QCOMPARE(profile.images[0].tag, QStringLiteral("{git}"));
        QCOMPARE(profile.images[1].context, conf);
        QCOMPARE(profile.images[1].dockerfile, conf + QStringLiteral("/worker.Dockerfile"));
        QCOMPARE(profile.images[1].tag, QStringLiteral("{version}-{git}"));
        QVERIFY(profile.images[0].valuesKey.isEmpty());
        QCOMPARE(profile.images[1].valuesKey, QStringLiteral("worker.image"));
        QCOMPARE(profile.release.chart, conf + QStringLiteral("/charts/app"));
        QCOMPARE(profile.release.valuesFiles, QStringList{conf + QStringLiteral("/values.yaml")});
        QCOMPARE(profile.release.set.value(QStringLiteral("replicaCount")), QStringLiteral("3"));
        QCOMPARE(profile.release.set.value(QStringLiteral("image.pullPolicy")),
                 QStringLiteral("Never"));
        QCOMPARE(profile.cluster.endpoint, EndpointKind::Url);
        QCOMPARE(profile.cluster.url, QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(profile.cluster.imageLoader, ImageLoader::Kind);
        QCOMPARE(profile.target, Target::Cluster);
    }

    void chartReferenceStaysAsWritten() {
        QTemporaryDir dir;
        const Profile profile =
            loadProfile(writeProfile(dir, "release:\n  chart: bitnami/nginx\n"));
        QCOMPARE(profile.release.chart, QStringLiteral("bitnami/nginx"));
    }

    void zeroBudgetIsAllowed() {
        QTemporaryDir dir;
        const Profile profile = loadProfile(writeProfile(dir, "slo:\n  latencyP95Ms: 0\n"));
        QCOMPARE(profile.slo.latencyP95Ms, 0.0);
    }

    void opsKeysLoad() {
        QTemporaryDir dir;
        const Profile profile = loadProfile(writeProfile(
            dir, "ops:\n  readOnly: true\n  llm:\n    baseUrl: http://127.0.0.1:11434/v1\n"
                 "    model: qwen2.5\n    apiKeyEnv: OPS_KEY\n"));
        QVERIFY(profile.ops.readOnly);
        QCOMPARE(profile.ops.llm.baseUrl, QStringLiteral("http://127.0.0.1:11434/v1"));
        QCOMPARE(profile.ops.llm.model, QStringLiteral("qwen2.5"));
        QCOMPARE(profile.ops.llm.apiKeyEnv, QStringLiteral("OPS_KEY"));
        QVERIFY(profile.ops.llm.enabled());
        QVERIFY(!defaultProfile().ops.readOnly);
        QVERIFY(!defaultProfile().ops.llm.enabled());
    }

    void errorsNameFileLineColumnAndKey_data() {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");

        QTest::newRow("bad type") << QByteArray("slo:\n  latencyP95Ms: fast\n") << 2 << 17
                                  << "slo.latencyP95Ms"
                                  << "expected a number, got \"fast\"";
        QTest::newRow("unknown top-level key")
            << QByteArray("slo:\n  latencyP95Ms: 100\nprobes:\n  rateHz: 1\n") << 3 << 1 << "probes"
            << "unknown key";
        QTest::newRow("unknown nested key") << QByteArray("probe:\n  rateHz: 5\n  durationSec: 3\n")
                                            << 3 << 3 << "probe.durationSec"
                                            << "unknown key";
        QTest::newRow("bad enum") << QByteArray("cluster:\n  imageLoader: podman\n") << 2 << 16
                                  << "cluster.imageLoader"
                                  << "expected one of auto|minikube|kind|containerd|none, got \"podman\"";
        QTest::newRow("bad target") << QByteArray("target: staging\n") << 1 << 9 << "target"
                                    << "expected one of local|docker|cluster";
        QTest::newRow("ops readOnly not a bool")
            << QByteArray("ops:\n  readOnly: maybe\n") << 2 << 13 << "ops.readOnly"
            << "expected true or false, got \"maybe\"";
        QTest::newRow("ops llm without model")
            << QByteArray("ops:\n  llm:\n    baseUrl: http://127.0.0.1:1/v1\n") << 3 << 5 << "ops.llm.model"
            << "is required";
        QTest::newRow("ops llm bad url")
            << QByteArray("ops:\n  llm:\n    baseUrl: localhost\n    model: m\n") << 3 << 14 << "ops.llm.baseUrl"
            << "expected an http:// or https:// URL";
        QTest::newRow("ops unknown key")
            << QByteArray("ops:\n  readonly: true\n") << 2 << 3 << "ops.readonly"
            << "unknown key (expected one of: llm, readOnly)";
        QTest::newRow("bad endpoint")
            << QByteArray("cluster:\n  endpoint: ingress\n") << 2 << 13 << "cluster.endpoint"
            << "expected one of port-forward|nodeport|url";
        QTest::newRow("bad YAML syntax")
            << QByteArray("slo:\n  latencyP95Ms: [1, 2\nprobe: {}\n") << 3 << 6 << ""
            << "invalid YAML";
        QTest::newRow("tab indentation") << QByteArray("slo:\n\tlatencyP95Ms: 1\n") << 2 << 14 << ""
                                         << "invalid YAML";
        QTest::newRow("images not a list")
            << QByteArray("images:\n  name: web\n") << 2 << 3 << "images"
            << "expected a list, got a map";
        QTest::newRow("image without name")
            << QByteArray("images:\n  - dockerfile: x.Dockerfile\n") << 2 << 5 << "images[0].name"
            << "is required";
        QTest::newRow("bad image name")
            << QByteArray("images:\n  - name: Web App\n") << 2 << 11 << "images[0].name"
            << "not a valid image repository name";
        QTest::newRow("bad tag template")
            << QByteArray("images:\n  - name: web\n    tag: \"{branch}\"\n") << 3 << 10
            << "images[0].tag"
            << "expected a tag template";
        QTest::newRow("bad values key")
            << QByteArray("images:\n  - name: web\n    valuesKey: \"web image\"\n") << 3 << 16
            << "images[0].valuesKey"
            << "expected a dotted chart values key";
        QTest::newRow("duplicate image")
            << QByteArray("images:\n  - name: web\n  - name: web\n") << 3 << 11 << "images[1].name"
            << "duplicate image name";
        QTest::newRow("negative rate")
            << QByteArray("probe:\n  rateHz: -1\n") << 2 << 11 << "probe.rateHz"
            << "must be greater than 0";
        QTest::newRow("negative budget")
            << QByteArray("slo:\n  imageSizeMb: -5\n") << 2 << 16 << "slo.imageSizeMb"
            << "must be at least 0";
        QTest::newRow("path without slash")
            << QByteArray("probe:\n  paths: [/api/health, metrics]\n") << 2 << 24
            << "probe.paths[1]"
            << "expected a path starting with /";
        QTest::newRow("bad boolean")
            << QByteArray("probe:\n  chat: maybe\n") << 2 << 9 << "probe.chat"
            << "expected true or false, got \"maybe\"";
        QTest::newRow("url endpoint without url")
            << QByteArray("cluster:\n  endpoint: url\n") << 2 << 13 << "cluster.url"
            << "is required when endpoint is url";
        QTest::newRow("values files not a list")
            << QByteArray("release:\n  valuesFiles: values.yaml\n") << 2 << 16
            << "release.valuesFiles"
            << "expected a list, got \"values.yaml\"";
        QTest::newRow("set not a map")
            << QByteArray("release:\n  set: [a]\n") << 2 << 8 << "release.set"
            << "expected a map, got a list";
        QTest::newRow("section not a map") << QByteArray("slo: 2000\n") << 1 << 6 << "slo"
                                           << "expected a map, got \"2000\"";
        QTest::newRow("top level not a map") << QByteArray("- a\n- b\n") << 1 << 1 << ""
                                             << "expected a map, got a list";
        QTest::newRow("duplicate key") << QByteArray("slo:\n  imageSizeMb: 1\n  imageSizeMb: 2\n")
                                       << 3 << 3 << "slo.imageSizeMb"
                                       << "duplicate key";
        QTest::newRow("unknown version") << QByteArray("version: 2\n") << 1 << 10 << "version"
                                         << "only version 1 is known";
    }
    void errorsNameFileLineColumnAndKey() {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, key);
        QFETCH(QString, message);

        QTemporaryDir dir;
        const QString path = writeProfile(dir, yaml);
        try {
            loadProfile(path);
            QFAIL("loadProfile accepted a bad profile");
        } catch (const ProfileError& error) {
            const QString text = error.toString();
            QCOMPARE(error.file(), path);
            QCOMPARE(error.keyPath(), key);
            QVERIFY2(error.message().contains(message), qPrintable(text));
            QCOMPARE(error.line(), line);
            QCOMPARE(error.column(), column);
            const QString prefix = QStringLiteral("%1:%2:%3: ").arg(path).arg(line).arg(column);
            QVERIFY2(
                text.startsWith(prefix + (key.isEmpty() ? QString() : key + QStringLiteral(": "))),
                qPrintable(text));
        }
    }

    void errorTextReadsLikeACompilerMessage() {
        QTemporaryDir dir;
        writeProfile(dir, "slo:\n  latencyP95Ms: fast\n");
        const QString previous = QDir::currentPath();
        QDir::setCurrent(dir.path());
        QString text;
        try {
            loadProfile(QStringLiteral("helmdeck.yaml"));
        } catch (const ProfileError& error) {
            text = error.toString();
        }
        QDir::setCurrent(previous);
        QCOMPARE(text,
                 QStringLiteral(
                     "helmdeck.yaml:2:17: slo.latencyP95Ms: expected a number, got \"fast\""));
    }

    void missingFileIsAnError() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.yaml"));
        try {
            loadProfile(path);
            QFAIL("loaded a missing file");
        } catch (const ProfileError& error) {
            QCOMPARE(error.file(), path);
            QCOMPARE(error.line(), 0);
            QVERIFY2(error.toString().startsWith(path + QStringLiteral(": cannot read")),
                     qPrintable(error.toString()));
        }
    }

    void targetNamesRoundTrip() {
        for (Target target : {Target::Local, Target::Docker, Target::Cluster}) {
            Target parsed = Target::Local;
            QVERIFY(parseTarget(nameOf(target), &parsed));
            QCOMPARE(parsed, target);
        }
        Target unused;
        QVERIFY(!parseTarget(QStringLiteral("staging"), &unused));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "test_profile.moc"
