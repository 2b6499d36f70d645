#pragma once
// Benchmark hooks. HELMDECK_TRACE_STARTUP=1: the milliseconds from process start to the first
// paint. HELMDECK_TRACE_STALLS=1: a 10 ms UI-thread heartbeat; every 10 s prints the longest
// gap between beats (the longest stall) and the resident memory.

class QObject;
class QWidget;

namespace helmdeck::ui {

/// Milliseconds since this process started (from /proc/self/stat; 0 when unavailable).
double msSinceProcessStart();
/// When HELMDECK_TRACE_STARTUP is set, prints "helmdeck: first paint after N ms" to stderr at
/// `window`'s first paint.
void traceFirstPaint(QWidget* window);
/// When HELMDECK_TRACE_STALLS is set, prints "helmdeck: stall max N ms, rss M MB" every 10 s
/// (N over the whole run so far) for as long as `owner` lives.
void traceStalls(QObject* owner);

}  // namespace helmdeck::ui
