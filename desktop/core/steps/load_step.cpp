#include "core/steps/load_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kLoadTimeoutMs = 15 * 60 * 1000;
}

ImageLoader LoadStep::resolveLoader(ImageLoader configured, const QString& kubeContext) {
    if (configured != ImageLoader::Auto) return configured;
    if (kubeContext.startsWith(QStringLiteral("minikube"))) return ImageLoader::Minikube;
    if (kubeContext == QStringLiteral("kind") || kubeContext.startsWith(QStringLiteral("kind-")))
        return ImageLoader::Kind;
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
    QString program;
    QStringList arguments;
    if (loader_ == ImageLoader::Minikube) {
        program = QStringLiteral("minikube");
        arguments << QStringLiteral("image") << QStringLiteral("load") << reference;
        if (!context_->kubeContext.isEmpty())
            arguments << QStringLiteral("--profile") << context_->kubeContext;
    } else {
        program = QStringLiteral("kind");
        arguments << QStringLiteral("load") << QStringLiteral("docker-image") << reference
                  << QStringLiteral("--name") << kindClusterName(context_->kubeContext);
    }
    runTool({program, arguments, kLoadTimeoutMs, {}, {}}, [this, program](const ToolResult& result) {
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

}  // namespace helmdeck::core
