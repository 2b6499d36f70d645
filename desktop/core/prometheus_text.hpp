#pragma once
// A parser for the Prometheus text exposition format (0.0.4) and helpers over its samples.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace helmdeck::core::prometheus {

using Labels = QMap<QString, QString>;

struct Sample {
    QString name;  ///< full series name, e.g. "todo_http_request_duration_seconds_bucket"
    Labels labels;
    double value = 0;
    std::optional<qint64> timestampMs;
};

struct Exposition {
    QList<Sample> samples;
    QHash<QString, QString> types;  ///< metric family → "counter", "histogram", …
    QHash<QString, QString> help;   ///< metric family → help text (unescaped)
    QStringList errors;             ///< "line N: why" for each line that was skipped
};

/// Parses the whole text. Malformed lines are skipped and reported in `errors`; the rest
/// still parse.
Exposition parse(const QByteArray& text);

/// Each listed label must equal one of its values; labels not listed are ignored.
using LabelFilter = QHash<QString, QStringList>;
bool matches(const Labels& labels, const LabelFilter& filter);

/// Sum of the values of every sample named `name` that matches `filter`.
double sum(const QList<Sample>& samples, const QString& name, const LabelFilter& filter = {});

struct BucketCount {
    double upperBound = 0;  ///< the `le` label; +Inf for the last bucket
    double count = 0;       ///< cumulative
    friend bool operator==(const BucketCount&, const BucketCount&) = default;
};

/// The cumulative buckets of histogram `family` (reads `family_bucket`), summed over every
/// series matching `filter` and sorted by upper bound.
QList<BucketCount> buckets(const QList<Sample>& samples, const QString& family,
                           const LabelFilter& filter = {});

/// `after - before`, bucket by bucket (for a window between two scrapes). Buckets missing from
/// `before` count as 0.
QList<BucketCount> difference(const QList<BucketCount>& after, const QList<BucketCount>& before);

/// Estimates the q-quantile (0..1) like PromQL's histogram_quantile: linear interpolation inside
/// the bucket holding the rank, the first bucket starting at 0, and the highest finite bound
/// when the rank falls in +Inf. Empty when there are no observations, no +Inf bucket or fewer
/// than two buckets.
std::optional<double> histogramQuantile(double q, QList<BucketCount> buckets);

/// True when a route template such as "/api/{user_id}/chat" matches a concrete path
/// ("/api/alice/chat"); a query string on `path` is ignored.
bool routeMatchesPath(const QString& routeTemplate, const QString& path);

}  // namespace helmdeck::core::prometheus
