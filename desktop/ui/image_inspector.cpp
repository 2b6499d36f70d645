#include "ui/image_inspector.hpp"

#include <QTimer>

#include "core/parsers/docker_image_parser.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kTimeoutMs = 30000;
const QString kDocker = QStringLiteral("docker");
}  // namespace

ImageInspector::ImageInspector(QObject* parent) : QObject(parent) {
    runner_.setCaptureStdout(true);
    runner_.setEmitStdoutLines(false);
}

void ImageInspector::measure(const QString& reference) {
    queue_.append(reference.trimmed());
    if (!busy_) QTimer::singleShot(0, this, &ImageInspector::next);
}

void ImageInspector::next() {
    if (busy_) return;
    if (queue_.isEmpty()) {
        Q_EMIT idle();
        return;
    }
    busy_ = true;
    const QString reference = queue_.takeFirst();
    const bool hasTag = reference.section(QLatin1Char('/'), -1).contains(QLatin1Char(':')) ||
                        reference.contains(QLatin1Char('@'));
    if (hasTag)
        inspect(reference);
    else
        resolve(reference);
}

void ImageInspector::fail(const QString& reference, const QString& reason) {
    busy_ = false;
    Q_EMIT failed(reference, reason);
    QTimer::singleShot(0, this, &ImageInspector::next);  // never restart inside finished()
}

void ImageInspector::resolve(const QString& repository) {
    runner_.disconnect(this);
    connect(&runner_, &core::ToolRunner::finished, this,
            [this, repository](const core::ToolResult& r) {
                runner_.disconnect(this);
                if (!r.ok()) return fail(repository, r.reason);
                const QString newest =
                    QString::fromUtf8(r.stdoutData).section(QLatin1Char('\n'), 0, 0).trimmed();
                if (newest.isEmpty() || newest.endsWith(QStringLiteral(":<none>")))
                    return fail(repository, tr("no local image named %1").arg(repository));
                QTimer::singleShot(0, this, [this, newest] { inspect(newest); });
            });
    runner_.start(kDocker,
                  {QStringLiteral("images"), QStringLiteral("--format"),
                   QStringLiteral("{{.Repository}}:{{.Tag}}"), repository},
                  {}, kTimeoutMs);
}

void ImageInspector::inspect(const QString& reference) {
    current_ = core::MeasuredImage{};
    current_.reference = reference;
    current_.name = reference.section(QLatin1Char(':'), 0, 0).section(QLatin1Char('/'), -1);
    current_.tag = reference.section(QLatin1Char(':'), 1);
    runner_.disconnect(this);
    connect(&runner_, &core::ToolRunner::finished, this,
            [this, reference](const core::ToolResult& r) {
                runner_.disconnect(this);
                if (!r.ok()) return fail(reference, r.reason);
                QString error;
                const auto info = core::parseDockerImageInspect(r.stdoutData, &error);
                if (!info) return fail(reference, error);
                current_.sizeBytes = info->sizeBytes;
                connect(&runner_, &core::ToolRunner::finished, this,
                        [this, reference](const core::ToolResult& h) {
                            runner_.disconnect(this);
                            if (h.ok()) {
                                if (auto layers = core::parseDockerHistory(h.stdoutData))
                                    current_.layers = *layers;
                            }
                            busy_ = false;
                            Q_EMIT measured(current_);
                            QTimer::singleShot(0, this, &ImageInspector::next);
                        });
                // Queued: start the next command once this finished() handler has returned.
                QTimer::singleShot(0, this, [this, reference] {
                    runner_.start(kDocker,
                                  {QStringLiteral("history"), QStringLiteral("--no-trunc"),
                                   QStringLiteral("--human=false"), QStringLiteral("--format"),
                                   QStringLiteral("{{json .}}"), reference},
                                  {}, kTimeoutMs);
                });
            });
    runner_.start(kDocker, {QStringLiteral("image"), QStringLiteral("inspect"), reference}, {},
                  kTimeoutMs);
}

}  // namespace helmdeck::ui
