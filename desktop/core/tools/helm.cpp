#include "core/tools/helm.hpp"

#include <QJsonDocument>
#include <QJsonObject>

#include "core/profile.hpp"

namespace helmdeck::core {

namespace {
const QString kHelm = QStringLiteral("helm");

std::optional<QByteArray> rawOutput(const QByteArray& data, QString*) {
    return data;
}
}  // namespace

KubeScope KubeScope::of(const Profile& profile, const QString& resolvedContext) {
    return {profile.cluster.context.isEmpty() ? resolvedContext : profile.cluster.context,
            profile.release.namespace_};
}

QStringList Helm::scopeArguments() const {
    QStringList arguments;
    if (!scope_.context.isEmpty()) arguments << QStringLiteral("--kube-context") << scope_.context;
    if (!scope_.namespace_.isEmpty())
        arguments << QStringLiteral("--namespace") << scope_.namespace_;
    return arguments;
}

ToolCommand Helm::command(QStringList arguments, int timeoutMs) const {
    arguments << scopeArguments();
    return {kHelm, arguments, timeoutMs, {}, {}};
}

QStringList Helm::valueArguments(const HelmChartValues& values) {
    QStringList arguments;
    for (const QString& file : values.valuesFiles) arguments << QStringLiteral("-f") << file;
    for (auto it = values.set.cbegin(); it != values.set.cend(); ++it)
        arguments << QStringLiteral("--set") << QStringLiteral("%1=%2").arg(it.key(), it.value());
    for (const QString& set : values.extraSet) arguments << QStringLiteral("--set") << set;
    return arguments;
}

ToolCall<HelmRelease> Helm::status(const QString& release) const {
    return {command({QStringLiteral("status"), release, QStringLiteral("-o"), QStringLiteral("json")}),
            [](const QByteArray& data, QString* error) { return parseHelmStatus(data, error); },
            QStringLiteral("helm status")};
}

ToolCall<QList<HelmRevision>> Helm::history(const QString& release) const {
    return {
        command({QStringLiteral("history"), release, QStringLiteral("-o"), QStringLiteral("json")}),
        [](const QByteArray& data, QString* error) { return parseHelmHistory(data, error); },
        QStringLiteral("helm history")};
}

ToolCommand Helm::upgradeInstall(const HelmChartValues& values, int waitSeconds) const {
    QStringList arguments{QStringLiteral("upgrade"), QStringLiteral("--install"), values.release,
                          values.chart};
    arguments << scopeArguments()
              << QStringList{QStringLiteral("--create-namespace"), QStringLiteral("--wait"),
                             QStringLiteral("--timeout"), QStringLiteral("%1s").arg(waitSeconds)}
              << valueArguments(values);
    return {kHelm, arguments, (waitSeconds + 60) * 1000, {}, {}};
}

ToolCall<QByteArray> Helm::renderTemplate(const HelmChartValues& values) const {
    QStringList arguments{QStringLiteral("template"), values.release, values.chart};
    arguments << scopeArguments() << valueArguments(values);
    return {{kHelm, arguments, kQueryTimeoutMs, {}, {}}, rawOutput, QStringLiteral("helm template")};
}

ToolCall<QByteArray> Helm::renderUpgrade(const HelmChartValues& values) const {
    QStringList arguments{QStringLiteral("upgrade"), values.release, values.chart,
                          QStringLiteral("--dry-run=server"), QStringLiteral("-o"), QStringLiteral("json")};
    arguments << scopeArguments() << valueArguments(values);
    return {{kHelm, arguments, kQueryTimeoutMs, {}, {}},
            [](const QByteArray& data, QString* error) -> std::optional<QByteArray> {
                const QJsonObject release = QJsonDocument::fromJson(data).object();
                if (!release.value(QStringLiteral("manifest")).isString()) {
                    if (error) *error = QStringLiteral("no \"manifest\" in helm's dry-run release");
                    return std::nullopt;
                }
                return release.value(QStringLiteral("manifest")).toString().toUtf8();
            },
            QStringLiteral("helm upgrade --dry-run=server")};
}

ToolCall<QByteArray> Helm::getManifest(const QString& release, int revision) const {
    QStringList arguments{QStringLiteral("get"), QStringLiteral("manifest"), release};
    if (revision > 0) arguments << QStringLiteral("--revision") << QString::number(revision);
    return {command(arguments), rawOutput, QStringLiteral("helm get manifest")};
}

ToolCall<QByteArray> Helm::getValues(const QString& release, int revision) const {
    QStringList arguments{QStringLiteral("get"), QStringLiteral("values"), release,
                          QStringLiteral("-o"), QStringLiteral("yaml")};
    if (revision > 0) arguments << QStringLiteral("--revision") << QString::number(revision);
    return {command(arguments), rawOutput, QStringLiteral("helm get values")};
}

ToolCommand Helm::rollback(const QString& release, int revision, int waitSeconds) const {
    return command({QStringLiteral("rollback"), release, QString::number(revision),
                    QStringLiteral("--wait"), QStringLiteral("--timeout"),
                    QStringLiteral("%1s").arg(waitSeconds)},
                   (waitSeconds + 60) * 1000);
}

ToolCommand Helm::uninstall(const QString& release, int waitSeconds) const {
    return command({QStringLiteral("uninstall"), release, QStringLiteral("--wait"),
                    QStringLiteral("--timeout"), QStringLiteral("%1s").arg(waitSeconds)},
                   (waitSeconds + 60) * 1000);
}

}  // namespace helmdeck::core
