#include "core/voice/todo_grammar.hpp"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace helmdeck::core::voice {

namespace {

// Verbs a todo title starts with ("buy milk", "call mom"); the user's titles add their first words.
const QStringList& baseTitleVerbs() {
    static const QStringList verbs = QStringLiteral(
        "buy get pick pay call email write send read clean wash fix book order check cook bake "
        "make take bring return renew cancel water feed walk plan prepare finish start review "
        "visit meet schedule print sign file submit update pack mow paint sort charge back")
        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return verbs;
}

// Everyday words of todo titles; the user's own titles add theirs on top.
const QStringList& baseTitleWords() {
    static const QStringList words = baseTitleVerbs() + QStringLiteral(
        "milk bread eggs butter cheese coffee tea rice pasta fruit apples bananas vegetables "
        "groceries dinner lunch breakfast cake pizza wine beer juice soap shampoo "
        "mom dad mother father sister brother grandma grandpa kids friend friends boss team "
        "doctor dentist vet plumber bank landlord office school teacher neighbor "
        "rent bills bill taxes tax insurance invoice receipt report budget passport license "
        "car bike tires oil gas garage kitchen bathroom house room floor windows garden lawn "
        "plants flowers trash laundry dishes clothes shoes keys phone laptop computer printer "
        "library books book letter package parcel mail gift card flight hotel tickets train "
        "appointment meeting presentation project homework slides notes code tests release "
        "dog cat fish birthday party anniversary holiday vacation trip weekend gym run yoga "
        "new old big small next last first").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words;
}

QString alternatives(const QStringList& words) { return words.join(QStringLiteral(" | ")); }

const char* kRules = R"(
public <request> = [<lead>] <command> [please];
<lead> = please | can you | could you | hey | i want to | i need to;
<command> = <add> | <show> | <finish> | <remove> | <reopen> | <change>;

<add> = (add | create | new) [a | an | another] [<priority>] (task | todo | reminder) ([to] <verbtitle> | (called | for) <title>) [<due>] [<prioritytail>]
      | (add | put) <title> (to | on) my (list | tasks | todo list) [<due>]
      | remind me to <verbtitle> [<due>] [<prioritytail>];
<priority> = high priority | medium priority | low priority | urgent | important;
<prioritytail> = [with | at | as] (high | medium | low) priority | it's urgent;
<due> = today | tonight | tomorrow | next week | this weekend | [on | by | next | this] <weekday>;
<weekday> = monday | tuesday | wednesday | thursday | friday | saturday | sunday;

<show> = (show | list | display) [me] [all] [my | the] [<filter>] (tasks | todos | list | to dos) [<due>]
       | what's (pending | left | on my list | due [<due>])
       | what (have i | did i) (completed | finished | done)
       | what do i (have to do | need to do) [<due>]
       | what are my [<filter>] tasks [<due>];
<filter> = pending | open | completed | finished | done | high priority | low priority | medium priority | urgent;

<finish> = (mark | set) <taskref> [as] (done | complete | completed | finished)
         | (complete | finish | check off | tick off) <taskref>
         | i (finished | completed | did) <taskref>;
<remove> = (delete | remove | drop | cancel) <taskref>;
<reopen> = (reopen | uncomplete) <taskref> | mark <taskref> as (not done | pending | open);
<change> = (rename | change) <taskref> to <title>
         | (change | set) [the] priority of <taskref> to (high | medium | low)
         | (set | make) <taskref> [to] (high | medium | low) priority
         | (move | postpone | push) <taskref> to <due>
         | set [the] due date of <taskref> to <due>;

<number> = <unit> | <teen> | <tens> [<unit>];
<unit> = one | two | three | four | five | six | seven | eight | nine;
<teen> = ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen;
<tens> = twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety;
<title> = /4/ <verbtitle> | <word> [<more>];
<verbtitle> = <verb> [<more>];
<more> = <glue> <word> [<glue> <word> [<glue> <word> [<glue> <word>]]];
<glue> = [<link>] [<article>];
<link> = to | for | of | and | with | at | in | on | up | about | from | off | out;
<article> = /4/ the | /2/ a | an | my | our | your | his | her;
)";

QStringList mergedTitleWords(const QStringList& base, const QStringList& extra) {
    QStringList words;
    QSet<QString> seen;
    for (const QStringList* list : {&base, &extra})
        for (const QString& word : *list)
            if (!seen.contains(word)) {
                seen.insert(word);
                words << word;
            }
    return words;
}

// A title's words, lowercased, without digits, punctuation or edge quotes ("mom's" stays).
QStringList cleanWords(const QString& title) {
    static const QRegularExpression nonWord(QStringLiteral("[^a-z']+"));
    QStringList words;
    for (QString word : title.toLower().split(nonWord, Qt::SkipEmptyParts)) {
        while (word.startsWith(QLatin1Char('\''))) word.remove(0, 1);
        while (word.endsWith(QLatin1Char('\''))) word.chop(1);
        if (!word.isEmpty()) words << word;
    }
    return words;
}

// How a request names an existing task: mostly by number, else by words of its title (a task
// is found by its own words, so only the user's title words can name one) or its whole title.
QString taskReferenceRule(const QStringList& ownWords, const QStringList& taskTitles) {
    QStringList forms{QStringLiteral("/8/ task [number] <number>"), QStringLiteral("number <number>"),
                      QStringLiteral("<number>")};
    QString ownRules;
    if (!ownWords.isEmpty()) {
        forms << QStringLiteral("the <ownword> [<ownword>] [<ownword>] task");
        ownRules += QStringLiteral("<ownword> = ") + alternatives(ownWords) + QStringLiteral(";\n");
    }
    if (!taskTitles.isEmpty()) {
        forms << QStringLiteral("<owntitle>");
        ownRules += QStringLiteral("<owntitle> = ") + alternatives(taskTitles) + QStringLiteral(";\n");
    }
    return QStringLiteral("<taskref> = ") + forms.join(QStringLiteral(" | ")) + QStringLiteral(";\n") + ownRules;
}

const QSet<QString>& glueWords() {
    // Links and articles have rules of their own; as title words they would loop freely.
    static const QSet<QString> glue{"to", "for", "of", "and", "with", "at", "in", "on", "up", "about",
                                    "from", "off", "out", "the", "a", "an", "my", "our", "your",
                                    "his", "her"};
    return glue;
}

// Title verbs: the built-in ones and the first word of each of the user's titles.
QStringList titleVerbs(const QStringList& taskTitles) {
    QStringList leading;
    for (const QString& title : taskTitles)
        if (const QString first = title.section(QLatin1Char(' '), 0, 0); !glueWords().contains(first))
            leading << first;
    return mergedTitleWords(baseTitleVerbs(), leading);
}

}  // namespace

QStringList titleVocabulary(const QStringList& titles, const KnownWord& known) {
    QStringList out;
    QSet<QString> seen;
    for (const QString& title : titles)
        for (const QString& word : cleanWords(title)) {
            if (seen.contains(word) || glueWords().contains(word) || (known && !known(word))) continue;
            seen.insert(word);
            out << word;
        }
    return out;
}

QStringList spokenTitles(const QStringList& titles, const KnownWord& known) {
    QStringList out;
    for (const QString& title : titles) {
        const QStringList words = cleanWords(title);
        const bool speakable = !words.isEmpty() && std::all_of(words.begin(), words.end(),
                                           [&known](const QString& word) { return !known || known(word); });
        const QString spoken = words.join(QLatin1Char(' '));
        if (speakable && !out.contains(spoken)) out << spoken;
    }
    return out;
}

QString todoGrammar(const QStringList& extraTitleWords, const QStringList& taskTitles) {
    return QStringLiteral("#JSGF V1.0;\ngrammar todo;\n") + QString::fromLatin1(kRules) +
           taskReferenceRule(extraTitleWords, taskTitles) +
           QStringLiteral("<verb> = ") + alternatives(titleVerbs(taskTitles)) + QStringLiteral(";\n") +
           QStringLiteral("<word> = ") + alternatives(mergedTitleWords(baseTitleWords(), extraTitleWords)) +
           QStringLiteral(";\n");
}

QStringList todoGrammarWords(const QStringList& extraTitleWords) {
    static const QRegularExpression token(QStringLiteral("[a-z'][a-z'-]*"));
    QString rules = QString::fromLatin1(kRules) + taskReferenceRule({}, {});
    rules.remove(QRegularExpression(QStringLiteral("<[^>]+>")));
    rules.remove(QRegularExpression(QStringLiteral("/[0-9.]+/")));
    QStringList words = mergedTitleWords(baseTitleWords(), extraTitleWords);
    QSet<QString> seen(words.begin(), words.end());
    for (auto it = token.globalMatch(rules); it.hasNext();) {
        const QString word = it.next().captured();
        if (word == QLatin1String("public") || seen.contains(word)) continue;
        seen.insert(word);
        words << word;
    }
    return words;
}

}  // namespace helmdeck::core::voice
