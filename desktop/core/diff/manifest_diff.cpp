#include "core/diff/manifest_diff.hpp"

#include <yaml-cpp/yaml.h>

#include <QCryptographicHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <vector>

#include "core/parsers/image_reference.hpp"

namespace helmdeck::core {

namespace {

struct Leaf {
    QStringList path;
    QString value;
};
using Leaves = QMap<QString, Leaf>;  // keyed by the joined path

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

// Flattens a node into leaves; list items with a "name" are keyed by it ("containers[api]").
void flatten(const YAML::Node& node, QStringList path, Leaves& out) {
    if (node.IsMap()) {
        for (const auto& entry : node)
            flatten(entry.second, path + QStringList{text(entry.first.as<std::string>())}, out);
        if (node.size() == 0) out.insert(path.join(QLatin1Char('.')), {path, QStringLiteral("{}")});
        return;
    }
    if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            const YAML::Node item = node[i];
            QString index = QString::number(i);
            if (item.IsMap() && item["name"] && item["name"].IsScalar())
                index = text(item["name"].as<std::string>());
            QStringList itemPath = path;
            if (itemPath.isEmpty()) itemPath << QString();
            itemPath.last() += QLatin1Char('[') + index + QLatin1Char(']');
            flatten(item, itemPath, out);
        }
        if (node.size() == 0) out.insert(path.join(QLatin1Char('.')), {path, QStringLiteral("[]")});
        return;
    }
    out.insert(path.join(QLatin1Char('.')),
               {path, node.IsNull() ? QStringLiteral("null") : text(node.Scalar())});
}

Leaves leavesOf(const QString& yaml) {
    Leaves leaves;
    try {
        flatten(YAML::Load(yaml.toStdString()), {}, leaves);
    } catch (const YAML::Exception&) {
    }
    return leaves;
}

// Helm's own churn: it follows the chart or the config, not a choice the user made here.
QString noiseOf(const QStringList& path) {
    if (path.size() < 2) return {};
    const QString& key = path.last();
    const QString& parent = path.at(path.size() - 2);
    if (parent == QLatin1String("labels") && key == QLatin1String("helm.sh/chart"))
        return QStringLiteral("helm.sh/chart label");
    if (parent == QLatin1String("labels") && key == QLatin1String("app.kubernetes.io/version"))
        return QStringLiteral("app.kubernetes.io/version label");
    if (parent == QLatin1String("annotations") && key.startsWith(QLatin1String("checksum/")))
        return QStringLiteral("%1 annotation").arg(key);
    return {};
}

QList<FieldChange> compare(const Leaves& before, const Leaves& after) {
    QList<FieldChange> changes;
    QStringList keys = before.keys();
    for (const QString& key : after.keys())
        if (!before.contains(key)) keys << key;
    for (const QString& key : keys) {
        const auto old = before.constFind(key);
        const auto now = after.constFind(key);
        const QString was = old != before.cend() ? old->value : QString();
        const QString is = now != after.cend() ? now->value : QString();
        if (old != before.cend() && now != after.cend() && was == is) continue;
        const QStringList& path = old != before.cend() ? old->path : now->path;
        changes.append({key, was, is, noiseOf(path)});
    }
    return changes;
}

// Secrets are diffed by digest: the diff must not print credentials.
void maskSecret(YAML::Node& root) {
    for (const char* section : {"data", "stringData"}) {
        YAML::Node values = root[section];
        if (!values || !values.IsMap()) continue;
        for (auto entry : values) {
            const QByteArray digest =
                QCryptographicHash::hash(QByteArray::fromStdString(entry.second.as<std::string>("")),
                                         QCryptographicHash::Sha256)
                    .toHex()
                    .left(12);
            entry.second = "(hidden, sha256 " + digest.toStdString() + ")";
        }
    }
}

QString plural(int n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

}  // namespace

std::optional<QList<ManifestObject>> parseManifests(const QByteArray& yaml, QString* error) {
    QList<ManifestObject> objects;
    static const QRegularExpression separator(QStringLiteral("^---\\s*$"),
                                              QRegularExpression::MultilineOption);
    const QStringList documents = QString::fromUtf8(yaml).split(separator);
    for (const QString& document : documents) {
        QStringList lines;
        for (const QString& line : document.split(QLatin1Char('\n')))
            if (!line.startsWith(QLatin1String("# Source:"))) lines << line;
        QString body = lines.join(QLatin1Char('\n')).trimmed();
        if (body.isEmpty()) continue;
        YAML::Node node;
        try {
            node = YAML::Load(body.toStdString());
        } catch (const YAML::Exception& e) {
            if (error) *error = text(e.what());
            return std::nullopt;
        }
        if (!node.IsMap()) continue;  // a comment-only document
        // Hooks (chart tests among them) are not part of a release's manifest.
        if (node["metadata"]["annotations"]["helm.sh/hook"]) continue;
        ManifestObject object;
        object.kind = text(node["kind"].as<std::string>(""));
        object.name = text(node["metadata"]["name"].as<std::string>(""));
        object.namespace_ = text(node["metadata"]["namespace"].as<std::string>(""));
        if (object.kind.isEmpty()) continue;
        if (object.kind == QLatin1String("Secret")) {
            maskSecret(node);
            YAML::Emitter out;
            out << node;
            body = text(out.c_str());
        }
        object.text = body + QLatin1Char('\n');
        objects.append(object);
    }
    return objects;
}

bool ObjectDiff::onlyNoise() const {
    if (change != Changed) return false;
    for (const FieldChange& field : fields)
        if (field.noise.isEmpty()) return false;
    return true;
}

QString ObjectDiff::summary() const {
    if (change == Added) return QStringLiteral("added");
    if (change == Removed) return QStringLiteral("removed");
    QStringList parts;
    QSet<QString> envNames;
    QStringList noise;
    QStringList other;
    bool imageTag = false, image = false;
    static const QRegularExpression env(QStringLiteral("\\.env\\[([^\\]]+)\\]"));
    for (const FieldChange& field : fields) {
        if (!field.noise.isEmpty()) {
            if (!noise.contains(field.noise)) noise << field.noise;
            continue;
        }
        if (field.path.endsWith(QLatin1String(".image")) &&
            field.path.contains(QLatin1String("containers["))) {
            const ImageReference was = parseImageReference(field.before);
            const ImageReference is = parseImageReference(field.after);
            (was.repository == is.repository ? imageTag : image) = true;
            continue;
        }
        const auto match = env.match(field.path);
        if (match.hasMatch()) {
            envNames.insert(match.captured(1));
            continue;
        }
        if (!other.contains(field.path)) other << field.path;
    }
    if (imageTag) parts << QStringLiteral("image tag");
    if (image) parts << QStringLiteral("image");
    if (!envNames.isEmpty()) parts << plural(int(envNames.size()), QStringLiteral("env var"),
                                             QStringLiteral("env vars"));
    if (other.size() <= 2)
        for (const QString& path : other) parts << path;
    else
        parts << plural(int(other.size()), QStringLiteral("field"), QStringLiteral("fields"));
    if (parts.isEmpty() && !noise.isEmpty())
        return QStringLiteral("only Helm's own: %1").arg(noise.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral(", "));
}

int ReleaseDiff::meaningfulCount() const {
    int count = 0;
    for (const ObjectDiff& object : objects) count += object.onlyNoise() ? 0 : 1;
    return count;
}

QString ReleaseDiff::headline() const {
    QStringList items;
    QStringList noiseOnly;
    for (const ObjectDiff& object : objects) {
        if (object.onlyNoise())
            noiseOnly << object.key();
        else
            items << QStringLiteral("%1 (%2)").arg(object.key(), object.summary());
    }
    QString line;
    if (items.isEmpty()) {
        line = QStringLiteral("no object changes");
    } else {
        const int n = int(items.size());
        line = QStringLiteral("%1 %2: %3")
                   .arg(plural(n, QStringLiteral("object"), QStringLiteral("objects")),
                        n == 1 ? QStringLiteral("changes") : QStringLiteral("change"),
                        items.join(QStringLiteral(", ")));
    }
    if (!noiseOnly.isEmpty())
        line += QStringLiteral("; %1 only Helm's own labels or checksums")
                    .arg(plural(int(noiseOnly.size()), QStringLiteral("more has"),
                                QStringLiteral("more have")));
    if (!values.isEmpty())
        line += QStringLiteral("; %1")
                    .arg(plural(int(values.size()), QStringLiteral("value changes"),
                                QStringLiteral("values change")));
    return line;
}

QString ReleaseDiff::text() const {
    QStringList lines{headline()};
    if (!values.isEmpty()) {
        lines << QStringLiteral("values:");
        for (const FieldChange& value : values)
            lines << QStringLiteral("  %1: %2 -> %3")
                         .arg(value.path,
                              value.before.isEmpty() ? QStringLiteral("(unset)") : value.before,
                              value.after.isEmpty() ? QStringLiteral("(unset)") : value.after);
    }
    for (const ObjectDiff& object : objects) {
        lines << QString() << QStringLiteral("%1: %2").arg(object.key(), object.summary());
        for (const FieldChange& field : object.fields)
            if (!field.noise.isEmpty())
                lines << QStringLiteral("  (Helm's own: %1 %2 -> %3)")
                             .arg(field.noise, field.before, field.after);
        if (!object.unified.isEmpty()) lines << object.unified.trimmed();
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

ReleaseDiff diffManifests(const QList<ManifestObject>& deployed,
                          const QList<ManifestObject>& rendered) {
    ReleaseDiff diff;
    QMap<QString, const ManifestObject*> before;
    for (const ManifestObject& object : deployed) before.insert(object.key(), &object);
    QSet<QString> seen;
    for (const ManifestObject& object : rendered) {
        seen.insert(object.key());
        const ManifestObject* old = before.value(object.key());
        ObjectDiff entry;
        entry.kind = object.kind;
        entry.name = object.name;
        if (!old) {
            entry.change = ObjectDiff::Added;
            entry.unified = unifiedDiff({}, object.text, QStringLiteral("/dev/null"), object.key());
            diff.objects.append(entry);
            continue;
        }
        if (old->text == object.text) {
            ++diff.unchanged;
            continue;
        }
        entry.fields = compare(leavesOf(old->text), leavesOf(object.text));
        entry.unified = unifiedDiff(old->text, object.text, object.key(), object.key());
        if (entry.fields.isEmpty()) {  // formatting only
            ++diff.unchanged;
            continue;
        }
        diff.objects.append(entry);
    }
    for (const ManifestObject& object : deployed) {
        if (seen.contains(object.key())) continue;
        ObjectDiff entry;
        entry.change = ObjectDiff::Removed;
        entry.kind = object.kind;
        entry.name = object.name;
        entry.unified = unifiedDiff(object.text, {}, object.key(), QStringLiteral("/dev/null"));
        diff.objects.append(entry);
    }
    return diff;
}

std::optional<QList<FieldChange>> diffValues(const QByteArray& deployed, const QByteArray& next,
                                             QString* error) {
    Leaves before, after;
    try {
        const YAML::Node old = YAML::Load(deployed.toStdString());
        const YAML::Node now = YAML::Load(next.toStdString());
        if (old.IsMap()) flatten(old, {}, before);
        if (now.IsMap()) flatten(now, {}, after);
    } catch (const YAML::Exception& e) {
        if (error) *error = text(e.what());
        return std::nullopt;
    }
    QList<FieldChange> changes = compare(before, after);
    for (FieldChange& change : changes) change.noise.clear();
    return changes;
}

namespace {
// Merges `overlay` into `base` the way helm merges values files: maps deep, the rest replaced.
void mergeInto(YAML::Node base, const YAML::Node& overlay) {
    for (const auto& entry : overlay) {
        const std::string key = entry.first.as<std::string>();
        if (entry.second.IsMap() && base[key] && base[key].IsMap())
            mergeInto(base[key], entry.second);
        else
            base[key] = YAML::Clone(entry.second);
    }
}
}  // namespace

std::optional<QByteArray> userValues(const QStringList& valuesFiles, const QStringList& sets,
                                     QString* error) {
    YAML::Node values(YAML::NodeType::Map);
    for (const QString& file : valuesFiles) {
        try {
            const YAML::Node loaded = YAML::LoadFile(file.toStdString());
            if (loaded.IsMap()) mergeInto(values, loaded);
        } catch (const YAML::Exception& e) {
            if (error) *error = QStringLiteral("%1: %2").arg(file, text(e.what()));
            return std::nullopt;
        }
    }
    for (const QString& set : sets) {
        for (const QString& assignment : set.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const qsizetype equals = assignment.indexOf(QLatin1Char('='));
            if (equals <= 0) continue;
            const QStringList path = assignment.left(equals).split(QLatin1Char('.'));
            std::vector<YAML::Node> chain{values};
            for (qsizetype i = 0; i + 1 < path.size(); ++i) {
                YAML::Node child = chain.back()[path.at(i).toStdString()];
                if (!child.IsMap()) child = YAML::Node(YAML::NodeType::Map);
                chain.back()[path.at(i).toStdString()] = child;
                chain.push_back(child);
            }
            chain.back()[path.last().toStdString()] = assignment.mid(equals + 1).toStdString();
        }
    }
    YAML::Emitter out;
    out << values;
    return QByteArray(out.c_str()) + '\n';
}

QString unifiedDiff(const QString& before, const QString& after, const QString& fromLabel,
                    const QString& toLabel, int context) {
    if (before == after) return {};
    const QStringList a = before.isEmpty() ? QStringList() : before.split(QLatin1Char('\n'));
    const QStringList b = after.isEmpty() ? QStringList() : after.split(QLatin1Char('\n'));
    const qsizetype n = a.size(), m = b.size();
    // Longest common subsequence table; objects are a few hundred lines at most.
    std::vector<std::vector<int>> lcs(std::size_t(n + 1), std::vector<int>(std::size_t(m + 1)));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a.at(i) == b.at(j) ? lcs[i + 1][j + 1] + 1
                                           : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    struct Op {
        char kind;  // ' ', '-', '+'
        qsizetype a, b;
    };
    std::vector<Op> ops;
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(i) == b.at(j)) ops.push_back({' ', i++, j++});
        else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
        else ops.push_back({'+', i, j++});
    }
    QStringList out{QStringLiteral("--- ") + fromLabel, QStringLiteral("+++ ") + toLabel};
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: back up `context` lines, run until `2*context` unchanged lines in a row.
        std::size_t start = k >= std::size_t(context) ? k - std::size_t(context) : 0;
        while (start < k && ops[start].kind != ' ') ++start;
        std::size_t end = k, quiet = 0;
        while (end < ops.size() && quiet <= std::size_t(2 * context)) {
            quiet = ops[end].kind == ' ' ? quiet + 1 : 0;
            ++end;
        }
        if (quiet > std::size_t(context)) end -= quiet - std::size_t(context);
        qsizetype aCount = 0, bCount = 0;
        for (std::size_t x = start; x < end; ++x) {
            if (ops[x].kind != '+') ++aCount;
            if (ops[x].kind != '-') ++bCount;
        }
        out << QStringLiteral("@@ -%1,%2 +%3,%4 @@")
                   .arg(aCount ? ops[start].a + 1 : ops[start].a)
                   .arg(aCount)
                   .arg(bCount ? ops[start].b + 1 : ops[start].b)
                   .arg(bCount);
        for (std::size_t x = start; x < end; ++x)
            out << QLatin1Char(ops[x].kind) +
                       (ops[x].kind == '+' ? b.at(ops[x].b) : a.at(ops[x].a));
        k = end;
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace helmdeck::core
