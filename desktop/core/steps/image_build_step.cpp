#include "core/steps/image_build_step.hpp"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace helmdeck::core {

int ImageBuildStep::dockerClientMajor(const QByteArray& versionOutput) {
    static const QRegularExpression version(QStringLiteral("Docker version (\\d+)\\."));
    const auto match = version.match(QString::fromUtf8(versionOutput));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

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

void ImageBuildStep::start(RunContext& context) {
    context_ = &context;
    index_ = 0;
    if (context.images.isEmpty()) {
        finish(StepResult::skipped(tr("the profile lists no images")));
        return;
    }
    setLogStdout(false);
    chooseBuilder();
}

void ImageBuildStep::chooseBuilder() {
    runTool(Docker().buildxVersion(), [this](const ToolResult& buildx) {
        if (buildx.ok()) {
            useBuilder({QStringLiteral("docker"), QStringLiteral("build"),
                        QStringLiteral("--progress=plain")},
                       true);
            return;
        }
        // Debian's docker.io 20.10 client has BuildKit built in; Docker >= 23 needs buildx.
        QStringList clients{QStandardPaths::findExecutable(QStringLiteral("docker"))};
        if (QFileInfo(QStringLiteral("/usr/bin/docker")).isExecutable())
            clients << QStringLiteral("/usr/bin/docker");
        clients.removeAll(QString());
        clients.removeDuplicates();
        tryClient(clients);
    });
}

void ImageBuildStep::tryClient(QStringList clients) {
    if (clients.isEmpty()) {
        useBuilder({QStringLiteral("docker"), QStringLiteral("build")}, false);
        return;
    }
    const QString client = clients.takeFirst();
    runTool(Docker(client).clientVersion(), [this, client, clients](const ToolResult& version) {
        const int major = version.ok() ? dockerClientMajor(version.stdoutData) : 0;
        if (major > 0 && major < 23)
            useBuilder({client, QStringLiteral("build"), QStringLiteral("--progress=plain")}, true);
        else
            tryClient(clients);
    });
}

void ImageBuildStep::useBuilder(const QStringList& builder, bool buildKit) {
    builder_ = builder;
    environment_ = {{QStringLiteral("DOCKER_BUILDKIT"),
                     buildKit ? QStringLiteral("1") : QStringLiteral("0")}};
    Q_EMIT logLine(tr("builder: %1 (DOCKER_BUILDKIT=%2)")
                       .arg(builder_.join(QLatin1Char(' ')),
                            environment_.value(QStringLiteral("DOCKER_BUILDKIT"))));
    setLogStdout(true);
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
    const DockerBuild build{builder_,
                            environment_,
                            spec->dockerfile,
                            spec->context,
                            image.reference,
                            {{QStringLiteral("VERSION"), image.tag},
                             {QStringLiteral("REVISION"), context_->gitRevision}},
                            context_->workspaceRoot};
    // One header per image, so the two builds' logs are told apart.
    Q_EMIT logLine(tr("=== image %1 of %2: %3 ===")
                       .arg(index_ + 1)
                       .arg(context_->images.size())
                       .arg(image.reference));
    Q_EMIT progress(double(index_) / double(context_->images.size()),
                    tr("building %1").arg(image.reference));
    runTool(
        Docker::build(build),
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
        });
}

}  // namespace helmdeck::core
