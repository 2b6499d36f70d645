#pragma once
// Where the recorded snapshots live (tests/desktop/data/ops/<scenario>), and loading one.

#include <QString>
#include <QTest>

#include "core/ops/cluster_snapshot.hpp"

inline QString opsDataDir(const QString& scenario = {}) {
    const QString root = QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/data/ops");
    return scenario.isEmpty() ? root : root + QLatin1Char('/') + scenario;
}

inline helmdeck::ops::ClusterSnapshot loadScenario(const QString& scenario) {
    QString error;
    const auto snapshot = helmdeck::ops::loadSnapshotDir(opsDataDir(scenario), &error);
    if (!snapshot) qFatal("cannot load %s: %s", qPrintable(scenario), qPrintable(error));
    return *snapshot;
}
