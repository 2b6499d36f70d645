#include "core/steps/deploy_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kHelmWaitSeconds = 300;

// helm refuses values against values.schema.json with a header line and then one
// "- at '/replicaCount': minimum: got 0, want 1" line per violation.
QStringList schemaViolations(const QStringList& helmErrors) {
    QStringList violations;
    bool schema = false;
    for (const QString& line : helmErrors) {
        if (line.contains(QLatin1String("meet the specifications of the schema"))) schema = true;
        else if (schema && line.startsWith(QLatin1String("- "))) violations << line.mid(2);
    }
    if (schema && violations.isEmpty()) violations << QStringLiteral("see helm's output");
    return violations;
}
}  // namespace

DeployStep::DeployStep(QObject* parent) : ToolStep(parent) {
    // helm explains a schema refusal over several lines; the runner keeps only the last one.
    connect(&runner(), &ToolRunner::stderrLine, this, [this](const QString& line) {
        if (!line.trimmed().isEmpty()) helmErrors_ << line.trimmed();
    });
    connect(&rollout_, &RolloutWatch::changed, this, [this] {
        if (!isRunning()) return;
        const QList<DeploymentRollout>& now = rollout_.latest();
        const QString text = rolloutText(now);
        if (text.isEmpty()) return;
        Q_EMIT detail(rolloutDetail(now));
        Q_EMIT progress(0.1 + 0.8 * rolloutFraction(now), text);
    });
}

void DeployStep::cancel() {
    rollout_.stop();
    ToolStep::cancel();
}

HelmChartValues DeployStep::chartValues(const RunContext& context) {
    const ReleaseSpec& release = context.profile.release;
    HelmChartValues values{release.name, release.chart, release.valuesFiles, release.set, {}};
    // Each image into the chart values that take it: the first into image.* unless told otherwise.
    for (qsizetype i = 0; i < context.images.size(); ++i) {
        const MeasuredImage& image = context.images.at(i);
        QString key = i == 0 ? QStringLiteral("image") : QString();
        for (const ImageSpec& spec : context.profile.images)
            if (spec.name == image.name && !spec.valuesKey.isEmpty()) key = spec.valuesKey;
        if (key.isEmpty()) continue;
        values.extraSet << QStringLiteral("%1.repository=%2,%1.tag=%3").arg(key, image.name, image.tag);
    }
    return values;
}

void DeployStep::start(RunContext& context) {
    setLogStdout(true);
    helmErrors_.clear();
    Q_EMIT progress(0.1, tr("helm upgrade --install %1").arg(context.profile.release.name));
    rollout_.start(KubeScope::of(context.profile, context.kubeContext),
                   Kubectl::instanceSelector(context.profile.release.name), kRolloutPollMs);
    runTool(helm(context).upgradeInstall(chartValues(context), kHelmWaitSeconds),
            [this, &context](const ToolResult& installed) {
                rollout_.stop();
                const QStringList refused = schemaViolations(helmErrors_);
                if (!installed.ok() && !refused.isEmpty()) {
                    finish(StepResult::failed(
                        tr("the chart's values schema refuses the values: %1")
                            .arg(refused.join(QStringLiteral("; "))),
                        tr("fix the value in the profile's release.set or values files; "
                           "nothing was sent to the cluster")));
                    return;
                }
                if (!installed.ok()) {
                    failWith(installed,
                             tr("see `helmdeck-cli status` and the pod events; "
                                "`helmdeck-cli rollback` returns to the last good revision"));
                    return;
                }
                Q_EMIT progress(0.9, tr("reading the release status"));
                setLogStdout(false);
                call(helm(context).status(context.profile.release.name),
                     [this, &context](const ToolReply<HelmRelease>& status) {
                            if (!status.ok()) {
                                failWith(status);
                                return;
                            }
                            context.release = status.value;
                            const QString text = tr("%1 revision %2 %3")
                                                     .arg(context.release->name)
                                                     .arg(context.release->revision)
                                                     .arg(context.release->status);
                            Q_EMIT logLine(text);
                            Q_EMIT progress(1.0, text);
                            finish(StepResult::ok(text));
                        });
            });
}

}  // namespace helmdeck::core
