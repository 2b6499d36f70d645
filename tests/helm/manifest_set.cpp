#include "manifest_set.hpp"

#include <QByteArray>

namespace helmdeck::chart_test {

ManifestSet ManifestSet::parse(const std::string& text) {
    ManifestSet set;
    for (const auto& document : YAML::LoadAll(text)) {
        if (document.IsMap() && document["kind"]) set.documents_.push_back(document);
    }
    return set;
}

std::vector<YAML::Node> ManifestSet::of_kind(const std::string& kind) const {
    std::vector<YAML::Node> found;
    for (const auto& document : documents_) {
        if (text_at(document, "kind") == kind) found.push_back(document);
    }
    return found;
}

YAML::Node ManifestSet::find(const std::string& kind, const std::string& name) const {
    for (const auto& document : of_kind(kind)) {
        if (text_at(document, "metadata.name") == name) return document;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

bool ManifestSet::has(const std::string& kind, const std::string& name) const {
    return find(kind, name).IsDefined();
}

namespace {
// Recursive on purpose: assigning one yaml-cpp Node to another rebinds shared data.
YAML::Node walk(const YAML::Node& node, const std::string& path, std::size_t start) {
    const auto dot = path.find('.', start);
    const auto step =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const bool last = dot == std::string::npos;
    if (node.IsMap()) {
        for (const auto& entry : node) {
            if (entry.first.as<std::string>() == step)
                return last ? entry.second : walk(entry.second, path, dot + 1);
        }
    } else if (node.IsSequence() && !step.empty() &&
               step.find_first_not_of("0123456789") == std::string::npos) {
        const auto index = std::stoul(step);
        if (index < node.size()) return last ? node[index] : walk(node[index], path, dot + 1);
    }
    return YAML::Node(YAML::NodeType::Undefined);
}
}  // namespace

YAML::Node at(const YAML::Node& root, const std::string& dotted_path) {
    return walk(root, dotted_path, 0);
}

std::string text_at(const YAML::Node& root, const std::string& dotted_path) {
    const auto node = at(root, dotted_path);
    return node.IsScalar() ? node.as<std::string>() : std::string("<missing>");
}

std::string key_of(const YAML::Node& map, const std::string& key) {
    if (map.IsMap()) {
        for (const auto& entry : map) {
            if (entry.first.as<std::string>() == key && entry.second.IsScalar())
                return entry.second.as<std::string>();
        }
    }
    return "<missing>";
}

YAML::Node first_container(const YAML::Node& workload) {
    return at(workload, "spec.template.spec.containers.0");
}

YAML::Node env_var(const YAML::Node& container, const std::string& name) {
    for (const auto& entry : at(container, "env")) {
        if (text_at(entry, "name") == name) return entry;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

std::string base64_decode(const std::string& encoded) {
    return QByteArray::fromBase64(QByteArray::fromStdString(encoded)).toStdString();
}

}  // namespace helmdeck::chart_test
