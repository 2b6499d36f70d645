#pragma once
// The frame every dashboard page shares: its margins, the title with a muted line under it at
// the top left, and a header row to the right of them for the page's buttons.

#include <QString>

class QHBoxLayout;
class QLabel;
class QVBoxLayout;
class QWidget;

namespace helmdeck::ui {

struct PageFrame {
    QVBoxLayout* layout = nullptr;  ///< the page's own layout, the header row already in it
    QHBoxLayout* header = nullptr;  ///< add the page's buttons here
    QLabel* subtitle = nullptr;     ///< the muted line under the title
};

/// Lays `page` out as a dashboard page titled `title`.
PageFrame makePageFrame(QWidget* page, const QString& title, const QString& subtitle = {});

}  // namespace helmdeck::ui
