#pragma once
// Spoken numbers become digits: "mark task three done" -> "mark task 3 done",
// "twenty one" -> "21", "one hundred five" -> "105". Pure text in, text out.

#include <QString>

namespace helmdeck::core::voice {

QString digitsForSpokenNumbers(const QString& text);

}  // namespace helmdeck::core::voice
