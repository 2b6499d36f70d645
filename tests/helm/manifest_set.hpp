#pragma once
// The multi-document output of `helm template`, parsed with yaml-cpp and looked up by kind and
// name.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace helmdeck::chart_test {

class ManifestSet {
public:
    /// Parses every non-empty document; throws YAML::Exception on malformed YAML.
    static ManifestSet parse(const std::string& text);

    const std::vector<YAML::Node>& all() const { return documents_; }
    std::vector<YAML::Node> of_kind(const std::string& kind) const;
    /// The object of that kind and name, or an undefined node.
    YAML::Node find(const std::string& kind, const std::string& name) const;
    bool has(const std::string& kind, const std::string& name) const;

private:
    std::vector<YAML::Node> documents_;
};

/// The node at a dotted path such as "spec.template.spec.containers.0.image" (numbers index
/// sequences), or an undefined node when any step is missing: tests never throw on a bad chart.
YAML::Node at(const YAML::Node& root, const std::string& dotted_path);
/// The scalar at that path, or "<missing>".
std::string text_at(const YAML::Node& root, const std::string& dotted_path);

/// The value of `key` in a map whose keys contain dots (labels, annotations), or "<missing>".
std::string key_of(const YAML::Node& map, const std::string& key);

/// The first container of a Deployment or StatefulSet.
YAML::Node first_container(const YAML::Node& workload);
/// The env entry of that name in a container, or an undefined node.
YAML::Node env_var(const YAML::Node& container, const std::string& name);
/// Decodes base64 (Secret data).
std::string base64_decode(const std::string& encoded);

}  // namespace helmdeck::chart_test
