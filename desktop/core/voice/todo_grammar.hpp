#pragma once
// The JSGF grammar the recognizer listens with: todo requests (add, show, complete, delete,
// reopen, rename, priorities, due dates, task numbers) and a title of at most five everyday todo
// words, led by a verb after "to", plus the words of the user's own task titles, which alone
// name an existing task. Pure: text in, grammar text out.

#include <QString>
#include <QStringList>
#include <functional>

namespace helmdeck::core::voice {

/// True when the recognizer's pronunciation dictionary knows `word`.
using KnownWord = std::function<bool(const QString& word)>;

/// Lowercased, de-duplicated words of `titles` that `known` accepts (digits and punctuation
/// dropped), in first-seen order.
QStringList titleVocabulary(const QStringList& titles, const KnownWord& known);

/// The user's titles as they can be spoken: lowercased, cleaned words; a title with a word
/// `known` rejects is left out, duplicates once.
QStringList spokenTitles(const QStringList& titles, const KnownWord& known);

/// The grammar text. `extraTitleWords` (the words of the user's titles) join the built-in title
/// vocabulary and name tasks ("the milk task"); `taskTitles` (from spokenTitles) name them whole
/// and lend their first words to the title verbs.
QString todoGrammar(const QStringList& extraTitleWords, const QStringList& taskTitles = {});

/// Every word the grammar can produce (to check each against the dictionary).
QStringList todoGrammarWords(const QStringList& extraTitleWords);

}  // namespace helmdeck::core::voice
