#pragma once
// Load: put the built images into the cluster (minikube image load, kind load docker-image, or
// docker save + ctr images import for a containerd node).

#include <QTemporaryDir>
#include <memory>

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class LoadStep : public ToolStep {
    Q_OBJECT

public:
    using ToolStep::ToolStep;

    QString id() const override { return QStringLiteral("load"); }
    QString title() const override { return tr("Load image"); }

    /// The loader for `configured` on `kubeContext`: auto picks minikube for a context named
    /// "minikube*", kind for "kind-*", containerd for "helmdeck-test" (./dev cluster up), else
    /// none.
    static ImageLoader resolveLoader(ImageLoader configured, const QString& kubeContext);
    /// kind's cluster name for a "kind-NAME" context ("kind" when it does not say).
    static QString kindClusterName(const QString& kubeContext);

protected:
    void start(RunContext& context) override;

private:
    void loadNext();
    void saveForContainerd(const QString& reference);
    void importIntoContainerd(const QString& file);

    RunContext* context_ = nullptr;
    ImageLoader loader_ = ImageLoader::None;
    int index_ = 0;
    std::unique_ptr<QTemporaryDir> archive_;  // the saved image, removed once imported
};

}  // namespace helmdeck::core
