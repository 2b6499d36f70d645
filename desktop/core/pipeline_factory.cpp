// makePipeline: the step list for each pipeline kind and target.

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include "core/paths.hpp"
#include "core/pipeline.hpp"
#include "core/steps/backend_step.hpp"
#include "core/steps/container_step.hpp"
#include "core/steps/deploy_step.hpp"
#include "core/steps/diff_step.hpp"
#include "core/steps/endpoint_step.hpp"
#include "core/steps/image_build_step.hpp"
#include "core/steps/load_step.hpp"
#include "core/steps/measure_step.hpp"
#include "core/steps/preflight_step.hpp"
#include "core/steps/probe_step.hpp"
#include "core/steps/rollback_step.hpp"
#include "core/steps/status_step.hpp"
#include "core/steps/uninstall_step.hpp"
#include "core/steps/verdict_step.hpp"
#include "core/steps/verify_step.hpp"

#ifndef HELMDECK_VERSION
#define HELMDECK_VERSION "0.0.0"
#endif

namespace helmdeck::core {

QString helmdeckVersion() {
    return QStringLiteral(HELMDECK_VERSION);
}

QString expandTagTemplate(const QString& tagTemplate, const QString& gitRevision,
                          const QDateTime& when) {
    QString tag = tagTemplate;
    tag.replace(QStringLiteral("{version}"), helmdeckVersion());
    tag.replace(QStringLiteral("{git}"),
                gitRevision.isEmpty() ? QStringLiteral("dev") : gitRevision);
    tag.replace(QStringLiteral("{timestamp}"),
                when.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")));
    static const QRegularExpression invalid(QStringLiteral("[^A-Za-z0-9_.-]"));
    tag.replace(invalid, QStringLiteral("-"));
    while (tag.startsWith(QLatin1Char('.')) || tag.startsWith(QLatin1Char('-'))) tag.remove(0, 1);
    if (tag.isEmpty()) tag = QStringLiteral("latest");
    return tag.left(128);
}

namespace {
// `git rev-parse --short HEAD` in `dir`, empty outside a checkout. A bounded wait on the
// process, not an event loop: nothing else can run (or re-enter) while it is asked.
QString shortRevisionOf(const QString& dir) {
    const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
    if (git.isEmpty()) return {};
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(git, {QStringLiteral("-C"), dir, QStringLiteral("rev-parse"),
                        QStringLiteral("--short"), QStringLiteral("HEAD")});
    if (!process.waitForFinished(3000)) {
        process.kill();
        process.waitForFinished(1000);
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}
}  // namespace

RunContext makeRunContext(const Profile& profile, Target target) {
    RunContext context;
    context.profile = profile;
    context.target = target;
    context.startedAt = QDateTime::currentDateTimeUtc();
    context.workspaceRoot = profile.sourcePath.isEmpty()
                                ? findWorkspaceRoot()
                                : QFileInfo(profile.sourcePath).absolutePath();
    if (context.workspaceRoot.isEmpty()) context.workspaceRoot = QDir::currentPath();
    // The revision of what gets built: the image's context, else the profile's workspace.
    QStringList gitDirs;
    if (!profile.images.isEmpty()) gitDirs << profile.images.first().context;
    gitDirs << context.workspaceRoot << findWorkspaceRoot();
    for (const QString& dir : gitDirs) {
        if (dir.isEmpty()) continue;
        context.gitRevision = shortRevisionOf(dir);
        if (!context.gitRevision.isEmpty()) break;
    }
    context.kubeContext = profile.cluster.context;
    for (const ImageSpec& spec : profile.images) {
        MeasuredImage image;
        image.name = spec.name;
        image.tag = expandTagTemplate(spec.tag, context.gitRevision, context.startedAt);
        image.reference = spec.name + QLatin1Char(':') + image.tag;
        context.images.append(image);
    }
    return context;
}

namespace {

QStringList toolsFor(const Profile& profile, Target target) {
    return PreflightReport::toolsFor(target, profile.cluster.imageLoader, profile.cluster.context);
}

// The steps that bring the backend up for `target`; `build` adds build (+ measure).
void addEndpointSteps(Pipeline* pipeline, Target target, bool build, bool deploy,
                      bool diff = false) {
    switch (target) {
        case Target::Local:
            pipeline->addStep(new BackendStep);
            break;
        case Target::Docker:
            if (build) {
                pipeline->addStep(new ImageBuildStep);
                pipeline->addStep(new MeasureStep);
            }
            pipeline->addStep(new ContainerStep);
            break;
        case Target::Cluster:
            if (build) {
                pipeline->addStep(new ImageBuildStep);
                pipeline->addStep(new MeasureStep);
            }
            if (deploy) {
                pipeline->addStep(new LoadStep);
                if (diff) pipeline->addStep(new DiffStep);
                pipeline->addStep(new DeployStep);
                pipeline->addStep(new VerifyStep);
            }
            pipeline->addStep(new EndpointStep);
            break;
    }
}

}  // namespace

Pipeline* makePipeline(const Profile& profile, Target target, const PipelineOptions& options,
                       QObject* parent) {
    const bool releaseOperation = options.kind == PipelineKind::Status ||
                                  options.kind == PipelineKind::Rollback ||
                                  options.kind == PipelineKind::Uninstall ||
                                  options.kind == PipelineKind::Diff;
    if (releaseOperation) target = Target::Cluster;
    RunContext context = makeRunContext(profile, target);
    // The local target runs the built binary: no image to build, measure or judge.
    if (target == Target::Local && options.kind != PipelineKind::Build) context.images.clear();
    auto* pipeline = new Pipeline(std::move(context), options, parent);
    const bool local = target == Target::Local;
    switch (options.kind) {
        case PipelineKind::Preflight:
            pipeline->addStep(
                new PreflightStep(toolsFor(profile, target), local, Preflight::allTools()));
            break;
        case PipelineKind::Run:
            pipeline->addStep(new PreflightStep(toolsFor(profile, target), local));
            addEndpointSteps(pipeline, target, true, true, options.diffBeforeDeploy);
            pipeline->addStep(new ProbeStep);
            pipeline->addStep(new VerdictStep);
            if (target == Target::Cluster && options.rollbackOnFail)
                pipeline->addStep(new RollbackStep(true));
            break;
        case PipelineKind::Build:
            pipeline->addStep(new PreflightStep({QStringLiteral("docker")}, false));
            pipeline->addStep(new ImageBuildStep);
            pipeline->addStep(new MeasureStep);
            break;
        case PipelineKind::Deploy:
            pipeline->addStep(new PreflightStep(toolsFor(profile, target), local));
            addEndpointSteps(pipeline, target, true, true, options.diffBeforeDeploy);
            break;
        case PipelineKind::Probe:
        case PipelineKind::Endpoint: {
            // No image build for the cluster (it probes what is deployed); docker needs one.
            QStringList tools = toolsFor(profile, target);
            if (target == Target::Cluster) tools = {QStringLiteral("kubectl")};
            pipeline->addStep(new PreflightStep(tools, local));
            addEndpointSteps(pipeline, target, target == Target::Docker, false);
            if (options.kind == PipelineKind::Probe) {
                pipeline->addStep(new ProbeStep);
                pipeline->addStep(new VerdictStep);
            }
            break;
        }
        case PipelineKind::Status:
            pipeline->addStep(
                new PreflightStep({QStringLiteral("helm"), QStringLiteral("kubectl")}, false));
            pipeline->addStep(new StatusStep);
            break;
        case PipelineKind::Rollback:
            pipeline->addStep(
                new PreflightStep({QStringLiteral("helm"), QStringLiteral("kubectl")}, false));
            pipeline->addStep(new RollbackStep(false, options.rollbackRevision));
            break;
        case PipelineKind::Diff:
            pipeline->addStep(
                new PreflightStep({QStringLiteral("helm"), QStringLiteral("kubectl")}, false));
            pipeline->addStep(new DiffStep);
            break;
        case PipelineKind::Uninstall:
            pipeline->addStep(
                new PreflightStep({QStringLiteral("helm"), QStringLiteral("kubectl")}, false));
            pipeline->addStep(new UninstallStep);
            break;
    }
    return pipeline;
}

}  // namespace helmdeck::core
