#include "core/steps/diff_step.hpp"

#include <QPointer>

#include "core/steps/deploy_step.hpp"

namespace helmdeck::core {

namespace {
std::optional<QList<ManifestObject>> manifests(const QByteArray& data, QString* error) {
    return parseManifests(data, error);
}
}  // namespace

void DiffStep::start(RunContext& context) {
    context_ = &context;
    setLogStdout(false);
    Q_EMIT progress(0.1, tr("helm status"));
    call(helm(context).status(context.profile.release.name),
         [this](const ToolReply<HelmRelease>& status) {
             if (status.ok()) {
                 readDeployed(status.value->revision);
                 return;
             }
             if (status.result.ok() || !status.error.contains(QLatin1String("not found"))) {
                 failWith(status, tr("check the cluster with helmdeck-cli status"));
                 return;
             }
             render({}, {});  // a first install: everything is added
         });
}

void DiffStep::readDeployed(int revision) {
    Q_EMIT progress(0.3, tr("helm get manifest (revision %1)").arg(revision));
    const QString release = context_->profile.release.name;
    call(helm(*context_).getManifest(release, revision),
         [this, revision, release](const ToolReply<QByteArray>& manifest) {
             if (!manifest.ok()) {
                 failWith(manifest);
                 return;
             }
             QString error;
             const auto deployed = manifests(*manifest.value, &error);
             if (!deployed) {
                 finish(StepResult::failed(
                     tr("cannot read the deployed manifest of revision %1: %2").arg(revision).arg(error)));
                 return;
             }
             call(helm(*context_).getValues(release, revision),
                  [this, revision, deployed](const ToolReply<QByteArray>& values) {
                      if (!values.ok()) {
                          failWith(values);
                          return;
                      }
                      context_->diff = ReleaseDiff{};
                      context_->diff->deployedRevision = revision;
                      render(*deployed, *values.value);
                  });
         });
}

void DiffStep::render(const QList<ManifestObject>& deployed, const QByteArray& deployedValues) {
    const HelmChartValues values = DeployStep::chartValues(*context_);
    const int revision = context_->diff ? context_->diff->deployedRevision : 0;
    // An installed release renders as the upgrade will (lookups read the cluster).
    Q_EMIT progress(0.6, revision > 0 ? tr("helm upgrade --dry-run=server") : tr("helm template"));
    call(revision > 0 ? helm(*context_).renderUpgrade(values) : helm(*context_).renderTemplate(values),
         [this, deployed, deployedValues, values, revision](const ToolReply<QByteArray>& rendered) {
             if (!rendered.ok()) {
                 failWith(rendered, tr("fix the chart or its values; nothing was deployed"));
                 return;
             }
             QString error;
             const auto next = manifests(*rendered.value, &error);
             if (!next) {
                 finish(StepResult::failed(tr("cannot read the rendered manifests: %1").arg(error)));
                 return;
             }
             ReleaseDiff diff = diffManifests(deployed, *next);
             diff.release = values.release;
             diff.deployedRevision = revision;
             QStringList sets;
             for (auto it = values.set.cbegin(); it != values.set.cend(); ++it)
                 sets << QStringLiteral("%1=%2").arg(it.key(), it.value());
             sets << values.extraSet;
             const auto user = userValues(values.valuesFiles, sets, &error);
             const auto changes = user ? diffValues(deployedValues, *user, &error) : std::nullopt;
             if (!changes) {
                 finish(StepResult::failed(tr("cannot compare the values: %1").arg(error)));
                 return;
             }
             diff.values = *changes;
             conclude(diff);
         });
}

void DiffStep::conclude(ReleaseDiff diff) {
    context_->diff = diff;
    const QString headline = diff.deployedRevision == 0
                                 ? tr("first install of %1: %n object(s) to create", nullptr,
                                      int(diff.objects.size()))
                                       .arg(diff.release)
                                 : tr("against revision %1: %2").arg(diff.deployedRevision).arg(diff.headline());
    for (const QString& line : diff.text().split(QLatin1Char('\n')))
        if (!line.isEmpty()) Q_EMIT logLine(line);
    Q_EMIT progress(0.9, headline);
    if (!context_->confirmDiff || diff.isEmpty()) {
        Q_EMIT progress(1.0, headline);
        finish(StepResult::ok(headline));
        return;
    }
    Q_EMIT progress(0.95, tr("waiting for your confirmation"));
    QPointer<DiffStep> self(this);
    context_->confirmDiff(diff, [self, headline](bool yes) {
        if (!self || !self->isRunning()) return;
        if (!yes) {
            self->finish({StepState::Cancelled, tr("deploy declined after the diff; nothing was "
                                                   "sent to the cluster"),
                          {}});
            return;
        }
        Q_EMIT self->progress(1.0, headline);
        self->finish(StepResult::ok(headline));
    });
}

}  // namespace helmdeck::core
