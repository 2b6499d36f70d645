#include "core/parsers/image_reference.hpp"

namespace helmdeck::core {

QString ImageReference::name() const {
    return repository.section(QLatin1Char('/'), -1);
}

ImageReference parseImageReference(const QString& reference) {
    ImageReference parsed;
    QString rest = reference.trimmed();
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        parsed.digest = rest.mid(at + 1);
        rest = rest.left(at);
    }
    const qsizetype slash = rest.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon > slash) {
        parsed.tag = rest.mid(colon + 1);
        rest = rest.left(colon);
    }
    parsed.repository = rest;
    return parsed;
}

}  // namespace helmdeck::core
