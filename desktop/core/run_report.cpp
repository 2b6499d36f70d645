#include "core/run_report.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include "core/parsers/k8s_quantity.hpp"

namespace helmdeck::core {
namespace {

QJsonValue optionalNumber(const std::optional<double>& value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeJson(const QDateTime& time) {
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QString cell(QString text) {
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString ms(double value) {
    return formatMeasure(value) + QStringLiteral(" ms");
}

QString optionalMs(const std::optional<double>& value) {
    return value ? ms(*value) : QStringLiteral("–");
}

QString duration(qint64 milliseconds) {
    if (milliseconds < 1000) return QString::number(milliseconds) + QStringLiteral(" ms");
    return formatMeasure(double(milliseconds) / 1000.0) + QStringLiteral(" s");
}

void writeLatency(QTextStream& out, const ProbeSummary& probe) {
    out << "\n## Latency (client side, open model at " << formatMeasure(probe.rateHz)
        << " requests/s)\n\n";
    out << "| Target | Requests | Errors | p50 | p95 | p99 | max |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|\n";
    auto row = [&out](const QString& name, const LatencyStats& stats) {
        out << "| " << cell(name) << " | " << stats.count + stats.errors << " | " << stats.errors
            << " | " << ms(stats.p50Ms) << " | " << ms(stats.p95Ms) << " | " << ms(stats.p99Ms)
            << " | " << ms(stats.maxMs) << " |\n";
    };
    for (auto it = probe.perPath.cbegin(); it != probe.perPath.cend(); ++it)
        row(it.key(), LatencyStats::from(it.value()));
    row(QStringLiteral("**all**"), probe.overallStats());
    if (probe.cancelled > 0) out << "\n" << probe.cancelled << " requests were cancelled.\n";

    out << "\n## Latency (server side, from /metrics)\n\n";
    if (!probe.server.available) {
        out << "Not available: " << cell(probe.server.error) << "\n";
        return;
    }
    out << "| Route | Requests | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|\n";
    for (const auto& route : probe.server.routes) {
        QStringList counts;
        for (auto it = route.byStatus.cbegin(); it != route.byStatus.cend(); ++it)
            counts << QStringLiteral("%1 × %2").arg(it.value()).arg(it.key());
        out << "| " << cell(route.method + QLatin1Char(' ') + route.route) << " | "
            << counts.join(QStringLiteral(", ")) << " | " << optionalMs(route.p50Ms) << " | "
            << optionalMs(route.p95Ms) << " | " << optionalMs(route.p99Ms) << " |\n";
    }
    out << "| **all** |  | " << optionalMs(probe.server.p50Ms) << " | "
        << optionalMs(probe.server.p95Ms) << " | " << optionalMs(probe.server.p99Ms) << " |\n";
}

}  // namespace

QString formatBytes(qint64 bytes) {
    if (bytes < 0) return QStringLiteral("unknown");
    if (bytes < 1000) return QString::number(bytes) + QStringLiteral(" B");
    if (bytes < 1'000'000) return formatMeasure(double(bytes) / 1e3) + QStringLiteral(" kB");
    if (bytes < 1'000'000'000) return formatMeasure(double(bytes) / 1e6) + QStringLiteral(" MB");
    return formatMeasure(double(bytes) / 1e9) + QStringLiteral(" GB");
}

QJsonObject toJson(const LatencyStats& stats) {
    return {{QStringLiteral("count"), qint64(stats.count)},
            {QStringLiteral("errors"), qint64(stats.errors)},
            {QStringLiteral("p50Ms"), stats.p50Ms},
            {QStringLiteral("p95Ms"), stats.p95Ms},
            {QStringLiteral("p99Ms"), stats.p99Ms},
            {QStringLiteral("maxMs"), stats.maxMs},
            {QStringLiteral("meanMs"), stats.meanMs}};
}

QJsonObject toJson(const ProbeSummary& summary) {
    QJsonObject paths;
    for (auto it = summary.perPath.cbegin(); it != summary.perPath.cend(); ++it)
        paths.insert(it.key(), toJson(LatencyStats::from(it.value())));
    QJsonObject statusCounts;
    for (auto it = summary.statusCounts.cbegin(); it != summary.statusCounts.cend(); ++it)
        statusCounts.insert(it.key(), qint64(it.value()));
    QJsonArray histogram;
    for (const auto& bucket : summary.overall.buckets())
        histogram.append(QJsonObject{{QStringLiteral("lowerUs"), bucket.lowerUs},
                                     {QStringLiteral("upperUs"), bucket.upperUs},
                                     {QStringLiteral("count"), qint64(bucket.count)}});
    QJsonArray routes;
    for (const auto& route : summary.server.routes) {
        QJsonObject byStatus;
        for (auto it = route.byStatus.cbegin(); it != route.byStatus.cend(); ++it)
            byStatus.insert(QString::number(it.key()), qint64(it.value()));
        routes.append(QJsonObject{{QStringLiteral("method"), route.method},
                                  {QStringLiteral("route"), route.route},
                                  {QStringLiteral("byStatus"), byStatus},
                                  {QStringLiteral("p50Ms"), optionalNumber(route.p50Ms)},
                                  {QStringLiteral("p95Ms"), optionalNumber(route.p95Ms)},
                                  {QStringLiteral("p99Ms"), optionalNumber(route.p99Ms)}});
    }
    const QJsonObject server{{QStringLiteral("available"), summary.server.available},
                             {QStringLiteral("error"), summary.server.error},
                             {QStringLiteral("p50Ms"), optionalNumber(summary.server.p50Ms)},
                             {QStringLiteral("p95Ms"), optionalNumber(summary.server.p95Ms)},
                             {QStringLiteral("p99Ms"), optionalNumber(summary.server.p99Ms)},
                             {QStringLiteral("routes"), routes}};
    return {{QStringLiteral("baseUrl"), summary.baseUrl.toString()},
            {QStringLiteral("rateHz"), summary.rateHz},
            {QStringLiteral("durationMs"), summary.durationMs},
            {QStringLiteral("scheduled"), qint64(summary.scheduled)},
            {QStringLiteral("cancelled"), qint64(summary.cancelled)},
            {QStringLiteral("overall"), toJson(summary.overallStats())},
            {QStringLiteral("sendLag"), toJson(LatencyStats::from(summary.sendLag))},
            {QStringLiteral("paths"), paths},
            {QStringLiteral("statusCounts"), statusCounts},
            {QStringLiteral("histogram"), histogram},
            {QStringLiteral("server"), server}};
}

QJsonObject toJson(const Verdict& verdict) {
    QJsonArray checks;
    for (const auto& check : verdict.checks)
        checks.append(QJsonObject{{QStringLiteral("name"), check.name},
                                  {QStringLiteral("measured"), optionalNumber(check.measured)},
                                  {QStringLiteral("budget"), check.budget},
                                  {QStringLiteral("unit"), check.unit},
                                  {QStringLiteral("status"), checkStatusName(check.status)},
                                  {QStringLiteral("reason"), check.reason}});
    return {{QStringLiteral("overall"), checkStatusName(verdict.overall)},
            {QStringLiteral("reason"), verdict.reason},
            {QStringLiteral("checks"), checks}};
}

QJsonObject toJson(const RunReport& report) {
    QJsonArray steps;
    for (const auto& step : report.steps)
        steps.append(QJsonObject{{QStringLiteral("name"), step.name},
                                 {QStringLiteral("status"), step.status},
                                 {QStringLiteral("durationMs"), step.durationMs},
                                 {QStringLiteral("reason"), step.reason}});
    QJsonArray images;
    for (const auto& image : report.images)
        images.append(QJsonObject{
            {QStringLiteral("name"), image.name},
            {QStringLiteral("bytes"), image.bytes >= 0 ? QJsonValue(image.bytes) : QJsonValue()}});
    QJsonArray pods;
    for (const auto& pod : report.pods) {
        const auto limit = [](double value) { return value > 0 ? QJsonValue(value) : QJsonValue(); };
        pods.append(QJsonObject{{QStringLiteral("name"), pod.pod},
                                {QStringLiteral("peakMemoryBytes"), pod.peakMemoryBytes},
                                {QStringLiteral("memoryLimitBytes"), limit(pod.memoryLimitBytes)},
                                {QStringLiteral("peakCpuMillicores"), pod.peakCpuMillicores},
                                {QStringLiteral("cpuLimitMillicores"), limit(pod.cpuLimitMillicores)},
                                {QStringLiteral("samples"), pod.samples},
                                {QStringLiteral("source"), pod.source}});
    }
    return {
        {QStringLiteral("schema"), QString::fromLatin1(kReportSchema)},
        {QStringLiteral("startedAt"), timeJson(report.startedAt)},
        {QStringLiteral("finishedAt"), timeJson(report.finishedAt)},
        {QStringLiteral("gitRevision"), report.gitRevision},
        {QStringLiteral("target"), report.target},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("images"), images},
        {QStringLiteral("probe"), report.probe ? QJsonValue(toJson(*report.probe)) : QJsonValue()},
        {QStringLiteral("verdict"),
         report.verdict ? QJsonValue(toJson(*report.verdict)) : QJsonValue()},
        {QStringLiteral("pods"), pods}};
}

QByteArray toJsonText(const RunReport& report) {
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

QString toMarkdown(const RunReport& report) {
    QString text;
    QTextStream out(&text);
    out << "# Helmdeck run report\n\n";
    if (report.verdict)
        out << "**Verdict: " << checkStatusName(report.verdict->overall).toUpper() << "** — "
            << report.verdict->reason << "\n\n";
    else
        out << "**Verdict: not evaluated**\n\n";
    out << "| | |\n|---|---|\n";
    out << "| Target | " << cell(report.target) << " |\n";
    out << "| Git revision | "
        << cell(report.gitRevision.isEmpty() ? QStringLiteral("unknown") : report.gitRevision)
        << " |\n";
    out << "| Started | " << report.startedAt.toUTC().toString(Qt::ISODate) << " |\n";
    if (report.startedAt.isValid() && report.finishedAt.isValid())
        out << "| Wall time | " << duration(report.startedAt.msecsTo(report.finishedAt)) << " |\n";

    if (!report.steps.isEmpty()) {
        out << "\n## Steps\n\n| Step | Status | Duration | Reason |\n|---|---|---:|---|\n";
        for (const auto& step : report.steps)
            out << "| " << cell(step.name) << " | " << cell(step.status) << " | "
                << duration(step.durationMs) << " | " << cell(step.reason) << " |\n";
    }
    if (!report.images.isEmpty()) {
        out << "\n## Images\n\n| Image | Size |\n|---|---:|\n";
        for (const auto& image : report.images)
            out << "| " << cell(image.name) << " | " << formatBytes(image.bytes) << " |\n";
    }
    if (report.probe) writeLatency(out, *report.probe);
    if (!report.pods.isEmpty()) {
        out << "\n## Pod resources (peak during the probe)\n\n"
               "| Pod | Memory | Limit | Of limit | CPU | Limit | Samples |\n"
               "|---|---:|---:|---:|---:|---:|---:|\n";
        for (const auto& pod : report.pods) {
            const QString share =
                pod.memoryLimitBytes > 0
                    ? QStringLiteral("%1 %").arg(100.0 * pod.peakMemoryBytes / pod.memoryLimitBytes, 0, 'f', 1)
                    : QStringLiteral("–");
            out << "| " << cell(pod.pod) << " | " << memoryText(pod.peakMemoryBytes) << " | "
                << (pod.memoryLimitBytes > 0 ? memoryText(pod.memoryLimitBytes) : QStringLiteral("none"))
                << " | " << share << " | " << cpuText(pod.peakCpuMillicores) << " | "
                << (pod.cpuLimitMillicores > 0 ? cpuText(pod.cpuLimitMillicores) : QStringLiteral("none"))
                << " | " << pod.samples << " |\n";
        }
    }
    if (report.verdict && !report.verdict->checks.isEmpty()) {
        out << "\n## SLO checks\n\n| Check | Measured | Budget | Result |\n|---|---:|---:|---|\n";
        for (const auto& check : report.verdict->checks)
            out << "| " << cell(check.name) << " | "
                << (check.measured ? formatMeasure(*check.measured) + QLatin1Char(' ') + check.unit
                                   : QStringLiteral("–"))
                << " | " << formatMeasure(check.budget) << ' ' << check.unit << " | "
                << checkStatusName(check.status) << " |\n";
    }
    out.flush();
    return text;
}

}  // namespace helmdeck::core
