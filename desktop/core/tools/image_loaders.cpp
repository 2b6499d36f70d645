#include "core/tools/image_loaders.hpp"

namespace helmdeck::core {

namespace {
constexpr int kLoadTimeoutMs = 15 * 60 * 1000;
}

ToolCommand minikubeImageLoad(const QString& reference, const QString& profile) {
    QStringList arguments{QStringLiteral("image"), QStringLiteral("load"), reference};
    if (!profile.isEmpty()) arguments << QStringLiteral("--profile") << profile;
    return {QStringLiteral("minikube"), arguments, kLoadTimeoutMs, {}, {}};
}

ToolCommand kindLoadDockerImage(const QString& reference, const QString& cluster) {
    return {QStringLiteral("kind"),
            {QStringLiteral("load"), QStringLiteral("docker-image"), reference,
             QStringLiteral("--name"), cluster},
            kLoadTimeoutMs,
            {},
            {}};
}

ToolCommand dockerSave(const QString& reference, const QString& file) {
    return {QStringLiteral("docker"),
            {QStringLiteral("save"), QStringLiteral("--output"), file, reference},
            kLoadTimeoutMs,
            {},
            {}};
}

ToolCommand containerdImport(const QString& file) {
    return {QStringLiteral("ctr"),
            {QStringLiteral("--namespace"), QStringLiteral("k8s.io"), QStringLiteral("images"),
             QStringLiteral("import"), file},
            kLoadTimeoutMs,
            {},
            {}};
}

}  // namespace helmdeck::core
