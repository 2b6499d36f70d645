#include "summary_printer.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include "core/pipeline.hpp"
#include "exit_codes.hpp"
#include "progress_printer.hpp"

namespace helmdeck::cli {

namespace {

QString ms(double value) {
    return core::formatMeasure(value) + QStringLiteral(" ms");
}

QString stepsTable(const core::Pipeline& pipeline) {
    QString text;
    for (const core::Step* step : pipeline.steps()) {
        text += QStringLiteral("  %1 %2 %3")
                    .arg(step->id(), -10)
                    .arg(core::nameOf(step->state()), -9)
                    .arg(ProgressPrinter::duration(step->durationMs()), 9);
        if (step->state() != core::StepState::Ok && !step->result().reason.isEmpty())
            text += QStringLiteral("  ") + step->result().reason;
        text += QLatin1Char('\n');
    }
    return text;
}

QString probeLines(const core::ProbeSummary& probe) {
    const core::LatencyStats stats = probe.overallStats();
    QString text = QStringLiteral("latency: p50 %1, p95 %2, p99 %3, max %4 (%5 ok, %6 errors)")
                       .arg(ms(stats.p50Ms), ms(stats.p95Ms), ms(stats.p99Ms), ms(stats.maxMs))
                       .arg(stats.count)
                       .arg(stats.errors);
    if (probe.server.available && probe.server.p95Ms)
        text += QStringLiteral("; server-side p95 %1").arg(ms(*probe.server.p95Ms));
    return text + QLatin1Char('\n');
}

QString preflightLines(const core::PreflightReport& report) {
    QString text;
    for (const core::PreflightItem& item : report.items) {
        if (item.ok())
            text += QStringLiteral("  %1 ok  %2 %3\n")
                        .arg(item.tool, -9)
                        .arg(item.version, item.detail);
        else
            text += QStringLiteral("  %1 --  %2%3\n")
                        .arg(item.tool, -9)
                        .arg(item.problem, item.fixHint.isEmpty()
                                               ? QString()
                                               : QStringLiteral(" (fix: %1)").arg(item.fixHint));
    }
    if (!report.kubeContext.isEmpty())
        text += QStringLiteral("  kube context: %1\n").arg(report.kubeContext);
    return text;
}

QJsonObject toJson(const core::PreflightItem& item) {
    return {
        {QStringLiteral("tool"), item.tool},           {QStringLiteral("found"), item.found},
        {QStringLiteral("path"), item.path},           {QStringLiteral("version"), item.version},
        {QStringLiteral("reachable"), item.reachable}, {QStringLiteral("detail"), item.detail},
        {QStringLiteral("problem"), item.problem},     {QStringLiteral("fixHint"), item.fixHint}};
}

}  // namespace

QString textSummary(const QString& command, const core::Pipeline& pipeline) {
    const core::RunContext& context = pipeline.context();
    QString text = QStringLiteral("helmdeck %1 (%2): %3: %4\n")
                       .arg(command, core::nameOf(context.target), outcomeName(pipeline.outcome()),
                            pipeline.outcomeReason());
    text += stepsTable(pipeline);
    if (context.diff && command == QLatin1String("diff")) text += context.diff->text();
    if (context.preflight && command == QLatin1String("preflight"))
        text += preflightLines(*context.preflight);
    for (const core::MeasuredImage& image : context.images)
        if (image.sizeBytes >= 0)
            text += QStringLiteral("image: %1 %2 (%3 layers)\n")
                        .arg(image.reference, core::formatBytes(image.sizeBytes))
                        .arg(image.layers.size());
    if (context.probe) text += probeLines(*context.probe);
    if (context.release)
        text += QStringLiteral("release: %1 in %2, revision %3, %4\n")
                    .arg(context.release->name, context.release->namespace_)
                    .arg(context.release->revision)
                    .arg(context.release->status);
    if (command == QLatin1String("status")) {
        for (const core::HelmRevision& revision : context.revisions)
            text += QStringLiteral("  revision %1  %2  %3\n")
                        .arg(revision.revision)
                        .arg(revision.status, revision.description);
        for (const core::PodInfo& pod : context.pods)
            text += QStringLiteral("  pod %1  %2  %3  restarts %4  age %5\n")
                        .arg(pod.name, pod.readyText(), pod.status)
                        .arg(pod.restarts)
                        .arg(pod.age());
    }
    if (context.endpointUrl.isValid() && command == QLatin1String("deploy"))
        text += QStringLiteral("endpoint: %1\n").arg(context.endpointUrl.toString());
    if (context.webUrl.isValid())
        text += QStringLiteral("open: %1/ (the web UI)\n").arg(context.webUrl.toString());
    return text;
}

QJsonObject jsonSummary(const QString& command, const core::Pipeline& pipeline) {
    const core::RunContext& context = pipeline.context();
    QJsonObject object{{QStringLiteral("command"), command},
                       {QStringLiteral("target"), core::nameOf(context.target)},
                       {QStringLiteral("outcome"), outcomeName(pipeline.outcome())},
                       {QStringLiteral("exitCode"), exitCodeFor(pipeline.outcome())},
                       {QStringLiteral("reason"), pipeline.outcomeReason()},
                       {QStringLiteral("fixHint"), pipeline.outcomeFixHint()},
                       {QStringLiteral("endpoint"), context.endpointUrl.toString()},
                       {QStringLiteral("report"), core::toJson(pipeline.report())}};
    if (context.preflight) {
        QJsonArray items;
        for (const core::PreflightItem& item : context.preflight->items) items.append(toJson(item));
        object.insert(QStringLiteral("preflight"), items);
    }
    if (context.release)
        object.insert(QStringLiteral("release"),
                      QJsonObject{{QStringLiteral("name"), context.release->name},
                                  {QStringLiteral("namespace"), context.release->namespace_},
                                  {QStringLiteral("revision"), context.release->revision},
                                  {QStringLiteral("status"), context.release->status}});
    if (context.diff) {
        QJsonArray objects;
        for (const core::ObjectDiff& entry : context.diff->objects)
            objects.append(QJsonObject{
                {QStringLiteral("object"), entry.key()},
                {QStringLiteral("change"), entry.change == core::ObjectDiff::Added     ? QStringLiteral("added")
                                           : entry.change == core::ObjectDiff::Removed ? QStringLiteral("removed")
                                                                                       : QStringLiteral("changed")},
                {QStringLiteral("summary"), entry.summary()},
                {QStringLiteral("onlyNoise"), entry.onlyNoise()},
                {QStringLiteral("unified"), entry.unified}});
        QJsonArray values;
        for (const core::FieldChange& change : context.diff->values)
            values.append(QJsonObject{{QStringLiteral("path"), change.path},
                                      {QStringLiteral("before"), change.before},
                                      {QStringLiteral("after"), change.after}});
        object.insert(QStringLiteral("diff"),
                      QJsonObject{{QStringLiteral("headline"), context.diff->headline()},
                                  {QStringLiteral("deployedRevision"), context.diff->deployedRevision},
                                  {QStringLiteral("meaningful"), context.diff->meaningfulCount()},
                                  {QStringLiteral("objects"), objects},
                                  {QStringLiteral("values"), values}});
    }
    if (!context.revisions.isEmpty()) {
        QJsonArray revisions;
        for (const core::HelmRevision& revision : context.revisions)
            revisions.append(QJsonObject{{QStringLiteral("revision"), revision.revision},
                                         {QStringLiteral("status"), revision.status},
                                         {QStringLiteral("chart"), revision.chart},
                                         {QStringLiteral("description"), revision.description}});
        object.insert(QStringLiteral("revisions"), revisions);
    }
    if (!context.pods.isEmpty()) {
        QJsonArray pods;
        for (const core::PodInfo& pod : context.pods)
            pods.append(QJsonObject{{QStringLiteral("name"), pod.name},
                                    {QStringLiteral("phase"), pod.phase},
                                    {QStringLiteral("ready"), pod.ready},
                                    {QStringLiteral("restarts"), pod.restarts},
                                    {QStringLiteral("node"), pod.node}});
        object.insert(QStringLiteral("pods"), pods);
    }
    return object;
}

QString textChatReply(const core::ChatReply& reply) {
    QString text = reply.response + QLatin1Char('\n');
    for (const core::ChatToolCall& call : reply.toolCalls)
        text +=
            QStringLiteral("  [%1 %2] -> %3\n")
                .arg(call.name,
                     QString::fromUtf8(
                         QJsonDocument(call.arguments.toObject()).toJson(QJsonDocument::Compact)),
                     call.result.isObject()
                         ? QString::fromUtf8(
                               QJsonDocument(call.result.toObject()).toJson(QJsonDocument::Compact))
                         : call.result.toVariant().toString());
    return text;
}

QJsonObject jsonChatReply(const core::ChatReply& reply) {
    QJsonArray calls;
    for (const core::ChatToolCall& call : reply.toolCalls)
        calls.append(QJsonObject{{QStringLiteral("name"), call.name},
                                 {QStringLiteral("arguments"), call.arguments},
                                 {QStringLiteral("result"), call.result}});
    return {{QStringLiteral("ok"), reply.ok},
            {QStringLiteral("error"), reply.error},
            {QStringLiteral("conversation_id"), reply.conversationId},
            {QStringLiteral("response"), reply.response},
            {QStringLiteral("tool_calls"), calls},
            {QStringLiteral("latencyMs"), reply.latencyMs}};
}

QString textHistory(const QList<core::RunRecord>& runs) {
    if (runs.isEmpty()) return QStringLiteral("no runs recorded yet\n");
    QString text = QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                       .arg(QStringLiteral("time (UTC)"), -19)
                       .arg(QStringLiteral("target"), -7)
                       .arg(QStringLiteral("git"), -8)
                       .arg(QStringLiteral("p95"), 10)
                       .arg(QStringLiteral("verdict"), -7)
                       .arg(QStringLiteral("reason"));
    for (const core::RunRecord& run : runs) {
        text += QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                    .arg(run.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), -19)
                    .arg(run.target, -7)
                    .arg(run.gitRevision.left(8), -8)
                    .arg(run.p95Ms ? ms(*run.p95Ms) : QStringLiteral("-"), 10)
                    .arg(core::checkStatusName(run.verdict), -7)
                    .arg(run.reason);
    }
    return text;
}

bool writeReport(const QString& path, const core::RunReport& report, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    const QByteArray data = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                ? core::toJsonText(report)
                                : core::toMarkdown(report).toUtf8();
    file.write(data);
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

}  // namespace helmdeck::cli
