#include "core/parsers/pod_usage_parser.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/parsers/k8s_quantity.hpp"
#include "core/parsers/rfc3339.hpp"

namespace helmdeck::core {

namespace {

std::optional<QJsonObject> rootObject(const QByteArray& json, const char* what, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = QStringLiteral("%1: invalid JSON: %2")
                         .arg(QLatin1String(what),
                              parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString()
                                  : QStringLiteral("not an object"));
        return std::nullopt;
    }
    return document.object();
}

struct Figures {
    bool cpu = false;
    bool memory = false;
    double cpuMillicores = 0;
    double memoryBytes = 0;
    QDateTime time;
};

// A Summary API "cpu"/"memory" pair; a stat without its field (a container that just started)
// counts as unknown, not as zero.
Figures figuresOf(const QJsonObject& stats) {
    Figures out;
    const QJsonObject cpu = stats.value(QLatin1String("cpu")).toObject();
    const QJsonObject memory = stats.value(QLatin1String("memory")).toObject();
    if (cpu.contains(QLatin1String("usageNanoCores"))) {
        out.cpu = true;
        out.cpuMillicores = cpu.value(QLatin1String("usageNanoCores")).toDouble() / 1e6;
    }
    if (memory.contains(QLatin1String("workingSetBytes"))) {
        out.memory = true;
        out.memoryBytes = memory.value(QLatin1String("workingSetBytes")).toDouble();
    }
    out.time = parseRfc3339(memory.value(QLatin1String("time")).toString(
        cpu.value(QLatin1String("time")).toString()));
    return out;
}

}  // namespace

std::optional<QList<PodUsageSample>> parseKubeletSummary(const QByteArray& json,
                                                         const QString& namespace_,
                                                         QString* error) {
    const auto root = rootObject(json, "stats/summary", error);
    if (!root) return std::nullopt;
    if (!root->value(QLatin1String("pods")).isArray()) {
        if (error) *error = QStringLiteral("stats/summary: no \"pods\" array");
        return std::nullopt;
    }
    QList<PodUsageSample> samples;
    for (const QJsonValue& value : root->value(QLatin1String("pods")).toArray()) {
        const QJsonObject pod = value.toObject();
        const QJsonObject ref = pod.value(QLatin1String("podRef")).toObject();
        PodUsageSample sample;
        sample.pod = ref.value(QLatin1String("name")).toString();
        sample.namespace_ = ref.value(QLatin1String("namespace")).toString();
        if (sample.pod.isEmpty()) continue;
        if (!namespace_.isEmpty() && sample.namespace_ != namespace_) continue;

        // The containers' sum first: on a cgroup v1 node the kubelet reports zeros for the pod's
        // own cgroup (seen on the test node), and limits are the containers' anyway.
        Figures total;
        for (const QJsonValue& container : pod.value(QLatin1String("containers")).toArray()) {
            const Figures figures = figuresOf(container.toObject());
            total.cpu = total.cpu || figures.cpu;
            total.memory = total.memory || figures.memory;
            total.cpuMillicores += figures.cpuMillicores;
            total.memoryBytes += figures.memoryBytes;
            if (!total.time.isValid()) total.time = figures.time;
        }
        if (!total.cpu && !total.memory) total = figuresOf(pod);
        // A pod the kubelet has not measured yet (no figure at all) is left out, not shown as 0.
        if (!total.cpu && !total.memory) continue;
        sample.cpuMillicores = total.cpuMillicores;
        sample.memoryBytes = total.memoryBytes;
        sample.time = total.time;
        samples << sample;
    }
    return samples;
}

std::optional<QList<PodUsageSample>> parsePodMetrics(const QByteArray& json, QString* error) {
    const auto root = rootObject(json, "metrics.k8s.io", error);
    if (!root) return std::nullopt;
    const QString kind = root->value(QLatin1String("kind")).toString();
    if (kind != QLatin1String("PodMetricsList")) {
        if (error)
            *error = QStringLiteral("metrics.k8s.io: expected a PodMetricsList, got \"%1\"").arg(kind);
        return std::nullopt;
    }
    QList<PodUsageSample> samples;
    for (const QJsonValue& value : root->value(QLatin1String("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const QJsonObject metadata = item.value(QLatin1String("metadata")).toObject();
        PodUsageSample sample;
        sample.pod = metadata.value(QLatin1String("name")).toString();
        sample.namespace_ = metadata.value(QLatin1String("namespace")).toString();
        sample.time = parseRfc3339(item.value(QLatin1String("timestamp")).toString());
        for (const QJsonValue& container : item.value(QLatin1String("containers")).toArray()) {
            const QJsonObject usage = container.toObject().value(QLatin1String("usage")).toObject();
            sample.cpuMillicores +=
                cpuMillicores(usage.value(QLatin1String("cpu")).toString()).value_or(0);
            sample.memoryBytes +=
                memoryBytes(usage.value(QLatin1String("memory")).toString()).value_or(0);
        }
        if (!sample.pod.isEmpty()) samples << sample;
    }
    return samples;
}

}  // namespace helmdeck::core
