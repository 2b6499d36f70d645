#include "core/steps/load_step.hpp"

#include <QDir>

#include "core/tools/image_loaders.hpp"

namespace helmdeck::core {

ImageLoader LoadStep::resolveLoader(ImageLoader configured, const QString& kubeContext) {
    if (configured != ImageLoader::Auto) return configured;
    if (kubeContext.startsWith(QStringLiteral("minikube"))) return ImageLoader::Minikube;
    if (kubeContext == QStringLiteral("kind") || kubeContext.startsWith(QStringLiteral("kind-")))
        return ImageLoader::Kind;
    // The repository's own local cluster (./dev cluster up): a containerd node.
    if (kubeContext == QStringLiteral("helmdeck-test")) return ImageLoader::Containerd;
    return ImageLoader::None;
}

QString LoadStep::kindClusterName(const QString& kubeContext) {
    if (kubeContext.startsWith(QStringLiteral("kind-"))) return kubeContext.mid(5);
    return QStringLiteral("kind");
}

void LoadStep::start(RunContext& context) {
    context_ = &context;
    index_ = 0;
    loader_ = resolveLoader(context.profile.cluster.imageLoader, context.kubeContext);
    if (loader_ == ImageLoader::None) {
        const QString why =
            tr("image loader is none for context %1: the cluster pulls the image")
                .arg(context.kubeContext.isEmpty() ? tr("(current)") : context.kubeContext);
        Q_EMIT logLine(why);
        Q_EMIT progress(1.0, tr("none"));
        finish(StepResult::ok(why));
        return;
    }
    loadNext();
}

void LoadStep::loadNext() {
    if (index_ >= context_->images.size()) {
        Q_EMIT progress(1.0, tr("loaded"));
        finish(StepResult::ok());
        return;
    }
    const QString reference = context_->images.at(index_).reference;
    Q_EMIT progress(double(index_) / double(context_->images.size()),
                    tr("loading %1 with %2").arg(reference, nameOf(loader_)));
    if (loader_ == ImageLoader::Containerd) {
        saveForContainerd(reference);
        return;
    }
    const bool minikube = loader_ == ImageLoader::Minikube;
    const ToolCommand command =
        minikube ? minikubeImageLoad(reference, context_->kubeContext)
                 : kindLoadDockerImage(reference, kindClusterName(context_->kubeContext));
    runTool(command, [this, program = command.program](const ToolResult& result) {
        if (!result.ok()) {
            failWith(result, tr("check that the %1 cluster is running, or set "
                                "cluster.imageLoader: none in the profile")
                                 .arg(program));
            return;
        }
        ++index_;
        loadNext();
    });
}

// kind's model without kind: `docker save` to a file, then `ctr images import` of that file
// into the k8s.io namespace of the containerd that CONTAINERD_ADDRESS names (ctr reads it).
void LoadStep::saveForContainerd(const QString& reference) {
    archive_ = std::make_unique<QTemporaryDir>();
    if (!archive_->isValid()) {
        ToolResult failure;
        failure.reason = tr("cannot create a temporary folder for the image archive: %1")
                             .arg(archive_->errorString());
        failWith(failure, tr("free some space in %1").arg(QDir::tempPath()));
        return;
    }
    const QString file = archive_->filePath(QStringLiteral("image.tar"));
    runTool(dockerSave(reference, file), [this, file](const ToolResult& result) {
        if (!result.ok()) {
            failWith(result, tr("check that the image was built (docker image ls)"));
            return;
        }
        importIntoContainerd(file);
    });
}

void LoadStep::importIntoContainerd(const QString& file) {
    runTool(containerdImport(file), [this](const ToolResult& result) {
        archive_.reset();
        if (!result.ok()) {
            failWith(result, tr("check that containerd runs and CONTAINERD_ADDRESS names "
                                "its socket (and that you may use it), or set "
                                "cluster.imageLoader in the profile"));
            return;
        }
        ++index_;
        loadNext();
    });
}

}  // namespace helmdeck::core
