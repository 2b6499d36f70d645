#include "core/voice/spoken_numbers.hpp"

#include <QHash>
#include <QStringList>

namespace helmdeck::core::voice {

namespace {

const QHash<QString, int>& units() {
    static const QHash<QString, int> table{
        {"zero", 0},      {"one", 1},        {"two", 2},       {"three", 3},    {"four", 4},
        {"five", 5},      {"six", 6},        {"seven", 7},     {"eight", 8},    {"nine", 9},
        {"ten", 10},      {"eleven", 11},    {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},
        {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}};
    return table;
}

const QHash<QString, int>& tens() {
    static const QHash<QString, int> table{{"twenty", 20}, {"thirty", 30}, {"forty", 40},
                                           {"fifty", 50},  {"sixty", 60},  {"seventy", 70},
                                           {"eighty", 80}, {"ninety", 90}};
    return table;
}

// Reads one number starting at words[i]; returns how many words it used (0: not a number).
int readNumber(const QStringList& words, int i, int* value) {
    int total = 0, used = 0;
    auto word = [&](int k) { return k < words.size() ? words[k].toLower() : QString(); };
    if (units().contains(word(i))) {
        total = units()[word(i)];
        used = 1;
        if (total > 0 && total < 10 && word(i + 1) == QLatin1String("hundred")) {
            total *= 100;
            used = 2;
            int rest = 0;
            const int extra = word(i + used) == QLatin1String("and") ? 1 : 0;
            const int more = readNumber(words, i + used + extra, &rest);
            if (more > 0 && rest < 100) {
                total += rest;
                used += extra + more;
            }
        }
    } else if (tens().contains(word(i))) {
        total = tens()[word(i)];
        used = 1;
        const int unit = units().value(word(i + 1), -1);
        if (unit >= 1 && unit <= 9) {
            total += unit;
            used = 2;
        }
    }
    *value = total;
    return used;
}

}  // namespace

QString digitsForSpokenNumbers(const QString& text) {
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList out;
    for (int i = 0; i < words.size();) {
        int value = 0;
        const int used = readNumber(words, i, &value);
        if (used == 0) {
            out << words[i++];
        } else {
            out << QString::number(value);
            i += used;
        }
    }
    return out.join(QLatin1Char(' '));
}

}  // namespace helmdeck::core::voice
