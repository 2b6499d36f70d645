#pragma once
// The JSGF grammar the recognizer listens with: todo requests (add, show, complete, delete,
// reopen, rename, priorities, due dates, task numbers) and a title made of everyday todo words
// plus the words of the user's own task titles. Pure: text in, grammar text out.

#include <QString>
#include <QStringList>
#include <functional>

namespace helmdeck::core::voice {

/// True when the recognizer's pronunciation dictionary knows `word`.
using KnownWord = std::function<bool(const QString& word)>;

/// Lowercased, de-duplicated words of `titles` that `known` accepts (digits and punctuation
/// dropped), in first-seen order.
QStringList titleVocabulary(const QStringList& titles, const KnownWord& known);

/// The grammar text; `extraTitleWords` join the built-in title vocabulary.
QString todoGrammar(const QStringList& extraTitleWords);

/// Every word the grammar can produce (to check each against the dictionary).
QStringList todoGrammarWords(const QStringList& extraTitleWords);

}  // namespace helmdeck::core::voice
