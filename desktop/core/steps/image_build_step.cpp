#include "core/steps/image_build_step.hpp"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace helmdeck::core {

namespace {
constexpr int kBuildTimeoutMs = 45 * 60 * 1000;

int dockerClientMajor(const QString& client) {
    const ToolResult result = ToolRunner::runAndWait(client, {QStringLiteral("--version")}, 5000);
    static const QRegularExpression version(QStringLiteral("Docker version (\\d+)\\."));
    const auto match = version.match(QString::fromUtf8(result.stdoutData));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}
}  // namespace

ImageBuildStep::ImageBuildStep(QObject* parent) : ToolStep(parent) {
    connect(&runner(), &ToolRunner::stdoutLine, &parser_, &DockerBuildParser::parseLine);
    connect(&runner(), &ToolRunner::stderrLine, &parser_, &DockerBuildParser::parseLine);
    connect(&parser_, &DockerBuildParser::progress, this,
            [this](double fraction, const QString& text) {
                if (!context_ || context_->images.isEmpty()) return;
                const double share = 1.0 / double(context_->images.size());
                Q_EMIT progress(
                    (double(index_) + fraction) * share,
                    QStringLiteral("%1: %2").arg(context_->images.at(index_).reference, text));
            });
}

QStringList ImageBuildStep::builderCommand(QMap<QString, QString>* environment) {
    const QString docker = QStringLiteral("docker");
    if (ToolRunner::runAndWait(docker, {QStringLiteral("buildx"), QStringLiteral("version")}, 5000)
            .ok()) {
        environment->insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("1"));
        return {docker, QStringLiteral("build"), QStringLiteral("--progress=plain")};
    }
    // Debian's docker.io 20.10 client has BuildKit built in; Docker >= 23 needs buildx for it.
    QStringList clients{QStandardPaths::findExecutable(docker)};
    if (QFileInfo(QStringLiteral("/usr/bin/docker")).isExecutable())
        clients << QStringLiteral("/usr/bin/docker");
    for (const QString& client : clients) {
        if (client.isEmpty()) continue;
        const int major = dockerClientMajor(client);
        if (major > 0 && major < 23) {
            environment->insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("1"));
            return {client, QStringLiteral("build"), QStringLiteral("--progress=plain")};
        }
    }
    environment->insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
    return {docker, QStringLiteral("build")};
}

void ImageBuildStep::start(RunContext& context) {
    context_ = &context;
    index_ = 0;
    if (context.images.isEmpty()) {
        finish(StepResult::skipped(tr("the profile lists no images")));
        return;
    }
    environment_.clear();
    builder_ = builderCommand(&environment_);
    Q_EMIT logLine(tr("builder: %1 (DOCKER_BUILDKIT=%2)")
                       .arg(builder_.join(QLatin1Char(' ')),
                            environment_.value(QStringLiteral("DOCKER_BUILDKIT"))));
    buildNext();
}

void ImageBuildStep::buildNext() {
    if (index_ >= context_->images.size()) {
        Q_EMIT progress(1.0, tr("built %n image(s)", nullptr, int(context_->images.size())));
        finish(StepResult::ok());
        return;
    }
    const ImageSpec* spec = nullptr;
    for (const ImageSpec& candidate : context_->profile.images)
        if (candidate.name == context_->images.at(index_).name) spec = &candidate;
    if (!spec) {
        finish(StepResult::failed(
            tr("image %1 is not in the profile").arg(context_->images.at(index_).name)));
        return;
    }
    const MeasuredImage& image = context_->images.at(index_);
    parser_.reset();
    QStringList arguments = builder_.mid(1);
    arguments << QStringLiteral("-f") << spec->dockerfile << QStringLiteral("--build-arg")
              << QStringLiteral("VERSION=%1").arg(image.tag) << QStringLiteral("--build-arg")
              << QStringLiteral("REVISION=%1").arg(context_->gitRevision) << QStringLiteral("-t")
              << image.reference << spec->context;
    // One header per image, so the two builds' logs are told apart.
    Q_EMIT logLine(tr("=== image %1 of %2: %3 ===")
                       .arg(index_ + 1)
                       .arg(context_->images.size())
                       .arg(image.reference));
    Q_EMIT progress(double(index_) / double(context_->images.size()),
                    tr("building %1").arg(image.reference));
    runTool(
        builder_.first(), arguments, kBuildTimeoutMs,
        [this](const ToolResult& result) {
            if (!result.ok()) {
                const QString detail = parser_.errorText();
                ToolResult failed = result;
                if (!detail.isEmpty()) failed.reason = tr("docker build failed: %1").arg(detail);
                failWith(failed, tr("see the build log above; check the Dockerfile and that "
                                    "the base image is available (./dev image)"));
                return;
            }
            ++index_;
            buildNext();
        },
        environment_, context_->workspaceRoot);
}

}  // namespace helmdeck::core
