#pragma once
// Spoken replies: reads the assistant's reply text aloud with Qt TextToSpeech (off by default),
// and falls silent the moment the user starts talking.

#include <QObject>
#include <QString>
#include <memory>

class QTextToSpeech;

namespace helmdeck::core::voice {

class ReplySpeaker : public QObject {
    Q_OBJECT

public:
    explicit ReplySpeaker(QObject* parent = nullptr);
    ~ReplySpeaker() override;

    void setEnabled(bool on);
    bool isEnabled() const { return enabled_; }
    /// Empty when speech works; otherwise one line with the fix (no engine installed).
    QString unavailableReason() const;
    /// Speaks `text` when enabled (a reply in progress is cut off).
    void speak(const QString& text);
    void stop();
    bool isSpeaking() const;
    /// The Qt TextToSpeech engine in use (flite, speechd, …), empty when none.
    QString engineName() const { return engine_; }

Q_SIGNALS:
    void speakingChanged(bool speaking);

private:
    void ensureEngine();

    std::unique_ptr<QTextToSpeech> tts_;
    QString engine_;
    bool enabled_ = false;
    bool triedEngine_ = false;
};

}  // namespace helmdeck::core::voice
