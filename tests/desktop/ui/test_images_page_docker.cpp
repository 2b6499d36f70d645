// The Images page measures a real local image through docker (inspect + history, parsed by
// core) and shows its size; label docker (skips locally without docker, fails under CI).

#include <QtTest>

#include "core/run_report.hpp"
#include "core/tool_runner.hpp"
#include "support/require_tool.hpp"
#include "ui/charts/image_size_chart.hpp"
#include "ui/charts/layer_breakdown_chart.hpp"
#include "ui/images_page.hpp"
#include "ui_test_support.hpp"

using namespace helmdeck;

namespace {
const QString kImage = QStringLiteral("debian:bookworm-slim");
}

class TestImagesPageDocker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsTheMeasuredSizeOfARealImage() {
        HELMDECK_REQUIRE(!testing::find_tool(QStringLiteral("docker")).isEmpty(), "docker",
                         "install Docker Engine (https://docs.docker.com/engine/install/)");
        const auto daemon = core::ToolRunner::runAndWait(QStringLiteral("docker"),
                                                         {QStringLiteral("version")}, 20000);
        HELMDECK_REQUIRE(daemon.ok(), "the Docker daemon", "start dockerd");
        if (!core::ToolRunner::runAndWait(
                 QStringLiteral("docker"),
                 {QStringLiteral("image"), QStringLiteral("inspect"), kImage}, 20000)
                 .ok()) {
            const auto pulled = core::ToolRunner::runAndWait(
                QStringLiteral("docker"), {QStringLiteral("pull"), kImage}, 300000);
            QVERIFY2(pulled.ok(), qPrintable(pulled.reason));
        }
        const auto size = core::ToolRunner::runAndWait(
            QStringLiteral("docker"),
            {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
             QStringLiteral("{{.Size}}"), kImage},
            20000);
        QVERIFY(size.ok());
        const qint64 expected = QString::fromUtf8(size.stdoutData).trimmed().toLongLong();
        QVERIFY(expected > 0);

        ui::ImagesPage page;
        page.resize(1200, 800);
        page.show();
        QSignalSpy done(&page, &ui::ImagesPage::measuringFinished);
        page.measureLocal(kImage);
        QVERIFY(done.wait(60000));
        QCOMPARE(page.images().size(), 1);
        QCOMPARE(page.images().constFirst().sizeBytes, expected);
        QVERIFY2(page.summaryText().contains(core::formatBytes(expected)),
                 qPrintable(page.summaryText()));
        QCOMPARE(page.sizeChart()->barCount(), 1);
        QVERIFY(page.layerChart()->segmentCount() > 0);
    }
};

QTEST_MAIN(TestImagesPageDocker)
#include "test_images_page_docker.moc"
