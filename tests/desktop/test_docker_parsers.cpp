// docker build progress, image inspect and history parsers, fed real recorded output.

#include <QFile>
#include <QSignalSpy>
#include <QtTest>

#include "core/parsers/docker_build_parser.hpp"
#include "core/parsers/docker_image_parser.hpp"

using namespace helmdeck::core;

namespace {

QByteArray readData(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestDockerParsers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void buildProgress_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("started");
        QTest::addColumn<int>("cached");
        QTest::addColumn<int>("completed");
        QTest::addColumn<int>("total");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<QString>("imageId");
        QTest::addColumn<QString>("error");

        // BuildKit via the engine's built-in frontend (docker.io 20.10 client, --progress=plain).
        QTest::newRow("buildkit fresh")
            << "docker_build_buildkit_fresh.txt" << 4 << 1 << 4 << 4 << 1.0
            << "sha256:a850860da5c63abfac301e17db9e80afeb41b19d32b4f7ef75c316d908112829"
            << "";
        QTest::newRow("buildkit cached")
            << "docker_build_buildkit_cached.txt" << 4 << 3 << 4 << 4 << 1.0
            << "sha256:a850860da5c63abfac301e17db9e80afeb41b19d32b4f7ef75c316d908112829"
            << "";
        QTest::newRow("buildkit failed")
            << "docker_build_buildkit_failed.txt" << 3 << 1 << 2 << 3 << 2.0 / 3 << ""
            << "executor failed running [/bin/sh -c echo \"about to fail\" && exit 3]: exit code: "
               "3";
        // The legacy builder (DOCKER_BUILDKIT=0, docker 28 client).
        QTest::newRow("legacy fresh")
            << "docker_build_legacy_fresh.txt" << 6 << 0 << 6 << 6 << 1.0 << "26798f1a350f"
            << "";
        QTest::newRow("legacy cached")
            << "docker_build_legacy_cached.txt" << 6 << 5 << 6 << 6 << 1.0 << "26798f1a350f"
            << "";
        QTest::newRow("legacy failed")
            << "docker_build_legacy_failed.txt" << 3 << 0 << 2 << 4 << 0.5 << ""
            << "The command '/bin/sh -c echo \"about to fail\" && exit 3' returned a non-zero "
               "code: 3";
    }
    void buildProgress() {
        QFETCH(QString, file);
        QFETCH(int, started);
        QFETCH(int, cached);
        QFETCH(int, completed);
        QFETCH(int, total);
        QFETCH(double, fraction);
        QFETCH(QString, imageId);
        QFETCH(QString, error);

        const QString path = QFINDTESTDATA(QStringLiteral("data/") + file);
        QVERIFY2(!path.isEmpty(), qPrintable(file));
        DockerBuildParser parser;
        QSignalSpy startedSpy(&parser, &DockerBuildParser::stepStarted);
        QSignalSpy cachedSpy(&parser, &DockerBuildParser::stepCached);
        QSignalSpy progressSpy(&parser, &DockerBuildParser::progress);
        QSignalSpy imageSpy(&parser, &DockerBuildParser::imageWritten);
        QSignalSpy errorSpy(&parser, &DockerBuildParser::errorReported);

        double lastFraction = 0;
        bool monotonic = true;
        connect(&parser, &DockerBuildParser::progress, this, [&](double value) {
            monotonic = monotonic && value >= lastFraction;
            lastFraction = value;
        });
        for (const QByteArray& line : readData(path).split('\n'))
            parser.parseLine(QString::fromUtf8(line));

        QCOMPARE(startedSpy.count(), started);
        QCOMPARE(cachedSpy.count(), cached);
        QCOMPARE(parser.completedSteps(), completed);
        QCOMPARE(parser.cachedSteps(), cached);
        QCOMPARE(parser.totalSteps(), total);
        QCOMPARE(parser.fraction(), fraction);
        QCOMPARE(lastFraction, fraction);
        QVERIFY(monotonic);
        // One progress signal per step start, per step end, and one for the written image.
        QCOMPARE(progressSpy.count(), started + completed + (imageId.isEmpty() ? 0 : 1));
        QCOMPARE(parser.imageId(), imageId);
        QCOMPARE(imageSpy.count(), imageId.isEmpty() ? 0 : 1);
        QCOMPARE(parser.errorText(), error);
        QCOMPARE(errorSpy.count(), error.isEmpty() ? 0 : 1);
    }

    void buildKitStepsCarryTheirText() {
        DockerBuildParser parser;
        QSignalSpy startedSpy(&parser, &DockerBuildParser::stepStarted);
        for (const QByteArray& line :
             readData(QFINDTESTDATA("data/docker_build_buildkit_fresh.txt")).split('\n'))
            parser.parseLine(QString::fromUtf8(line));
        const BuildStep second = startedSpy.at(1).constFirst().value<BuildStep>();
        QCOMPARE(second.index, 2);
        QCOMPARE(second.total, 4);
        QCOMPARE(second.text,
                 QStringLiteral("RUN echo hello > /hello.txt && echo \"built hello\""));
        QVERIFY(second.stage.isEmpty());
    }

    void multiStageBuildSumsTheStages() {
        DockerBuildParser parser;
        for (const char* line :
             {"#4 [builder 1/3] FROM docker.io/library/debian:bookworm-slim", "#4 CACHED",
              "#5 [builder 2/3] RUN apt-get update", "#6 [stage-1 1/2] COPY --from=builder /out /",
              "#5 DONE 12.1s", "#5 [builder 2/3] RUN apt-get update"})
            parser.parseLine(QString::fromLatin1(line));
        QCOMPARE(parser.totalSteps(), 5);
        QCOMPARE(parser.completedSteps(), 2);
        QCOMPARE(parser.fraction(), 0.4);
        QCOMPARE(parser.currentStepText(), QStringLiteral("[builder 2/3] RUN apt-get update"));
    }

    void imageInspect_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QDateTime>("created");
        QTest::newRow("docker 28 client")
            << "docker_image_inspect.json"
            << "sha256:a850860da5c63abfac301e17db9e80afeb41b19d32b4f7ef75c316d908112829"
            << "helmdeck-fixture:buildkit"
            << QDateTime(QDate(2026, 11, 27), QTime(14, 11, 16, 128), Qt::UTC);
        QTest::newRow("docker 20.10 client")
            << "docker_image_inspect_legacy.json"
            << "sha256:26798f1a350fcb22a6c1d1bb5c68abbfb54c5d440035b105d6469f67221ff215"
            << "helmdeck-fixture:legacy"
            << QDateTime(QDate(2026, 11, 27), QTime(14, 11, 17, 603), Qt::UTC);
    }
    void imageInspect() {
        QFETCH(QString, file);
        QFETCH(QString, id);
        QFETCH(QString, tag);
        QFETCH(QDateTime, created);
        QString error;
        const auto image = parseDockerImageInspect(
            readData(QFINDTESTDATA(QStringLiteral("data/") + file)), &error);
        QVERIFY2(image, qPrintable(error));
        QCOMPARE(image->id, id);
        QCOMPARE(image->sizeBytes, qint64(105908992));
        QCOMPARE(image->repoTags, QStringList{tag});
        QCOMPARE(image->layerDigests.size(), 4);
        QCOMPARE(image->created, created);
        QCOMPARE(image->os, QStringLiteral("linux"));
    }

    void imageInspectRejectsBadInput_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("Error: No such image: nope");
        QTest::newRow("empty array") << QByteArray("[]\n");
        QTest::newRow("no size") << QByteArray("[{\"Id\": \"sha256:1\"}]");
    }
    void imageInspectRejectsBadInput() {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!parseDockerImageInspect(json, &error));
        QVERIFY(!error.isEmpty());
    }

    void history_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QString>("top");
        QTest::addColumn<QString>("run");
        const QString run = QStringLiteral(
            "RUN dd if=/dev/zero of=/blob bs=1k count=300 status=none && ls -l /blob");
        QTest::newRow("docker 28, --human=false")
            << "docker_history.jsonl" << qint64(105908992) << "CMD [\"cat\" \"/hello.txt\"]" << run;
        QTest::newRow("docker 20.10, --human=false")
            << "docker_history_legacy.jsonl" << qint64(105908992) << "CMD [\"cat\" \"/hello.txt\"]"
            << run;
        // Plain `--format json` rounds sizes and truncates commands: prefer the flags above.
        QTest::newRow("docker 28, human sizes")
            << "docker_history_human.jsonl" << qint64(106307012) << "CMD [\"cat\" \"/hello.txt\"]"
            << QStringLiteral("RUN dd if=/dev/zero of=/blob bs=1\u2026");
    }
    void history() {
        QFETCH(QString, file);
        QFETCH(qint64, total);
        QFETCH(QString, top);
        QFETCH(QString, run);
        QString error;
        const auto layers =
            parseDockerHistory(readData(QFINDTESTDATA(QStringLiteral("data/") + file)), &error);
        QVERIFY2(layers, qPrintable(error));
        QCOMPARE(layers->size(), 6);
        qint64 sum = 0;
        for (const ImageLayer& layer : *layers) sum += layer.sizeBytes;
        QCOMPARE(sum, total);  // the layers add up to `docker image inspect`'s Size
        QCOMPARE(summarizeLayerCommand(layers->first().createdBy), top);
        QCOMPARE(summarizeLayerCommand(layers->at(3).createdBy), run);
        QVERIFY(layers->last().created.isValid());
    }

    void historyRejectsGarbage() {
        QString error;
        QVERIFY(!parseDockerHistory("{\"ID\":\"a\",\"Size\":\"0\"}\nnot json\n", &error));
        QVERIFY2(error.contains(QLatin1String("line 2")), qPrintable(error));
    }

    void sizes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("plain") << "307200" << qint64(307200);
        QTest::newRow("zero bytes") << "0B" << qint64(0);
        QTest::newRow("kB") << "307kB" << qint64(307000);
        QTest::newRow("MB fraction") << "105.6MB" << qint64(105600000);
        QTest::newRow("GB") << "1.2GB" << qint64(1200000000);
        QTest::newRow("MiB") << "3MiB" << qint64(3 * 1024 * 1024);
        QTest::newRow("garbage") << "big" << qint64(-1);
    }
    void sizes() {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(parseDockerSize(text), bytes);
    }
};

QTEST_GUILESS_MAIN(TestDockerParsers)
#include "test_docker_parsers.moc"
