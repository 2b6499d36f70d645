#include "ui/page_frame.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace helmdeck::ui {

PageFrame makePageFrame(QWidget* page, const QString& title, const QString& subtitle) {
    page->setObjectName(QStringLiteral("page"));
    PageFrame frame;
    frame.layout = new QVBoxLayout(page);
    frame.layout->setContentsMargins(24, 20, 24, 20);
    frame.layout->setSpacing(14);
    frame.header = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    auto* heading = new QLabel(title, page);
    heading->setObjectName(QStringLiteral("pageTitle"));
    frame.subtitle = new QLabel(subtitle, page);
    frame.subtitle->setObjectName(QStringLiteral("muted"));
    titles->addWidget(heading);
    titles->addWidget(frame.subtitle);
    frame.header->addLayout(titles, 1);
    frame.layout->addLayout(frame.header);
    return frame;
}

}  // namespace helmdeck::ui
