#include "core/voice/audio_clip.hpp"

#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace helmdeck::core::voice {

void AudioClip::wipe() {
    if (!samples.isEmpty()) std::memset(samples.data(), 0, size_t(samples.size()) * sizeof(qint16));
    samples.clear();
    samples.squeeze();
}

void wipeBytes(QByteArray& bytes) {
    if (!bytes.isEmpty()) std::memset(bytes.data(), 0, size_t(bytes.size()));
    bytes.clear();
    bytes.squeeze();
}

namespace {

quint32 u32(const char* p) { return qFromLittleEndian<quint32>(p); }
quint16 u16(const char* p) { return qFromLittleEndian<quint16>(p); }

AudioClip fail(QString* error, const QString& why) {
    if (error) *error = why;
    return {};
}

}  // namespace

AudioClip parseWav(const QByteArray& wav, QString* error) {
    const char* data = wav.constData();
    const qsizetype size = wav.size();
    if (size < 12 || std::memcmp(data, "RIFF", 4) != 0 || std::memcmp(data + 8, "WAVE", 4) != 0)
        return fail(error, QStringLiteral("not a WAV file (no RIFF/WAVE header)"));
    int channels = 0, rate = 0, bits = 0, format = 0;
    qsizetype pos = 12;
    while (pos + 8 <= size) {
        const QByteArray id(data + pos, 4);
        // Streamed WAVs (espeak-ng --stdout) carry 0xFFFFFFFF sizes: clamp to what is there.
        const qsizetype chunk = std::min<qsizetype>(u32(data + pos + 4), size - pos - 8);
        const char* body = data + pos + 8;
        if (id == "fmt " && chunk >= 16) {
            format = u16(body);
            channels = u16(body + 2);
            rate = int(u32(body + 4));
            bits = u16(body + 14);
        } else if (id == "data") {
            if (format != 1 && format != 0xFFFE)
                return fail(error, QStringLiteral("WAV is not PCM (format %1)").arg(format));
            if (bits != 16)
                return fail(error, QStringLiteral("WAV has %1-bit samples; 16-bit PCM is needed").arg(bits));
            if (channels < 1 || rate <= 0)
                return fail(error, QStringLiteral("WAV has no valid fmt chunk before its data"));
            AudioClip clip;
            clip.sampleRate = rate;
            const qsizetype frames = chunk / (2 * channels);
            clip.samples.resize(frames);
            for (qsizetype i = 0; i < frames; ++i)
                clip.samples[i] = qFromLittleEndian<qint16>(body + i * 2 * channels);
            return clip;
        }
        pos += 8 + chunk + (chunk & 1);
    }
    return fail(error, QStringLiteral("WAV has no data chunk"));
}

QByteArray encodeWav(const AudioClip& clip) {
    QByteArray out;
    auto put32 = [&out](quint32 v) { char b[4]; qToLittleEndian(v, b); out.append(b, 4); };
    auto put16 = [&out](quint16 v) { char b[2]; qToLittleEndian(v, b); out.append(b, 2); };
    const auto dataBytes = quint32(clip.samples.size() * 2);
    out.append("RIFF", 4);
    put32(36 + dataBytes);
    out.append("WAVEfmt ", 8);
    put32(16);
    put16(1);
    put16(1);
    put32(quint32(clip.sampleRate));
    put32(quint32(clip.sampleRate * 2));
    put16(2);
    put16(16);
    out.append("data", 4);
    put32(dataBytes);
    for (qint16 sample : clip.samples) put16(quint16(sample));
    return out;
}

AudioClip resampledToSpeechRate(const AudioClip& clip) {
    if (clip.sampleRate == kSpeechSampleRate || clip.sampleRate <= 0) return clip;
    const double step = double(clip.sampleRate) / kSpeechSampleRate;
    // Windowed-sinc low-pass at 90 % of the lower Nyquist: aliasing above 8 kHz would fold
    // into the band the acoustic model listens to.
    const double cutoff = 0.45 / std::max(1.0, step);  // cycles per input sample
    const int halfWidth = 24;
    const qsizetype n = clip.samples.size();
    AudioClip out;
    const auto frames = qsizetype(double(n) / step);
    out.samples.resize(frames);
    for (qsizetype i = 0; i < frames; ++i) {
        const double centre = i * step;
        const auto first = std::max<qsizetype>(0, qsizetype(std::ceil(centre - halfWidth)));
        const auto last = std::min<qsizetype>(n - 1, qsizetype(std::floor(centre + halfWidth)));
        double sum = 0, weights = 0;
        for (qsizetype k = first; k <= last; ++k) {
            const double x = double(k) - centre;
            const double sinc = x == 0 ? 1.0 : std::sin(2 * M_PI * cutoff * x) / (2 * M_PI * cutoff * x);
            const double window = 0.5 + 0.5 * std::cos(M_PI * x / halfWidth);
            const double w = sinc * window;
            sum += w * clip.samples[k];
            weights += w;
        }
        const double value = weights != 0 ? sum / weights : 0;
        out.samples[i] = qint16(std::clamp(std::lround(value), -32768L, 32767L));
    }
    return out;
}

double peakLevel(const qint16* samples, qsizetype count) {
    int peak = 0;
    for (qsizetype i = 0; i < count; ++i) peak = std::max(peak, std::abs(int(samples[i])));
    return std::min(1.0, peak / 32768.0);
}

}  // namespace helmdeck::core::voice
