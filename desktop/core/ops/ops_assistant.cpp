#include "core/ops/ops_assistant.hpp"

#include <QJsonArray>
#include <QJsonDocument>

#include "core/ops/k8s_json.hpp"
#include "core/ops/ops_queries.hpp"
#include "core/ops/request_resolver.hpp"
#include "core/ops/snapshot_collector.hpp"
#include "core/parsers/k8s_quantity.hpp"
#include "core/parsers/pod_usage_parser.hpp"
#include "core/paths.hpp"

namespace helmdeck::ops {

namespace {

QString findingsText(const QList<Finding>& findings, const ActionContext& context) {
    int errors = 0;
    int warnings = 0;
    for (const Finding& finding : findings) {
        errors += finding.severity == Severity::Error;
        warnings += finding.severity == Severity::Warning;
    }
    QString text = QStringLiteral("%1 finding%2: %3 error%4, %5 warning%6\n\n")
                       .arg(findings.size())
                       .arg(findings.size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(errors)
                       .arg(errors == 1 ? QString() : QStringLiteral("s"))
                       .arg(warnings)
                       .arg(warnings == 1 ? QString() : QStringLiteral("s"));
    for (const Finding& finding : findings) text += toText(finding, context) + QLatin1Char('\n');
    return text;
}

QString healthyText(const ClusterSnapshot& snapshot) {
    int ready = 0;
    for (const QJsonObject& pod : snapshot.pods)
        for (const QJsonValue& condition : arrayAt(pod, {"status", "conditions"}))
            if (condition.toObject().value(QStringLiteral("type")).toString() == QLatin1String("Ready") &&
                condition.toObject().value(QStringLiteral("status")).toString() == QLatin1String("True"))
                ++ready;
    QString text = QStringLiteral("Everything is healthy: %1 of %2 pods ready").arg(ready).arg(snapshot.pods.size());
    if (!snapshot.releaseStatus().isEmpty())
        text += QStringLiteral(", release %1 revision %2 %3")
                    .arg(snapshot.helmStatus.value(QStringLiteral("name")).toString())
                    .arg(snapshot.releaseRevision())
                    .arg(snapshot.releaseStatus());
    return text + QStringLiteral(".\n");
}

QString outcomeText(const ActionOutcome& outcome) {
    QString text = QStringLiteral("$ %1\n").arg(outcome.command);
    if (!outcome.output.isEmpty()) text += outcome.output.endsWith(QLatin1Char('\n')) ? outcome.output : outcome.output + QLatin1Char('\n');
    if (!outcome.result.ok()) text += QStringLiteral("failed: %1\n").arg(outcome.result.reason);
    return text;
}

}  // namespace

OpsSettings settingsFor(const core::Profile& profile, bool readOnlyFlag) {
    OpsSettings settings;
    settings.context.kubeContext = profile.cluster.context;
    settings.context.namespace_ = profile.release.namespace_;
    settings.context.release = profile.release.name;
    settings.context.chart = profile.release.chart;
    settings.dataDir = core::appDataDir();
    settings.readOnly = profile.ops.readOnly ? ReadOnlySource::Profile
                        : readOnlyFlag       ? ReadOnlySource::Flag
                                             : ReadOnlySource::None;
    return settings;
}

QJsonObject OpsAnswer::toJson(const ActionContext& context) const {
    QJsonArray findingArray;
    for (const Finding& finding : findings) findingArray.append(ops::toJson(finding, context));
    QJsonArray ranArray;
    for (const ActionOutcome& outcome : ran)
        ranArray.append(QJsonObject{{QStringLiteral("command"), outcome.command},
                                    {QStringLiteral("mutating"), isMutating(outcome.action)},
                                    {QStringLiteral("exitCode"), outcome.result.exitCode},
                                    {QStringLiteral("status"), core::nameOf(outcome.result.status)},
                                    {QStringLiteral("output"), outcome.output}});
    QJsonObject object{{QStringLiteral("request"), request},
                       {QStringLiteral("healthy"), healthy()},
                       {QStringLiteral("answer"), text},
                       {QStringLiteral("findings"), findingArray},
                       {QStringLiteral("ran"), ranArray},
                       {QStringLiteral("refused"), QJsonArray::fromStringList(refused)}};
    if (!proposed.isEmpty()) {
        QStringList commands;
        for (const Action& action : proposed) commands << commandText(action, context);
        object.insert(QStringLiteral("proposed"), QJsonArray::fromStringList(commands));
    }
    if (!error.isEmpty()) object.insert(QStringLiteral("error"), error);
    return object;
}

OpsAssistant::OpsAssistant(OpsSettings settings, Confirmer* confirmer, QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      confirmer_(confirmer),
      executor_(settings_.context, settings_.dataDir) {
    connect(&executor_, &ActionExecutor::outputLine, this, &OpsAssistant::outputLine);
}

OpsAssistant::~OpsAssistant() = default;

void OpsAssistant::readCluster() {
    if (settings_.snapshot) {
        snapshot_ = *settings_.snapshot;
        QMetaObject::invokeMethod(this, [this] { Q_EMIT snapshotReady(QString()); }, Qt::QueuedConnection);
        return;
    }
    if (!collector_) {
        collector_ = new SnapshotCollector(settings_.context, this);
        connect(collector_, &SnapshotCollector::finished, this,
                [this](const ClusterSnapshot& snapshot, const QString& error) {
                    snapshot_ = snapshot;
                    Q_EMIT snapshotReady(error);
                });
    }
    collector_->collect();
}

void OpsAssistant::finish() {
    Q_EMIT answered(answer_);
}

void OpsAssistant::diagnose() {
    answer_ = OpsAnswer{};
    answer_.request = QStringLiteral("diagnose");
    connect(this, &OpsAssistant::snapshotReady, this, [this](const QString& error) {
        if (!error.isEmpty()) {
            answer_.error = error;
            answer_.text = QStringLiteral("Cannot read the cluster: %1\n").arg(error);
        } else {
            answer_.findings = ops::diagnose(snapshot_);
            answer_.text = needsAttention(answer_.findings) ? findingsText(answer_.findings, settings_.context)
                                                            : healthyText(snapshot_);
        }
        finish();
    }, Qt::SingleShotConnection);
    readCluster();
}

void OpsAssistant::ask(const QString& request) {
    answer_ = OpsAnswer{};
    answer_.request = request;
    parsed_ = parseOpsRequest(request);
    if (parsed_.kind == OpsRequest::Kind::Help) {
        answer_.text = parsed_.reply + QLatin1Char('\n');
        QMetaObject::invokeMethod(this, &OpsAssistant::finish, Qt::QueuedConnection);
        return;
    }
    connect(this, &OpsAssistant::snapshotReady, this, [this](const QString& error) {
        if (!error.isEmpty()) {
            answer_.error = error;
            answer_.text = QStringLiteral("Cannot read the cluster: %1\n").arg(error);
            finish();
            return;
        }
        answerParsed();
    }, Qt::SingleShotConnection);
    readCluster();
}

void OpsAssistant::answerParsed() {
    using Kind = OpsRequest::Kind;
    switch (parsed_.kind) {
        case Kind::Diagnose:
        case Kind::Health:
            answer_.findings = ops::diagnose(snapshot_);
            answer_.text = needsAttention(answer_.findings) ? findingsText(answer_.findings, settings_.context)
                                                            : healthyText(snapshot_);
            finish();
            return;
        case Kind::Events: {
            const QList<EventGroup> groups = groupWarningEvents(snapshot_);
            answer_.text = groups.isEmpty() ? QStringLiteral("No Warning events.\n")
                                            : QStringLiteral("%1 group%2 of Warning events, newest first:\n")
                                                  .arg(groups.size())
                                                  .arg(groups.size() == 1 ? QString() : QStringLiteral("s"));
            for (const EventGroup& group : groups)
                answer_.text += QStringLiteral("  %1  %2 %3 ×%4: %5\n")
                                    .arg(group.lastSeen, group.object.text(), group.reason)
                                    .arg(group.count)
                                    .arg(group.messages.value(0));
            finish();
            return;
        }
        case Kind::TopMemory:
            answerTopMemory();
            return;
        case Kind::UpgradeDiff:
            answerUpgradeDiff();
            return;
        case Kind::Act:
        case Kind::Explain: {
            const Resolution resolution = resolveAction(parsed_, snapshot_, settings_.context);
            if (!resolution.action) {
                answer_.text = QStringLiteral("Nothing was run: %1.\n").arg(resolution.problem);
                finish();
                return;
            }
            if (parsed_.kind == Kind::Explain) {
                answer_.text = QStringLiteral("To %1, run:\n  %2\n%3")
                                   .arg(describe(*resolution.action), commandText(*resolution.action, settings_.context),
                                        isMutating(*resolution.action)
                                            ? QStringLiteral("It changes the cluster; ask me to do it and I will ask you to confirm.\n")
                                            : QString());
                finish();
                return;
            }
            answerWithAction(*resolution.action);
            return;
        }
        case Kind::Help:
            break;
    }
    answer_.text = parsed_.reply;
    finish();
}

void OpsAssistant::runAction(const Action& action, const QString& request) {
    const QString command = commandText(action, settings_.context);
    ActionOutcome planned{action, command, {}, {}, {}};
    const GateDecision decision = gate(action, settings_.context, settings_.readOnly);
    if (decision.kind == GateDecision::Refused) {
        QMetaObject::invokeMethod(this, [this, planned, decision] { Q_EMIT actionDone(false, planned, decision.message); },
                                  Qt::QueuedConnection);
        return;
    }
    QString confirmedBy;
    if (decision.kind == GateDecision::NeedsConfirmation) {
        const Confirmation confirmation = confirmer_ ? confirmer_->confirm(action, command)
                                                     : Confirmation{false, {}, QStringLiteral("nobody to ask")};
        if (!confirmation.confirmed) {
            const QString why = QStringLiteral("not run (%1): %2").arg(confirmation.reason, command);
            QMetaObject::invokeMethod(this, [this, planned, why] { Q_EMIT actionDone(false, planned, why); },
                                      Qt::QueuedConnection);
            return;
        }
        confirmedBy = confirmation.by;
    }
    connect(&executor_, &ActionExecutor::finished, this,
            [this](const ActionOutcome& outcome) { Q_EMIT actionDone(true, outcome, QString()); },
            Qt::SingleShotConnection);
    executor_.run(action, request, confirmedBy);
}

void OpsAssistant::answerWithAction(const Action& action) {
    if (settings_.deferConfirmation &&
        gate(action, settings_.context, settings_.readOnly).kind == GateDecision::NeedsConfirmation) {
        answer_.proposed << action;
        answer_.text = QStringLiteral("To %1 I would run the command below. It changes the cluster, "
                                      "so it waits for your yes.\n")
                           .arg(describe(action));
        QMetaObject::invokeMethod(this, &OpsAssistant::finish, Qt::QueuedConnection);
        return;
    }
    connect(this, &OpsAssistant::actionDone, this,
            [this](bool ran, const ActionOutcome& outcome, const QString& refusal) {
                if (!ran) {
                    answer_.refused << refusal;
                    answer_.text = refusal + QLatin1Char('\n');
                } else {
                    answer_.ran << outcome;
                    answer_.text = outcomeText(outcome);
                    if (!outcome.result.ok()) answer_.error = outcome.result.reason;
                }
                if (outcome.action.kind == ActionKind::AskKubectlAi) {
                    if (outcome.result.status == core::ToolResult::NotFound)
                        answer_.error = QStringLiteral("kubectl-ai is not on PATH; it is optional "
                                                       "(https://github.com/GoogleCloudPlatform/kubectl-ai)");
                    // Its answer beside ours: the analyzers' findings on the same snapshot.
                    answer_.findings = ops::diagnose(snapshot_);
                    answer_.text = QStringLiteral("kubectl-ai says:\n%1\nHelmdeck's diagnosis:\n%2")
                                       .arg(answer_.text,
                                            needsAttention(answer_.findings) ? findingsText(answer_.findings, settings_.context)
                                                                             : healthyText(snapshot_));
                }
                finish();
            },
            Qt::SingleShotConnection);
    runAction(action, answer_.request);
}

void OpsAssistant::answerTopMemory() {
    QStringList nodes;
    for (const QJsonObject& pod : snapshot_.pods) nodes << textAt(pod, {"spec", "nodeName"});
    nodes.removeAll(QString());
    nodes.removeDuplicates();
    askNodeSummaries(nodes, {});
}

void OpsAssistant::askNodeSummaries(QStringList nodes, QList<core::PodUsageSample> samples) {
    if (nodes.isEmpty()) {
        if (!samples.isEmpty()) {
            answerTopMemoryFrom(samples);
            return;
        }
        answerTopMemoryFromMetricsApi();
        return;
    }
    Action summary;
    summary.kind = ActionKind::TopPods;
    summary.name = nodes.takeFirst();
    connect(this, &OpsAssistant::actionDone, this,
            [this, nodes, samples](bool ran, const ActionOutcome& outcome, const QString&) mutable {
                if (ran) answer_.ran << outcome;
                const auto read = ran && outcome.result.ok()
                                      ? core::parseKubeletSummary(outcome.output.toUtf8(), settings_.context.namespace_)
                                      : std::nullopt;
                // One node refusing its Summary (RBAC on nodes/proxy) means the others will too.
                if (!read) {
                    answerTopMemoryFromMetricsApi();
                    return;
                }
                samples << *read;
                askNodeSummaries(nodes, samples);
            },
            Qt::SingleShotConnection);
    runAction(summary, answer_.request);
}

void OpsAssistant::answerTopMemoryFrom(QList<core::PodUsageSample> samples) {
    std::stable_sort(samples.begin(), samples.end(),
                     [](const core::PodUsageSample& a, const core::PodUsageSample& b) { return a.memoryBytes > b.memoryBytes; });
    answer_.text = QStringLiteral("%1 uses the most memory: %2 (cpu %3), from the kubelet's Summary API.\n")
                       .arg(samples.first().pod, core::memoryText(samples.first().memoryBytes),
                            core::cpuText(samples.first().cpuMillicores));
    for (const core::PodUsageSample& row : samples)
        answer_.text += QStringLiteral("  %1  %2  %3\n")
                            .arg(row.pod, core::memoryText(row.memoryBytes).rightJustified(10),
                                 core::cpuText(row.cpuMillicores).rightJustified(6));
    finish();
}

void OpsAssistant::answerTopMemoryFromMetricsApi() {
    Action top;
    top.kind = ActionKind::TopPods;
    connect(this, &OpsAssistant::actionDone, this, [this](bool ran, const ActionOutcome& outcome, const QString&) {
        if (ran) answer_.ran << outcome;
        const QList<PodUsage> usage = ran && outcome.result.ok() ? parseTopPods(outcome.output) : QList<PodUsage>{};
        if (!usage.isEmpty()) {
            answer_.text = QStringLiteral("%1 uses the most memory: %2 (cpu %3).\n")
                               .arg(usage.first().pod, usage.first().memory, usage.first().cpu);
            for (const PodUsage& row : usage)
                answer_.text += QStringLiteral("  %1  %2  %3\n").arg(row.pod, row.memory.rightJustified(8), row.cpu.rightJustified(6));
        } else {
            // Neither the kubelets nor a metrics API answered: the limits are what is known.
            answer_.text = QStringLiteral("No usage figures (the kubelet Summary API and kubectl top both failed: %1); the pods' memory limits:\n")
                               .arg(outcome.result.reason.isEmpty() ? QStringLiteral("no rows") : outcome.result.reason);
            for (const QJsonObject& pod : snapshot_.pods) {
                QStringList limits;
                for (const QJsonValue& container : arrayAt(pod, {"spec", "containers"}))
                    limits << textAt(container.toObject(), {"resources", "limits", "memory"});
                answer_.text += QStringLiteral("  %1  %2\n").arg(nameOfObject(pod), limits.join(QStringLiteral(" + ")));
            }
        }
        finish();
    }, Qt::SingleShotConnection);
    runAction(top, answer_.request);
}

void OpsAssistant::answerUpgradeDiff() {
    QList<int> revisions;
    for (const QJsonValue& entry : snapshot_.helmHistory) revisions << entry.toObject().value(QStringLiteral("revision")).toInt();
    std::sort(revisions.begin(), revisions.end());
    if (revisions.size() < 2) {
        answer_.text = revisions.isEmpty() ? QStringLiteral("The release is not installed.\n")
                                           : QStringLiteral("The release has one revision: nothing changed yet.\n");
        finish();
        return;
    }
    const int before = revisions.at(revisions.size() - 2);
    const int after = revisions.last();
    auto valuesOf = [](const ActionOutcome& outcome) {
        return QJsonDocument::fromJson(outcome.output.toUtf8()).object();
    };
    Action first;
    first.kind = ActionKind::GetValues;
    first.revision = before;
    connect(this, &OpsAssistant::actionDone, this,
            [this, before, after, valuesOf](bool ran, const ActionOutcome& old, const QString& refusal) {
                if (!ran || !old.result.ok()) {
                    answer_.error = ran ? old.result.reason : refusal;
                    answer_.text = QStringLiteral("Cannot read the values of revision %1: %2\n").arg(before).arg(answer_.error);
                    finish();
                    return;
                }
                answer_.ran << old;
                Action second;
                second.kind = ActionKind::GetValues;
                second.revision = after;
                connect(this, &OpsAssistant::actionDone, this,
                        [this, before, after, old, valuesOf](bool ran2, const ActionOutcome& now, const QString& refusal2) {
                            if (!ran2 || !now.result.ok()) {
                                answer_.error = ran2 ? now.result.reason : refusal2;
                                answer_.text = QStringLiteral("Cannot read the values of revision %1: %2\n").arg(after).arg(answer_.error);
                                finish();
                                return;
                            }
                            answer_.ran << now;
                            const QStringList lines = diffValues(valuesOf(old), valuesOf(now));
                            answer_.text = lines.isEmpty()
                                               ? QStringLiteral("Revisions %1 and %2 have the same values.\n").arg(before).arg(after)
                                               : QStringLiteral("From revision %1 to %2 the values changed:\n  %3\n")
                                                     .arg(before)
                                                     .arg(after)
                                                     .arg(lines.join(QStringLiteral("\n  ")));
                            finish();
                        },
                        Qt::SingleShotConnection);
                runAction(second, answer_.request);
            },
            Qt::SingleShotConnection);
    runAction(first, answer_.request);
}

}  // namespace helmdeck::ops
