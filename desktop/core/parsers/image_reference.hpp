#pragma once
// Splits a Docker image reference: "host:5000/team/img:tag@sha256:…" → repository, tag, digest.

#include <QString>

namespace helmdeck::core {

struct ImageReference {
    QString repository;  ///< "host:5000/team/img" (the registry port stays in it)
    QString tag;         ///< "tag"; empty when the reference names none
    QString digest;      ///< "sha256:…"; empty when none

    /// The last path component of the repository: "img".
    QString name() const;
    bool hasTagOrDigest() const { return !tag.isEmpty() || !digest.isEmpty(); }
};

/// A tag is the text after the last ':' of the last path component only, so a registry port
/// ("host:5000/img") is never taken for a tag.
ImageReference parseImageReference(const QString& reference);

}  // namespace helmdeck::core
