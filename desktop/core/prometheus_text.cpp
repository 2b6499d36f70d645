#include "core/prometheus_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace helmdeck::core::prometheus {
namespace {

/// A cursor over one line; every parse step either advances or reports why it cannot.
class LineReader {
public:
    explicit LineReader(QByteArrayView line) : line_(line) {}

    bool atEnd() const { return pos_ >= line_.size(); }
    char peek() const { return atEnd() ? '\0' : line_[pos_]; }
    void skipBlanks() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) ++pos_;
    }
    bool consume(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    /// [a-zA-Z_:][a-zA-Z0-9_:]* for metric names, without ':' for label names.
    QString name(bool allowColon) {
        const auto start = pos_;
        auto valid = [&](char c, bool first) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                   (allowColon && c == ':') || (!first && c >= '0' && c <= '9');
        };
        while (!atEnd() && valid(peek(), pos_ == start)) ++pos_;
        return QString::fromLatin1(line_.sliced(start, pos_ - start));
    }
    /// A double-quoted label value with \\, \" and \n escapes.
    std::optional<QString> quoted() {
        if (!consume('"')) return std::nullopt;
        QByteArray out;
        while (!atEnd()) {
            const char c = line_[pos_++];
            if (c == '"') return QString::fromUtf8(out);
            if (c != '\\') {
                out += c;
                continue;
            }
            if (atEnd()) return std::nullopt;
            const char escaped = line_[pos_++];
            out += escaped == 'n' ? '\n' : escaped;  // \\ and \" keep the character
        }
        return std::nullopt;
    }
    QByteArrayView token() {
        const auto start = pos_;
        while (!atEnd() && peek() != ' ' && peek() != '\t') ++pos_;
        return line_.sliced(start, pos_ - start);
    }
    QByteArrayView rest() const { return line_.sliced(pos_); }

private:
    QByteArrayView line_;
    qsizetype pos_ = 0;
};

std::optional<double> parseValue(QByteArrayView text) {
    if (text == "+Inf" || text == "Inf") return std::numeric_limits<double>::infinity();
    if (text == "-Inf") return -std::numeric_limits<double>::infinity();
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double value = QByteArray(text.data(), text.size()).toDouble(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

QString unescapeHelp(QByteArrayView text) {
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            out += text[i] == 'n' ? '\n' : text[i];
        } else {
            out += text[i];
        }
    }
    return QString::fromUtf8(out);
}

void parseComment(LineReader& reader, Exposition& out) {
    reader.skipBlanks();
    const auto keyword = reader.token();
    if (keyword != "HELP" && keyword != "TYPE") return;  // any other comment is ignored
    reader.skipBlanks();
    const QString family = reader.name(true);
    if (family.isEmpty()) return;
    reader.skipBlanks();
    if (keyword == "TYPE")
        out.types.insert(family, QString::fromLatin1(reader.token()));
    else
        out.help.insert(family, unescapeHelp(reader.rest()));
}

std::optional<QString> parseSample(LineReader& reader, Sample& sample) {
    sample.name = reader.name(true);
    if (sample.name.isEmpty()) return QStringLiteral("expected a metric name");
    reader.skipBlanks();
    if (reader.consume('{')) {
        while (true) {
            reader.skipBlanks();
            if (reader.consume('}')) break;
            const QString label = reader.name(false);
            if (label.isEmpty()) return QStringLiteral("expected a label name");
            reader.skipBlanks();
            if (!reader.consume('=')) return QStringLiteral("expected '=' after ") + label;
            reader.skipBlanks();
            const auto value = reader.quoted();
            if (!value) return QStringLiteral("bad quoted value for label ") + label;
            sample.labels.insert(label, *value);
            reader.skipBlanks();
            if (reader.consume(',')) continue;  // a trailing comma before '}' is allowed
            if (reader.consume('}')) break;
            return QStringLiteral("expected ',' or '}' in the label set");
        }
    }
    reader.skipBlanks();
    const auto value = parseValue(reader.token());
    if (!value) return QStringLiteral("bad sample value");
    sample.value = *value;
    reader.skipBlanks();
    if (!reader.atEnd()) {
        bool ok = false;
        const auto stamp = reader.token();
        sample.timestampMs = QByteArray(stamp.data(), stamp.size()).toLongLong(&ok);
        if (!ok) return QStringLiteral("bad timestamp");
        reader.skipBlanks();
        if (!reader.atEnd()) return QStringLiteral("unexpected text after the timestamp");
    }
    return std::nullopt;
}

}  // namespace

Exposition parse(const QByteArray& text) {
    Exposition out;
    int lineNumber = 0;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0) end = text.size();
        QByteArrayView line = QByteArrayView(text).sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.endsWith('\r')) line.chop(1);
        LineReader reader(line);
        reader.skipBlanks();
        if (reader.atEnd()) continue;
        if (reader.consume('#')) {
            parseComment(reader, out);
            continue;
        }
        Sample sample;
        if (const auto why = parseSample(reader, sample))
            out.errors.append(QStringLiteral("line %1: %2").arg(lineNumber).arg(*why));
        else
            out.samples.append(std::move(sample));
    }
    return out;
}

bool matches(const Labels& labels, const LabelFilter& filter) {
    for (auto it = filter.cbegin(); it != filter.cend(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.cend() || !it.value().contains(*found)) return false;
    }
    return true;
}

double sum(const QList<Sample>& samples, const QString& name, const LabelFilter& filter) {
    double total = 0;
    for (const auto& sample : samples)
        if (sample.name == name && matches(sample.labels, filter)) total += sample.value;
    return total;
}

QList<BucketCount> buckets(const QList<Sample>& samples, const QString& family,
                           const LabelFilter& filter) {
    const QString bucketName = family + QStringLiteral("_bucket");
    QMap<double, double> byBound;
    for (const auto& sample : samples) {
        if (sample.name != bucketName || !matches(sample.labels, filter)) continue;
        const auto le = parseValue(sample.labels.value(QStringLiteral("le")).toLatin1());
        if (!le || std::isnan(*le)) continue;
        byBound[*le] += sample.value;
    }
    QList<BucketCount> out;
    for (auto it = byBound.cbegin(); it != byBound.cend(); ++it) out.append({it.key(), it.value()});
    return out;
}

QList<BucketCount> difference(const QList<BucketCount>& after, const QList<BucketCount>& before) {
    QList<BucketCount> out;
    for (const auto& bucket : after) {
        double earlier = 0;
        for (const auto& old : before)
            if (old.upperBound == bucket.upperBound) earlier = old.count;
        out.append({bucket.upperBound, bucket.count - earlier});
    }
    return out;
}

std::optional<double> histogramQuantile(double q, QList<BucketCount> buckets) {
    if (std::isnan(q)) return std::nullopt;
    std::sort(buckets.begin(), buckets.end(),
              [](const auto& a, const auto& b) { return a.upperBound < b.upperBound; });
    if (buckets.size() < 2 || !std::isinf(buckets.last().upperBound)) return std::nullopt;
    // Scrapes can race with observations; force the counts to be monotonic like Prometheus.
    for (qsizetype i = 1; i < buckets.size(); ++i)
        buckets[i].count = std::max(buckets[i].count, buckets[i - 1].count);
    const double observations = buckets.last().count;
    if (observations <= 0) return std::nullopt;
    if (q <= 0) q = 0;
    if (q >= 1) q = 1;

    double rank = q * observations;
    qsizetype b = 0;
    while (b < buckets.size() - 1 && buckets[b].count < rank) ++b;
    if (b == buckets.size() - 1) return buckets[b - 1].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;

    double start = 0;
    double count = buckets[b].count;
    if (b > 0) {
        start = buckets[b - 1].upperBound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    if (count <= 0) return buckets[b].upperBound;
    return start + (buckets[b].upperBound - start) * (rank / count);
}

bool routeMatchesPath(const QString& routeTemplate, const QString& path) {
    const QString bare = path.section(QLatin1Char('?'), 0, 0);
    const auto want = routeTemplate.split(QLatin1Char('/'));
    const auto have = bare.split(QLatin1Char('/'));
    if (want.size() != have.size()) return false;
    for (qsizetype i = 0; i < want.size(); ++i) {
        const bool wildcard = want[i].startsWith(QLatin1Char('{')) &&
                              want[i].endsWith(QLatin1Char('}')) && !have[i].isEmpty();
        if (!wildcard && want[i] != have[i]) return false;
    }
    return true;
}

}  // namespace helmdeck::core::prometheus
