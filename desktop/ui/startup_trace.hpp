#pragma once
// HELMDECK_TRACE_STARTUP=1: prints the milliseconds from process start to the first paint.

class QWidget;

namespace helmdeck::ui {

/// Milliseconds since this process started (from /proc/self/stat; 0 when unavailable).
double msSinceProcessStart();
/// When HELMDECK_TRACE_STARTUP is set, prints "helmdeck: first paint after N ms" to stderr at
/// `window`'s first paint.
void traceFirstPaint(QWidget* window);

}  // namespace helmdeck::ui
