#pragma once
// Kubernetes resource quantities ("128Mi", "250m", "1.5"), as the API and kubectl write them.

#include <QString>
#include <optional>

namespace helmdeck::core {

/// A memory quantity ("4Mi", "128M", "1Gi", "512") in bytes; nullopt when malformed.
std::optional<double> memoryBytes(const QString& quantity);
/// Bytes as Kubernetes writes them in binary units, rounded up ("64Mi", "1Gi").
QString memoryQuantity(double bytes);
/// A CPU quantity ("250m", "1", "0.5") in millicores; nullopt when malformed.
std::optional<double> cpuMillicores(const QString& quantity);

/// For people: "3.9 MiB", "812 KiB", "1.2 GiB".
QString memoryText(double bytes);
/// For people: "3m", "1.25" (cores from 1000m up).
QString cpuText(double millicores);

}  // namespace helmdeck::core
