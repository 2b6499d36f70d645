#pragma once
// Every helm command line Helmdeck runs, always with the scope's --kube-context and --namespace.

#include <QMap>
#include <QStringList>

#include "core/parsers/helm_parser.hpp"
#include "core/tools/kube_scope.hpp"
#include "core/tools/tool_command.hpp"

namespace helmdeck::core {

/// The chart, values and overrides of an install, upgrade or render.
struct HelmChartValues {
    QString release;
    QString chart;
    QStringList valuesFiles;
    QMap<QString, QString> set;  ///< each `--set key=value`, in key order
    QStringList extraSet;        ///< more `--set` arguments, after `set` (the built image)
};

class Helm {
public:
    explicit Helm(KubeScope scope) : scope_(std::move(scope)) {}
    const KubeScope& scope() const { return scope_; }

    ToolCall<HelmRelease> status(const QString& release) const;
    ToolCall<QList<HelmRevision>> history(const QString& release) const;
    /// `helm upgrade --install … --create-namespace --wait --timeout Ns`.
    ToolCommand upgradeInstall(const HelmChartValues& values, int waitSeconds) const;
    /// `helm template` with the same values: the manifests a first install would apply.
    ToolCall<QByteArray> renderTemplate(const HelmChartValues& values) const;
    /// `helm upgrade --dry-run=server -o json` with the same values: the manifests an upgrade of
    /// the installed release would apply, with the chart's `lookup`s answered by the cluster
    /// (`helm template` renders a kept Secret as new). The release's `manifest`, hooks left out
    /// as `helm get manifest` leaves them out.
    ToolCall<QByteArray> renderUpgrade(const HelmChartValues& values) const;
    /// `helm get manifest` of `revision` (0: the deployed one).
    ToolCall<QByteArray> getManifest(const QString& release, int revision = 0) const;
    /// `helm get values -o yaml` (the user-supplied values) of `revision` (0: deployed).
    ToolCall<QByteArray> getValues(const QString& release, int revision = 0) const;
    ToolCommand rollback(const QString& release, int revision, int waitSeconds) const;
    ToolCommand uninstall(const QString& release, int waitSeconds) const;

    static constexpr int kQueryTimeoutMs = 60000;

private:
    QStringList scopeArguments() const;
    ToolCommand command(QStringList arguments, int timeoutMs = kQueryTimeoutMs) const;
    static QStringList valueArguments(const HelmChartValues& values);

    KubeScope scope_;
};

}  // namespace helmdeck::core
