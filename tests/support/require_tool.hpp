#pragma once
// Locally a test may skip when a tool is missing, naming the tool and how to get it.
// Under CI=true a missing tool is a failure: CI must have installed it.

#include <QString>
#include <QtTest>

namespace helmdeck::testing {

bool running_in_ci();
/// Absolute path of `tool` on PATH (or in the usual sbin/lib locations), or empty.
QString find_tool(const QString& tool);

}  // namespace helmdeck::testing

/// Skips (locally) or fails (CI) the current test when `condition` is false.
#define HELMDECK_REQUIRE(condition, what, hint)                                              \
    do {                                                                                     \
        if (!(condition)) {                                                                  \
            const QByteArray message_ = QByteArray(what) + " is not available; " + (hint);  \
            if (helmdeck::testing::running_in_ci()) QFAIL(message_.constData());             \
            QSKIP(message_.constData());                                                     \
        }                                                                                    \
    } while (false)
