#pragma once
// A live log console: lines tagged by source (a step, or the backend), a source filter,
// search with highlighted matches, follow (auto-scroll) and copy.

#include <QStringList>
#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace helmdeck::ui {

class LogConsole : public QWidget {
    Q_OBJECT

public:
    explicit LogConsole(QWidget* parent = nullptr);

    /// Replaces the sources (the filter's entries after "All"); clears the lines.
    void setSources(const QStringList& sources);
    /// Appends a line from source `source` (an index into the sources, -1 for none).
    void appendLine(int source, const QString& line);
    void clear();
    /// A chatty source (the backend's request log) that "All sources" leaves out.
    void setQuietSource(int source) { quietSource_ = source; }

    /// Shows only `source`'s lines (-1 for all).
    void showSource(int source);
    bool follows() const;
    int lineCount() const { return int(lines_.size()); }
    /// The visible text (after the filter).
    QString visibleText() const;

public Q_SLOTS:
    void copyVisible();
    void findNext();

private:
    struct Line {
        int source;
        QString text;
    };
    void rebuild();
    void highlight();
    bool visible(const Line& line) const;

    std::vector<Line> lines_;
    QStringList sources_;
    int quietSource_ = -2;
    QComboBox* filter_ = nullptr;
    QLineEdit* search_ = nullptr;
    QCheckBox* follow_ = nullptr;
    QPlainTextEdit* text_ = nullptr;
};

}  // namespace helmdeck::ui
